"""An employee's own data (AVG/GDPR): all of it as JSON, or the account deleted.

Covered: the profile with its email and identity links, posts, comments and replies, reactions
(on posts and on the site's pages), group memberships, requests and invitations, event
enrolments (and the calendar feed), and notifications (with their settings). Each is found
through a per-person index partition, so nothing is scanned. Both directions work in bounded
steps, whatever the size of the account (ARCHITECTURE.md, "Own data"):

- export: one page per call, at most MAX_QUERIES Queries and about MAX_BYTES of JSON, with a
  `next` cursor; the "My data" page follows it and saves one file.
- delete: at most BUDGET items per call, answered 202 while content is left; the profile goes
  last, in the call that finds nothing left. A retry resumes where the last call stopped.
  Photo files go before what names them (removed posts' photos, unattached originals, the
  profile photo), so a failure leaves them findable by the next call.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from ..clock import Clock, iso
from ..errors import invalid
from ..models import Comment, EmailIndex, Membership, Post, Reaction, Report, SubjectIndex
from ..models.events import Enrolment
from ..models.notifications import Follower, Notification, NotifySettings, Unread
from . import cursors, delivery, directory, erase, people, photos
from .events import calendar, enrolment

CHOICES = ("anonymise", "remove")
ANONYMOUS = erase.ANONYMOUS
PAGE = 100
MAX_QUERIES = 10  # per export call: well inside API Gateway's 29 s
MAX_BYTES = 1_000_000  # per export call: far below Lambda's 6 MB response
BUDGET = 100  # items erased per delete call: a few seconds of writes


@dataclass(frozen=True)
class Section:
    name: str
    index: object
    partition: Callable[[str], str]
    sort: object  # the index's range key attribute
    to_json: Callable


def _post(p: Post) -> dict:
    return {"id": p.id, "body": p.body, "kind": p.kind, "group": p.group_id,
            "created": p.created, "edited": p.edited}


def _comment(c: Comment) -> dict:
    return {"id": c.id, "thread": c.thread, "post": c.post_id, "parent": c.parent,
            "body": c.body, "deleted": bool(c.deleted), "created": c.created,
            "edited": c.edited}


def _reaction(r: Reaction) -> dict:
    on = {"page": r.page} if r.page is not None else {"post": r.post_id}
    return {**on, "kind": r.chosen, "created": r.created}


def _membership(m: Membership) -> dict:
    return {"group": m.group_id, "state": m.state, "role": m.role, "since": m.since}


def _enrolment(e: Enrolment) -> dict:
    return {"event": e.event_id, "state": e.state, "position": int(e.position),
            "since": e.since, "changed": e.changed}


def _notification(n: Notification) -> dict:
    return {"id": n.id, "type": n.type, "actor": n.actor_name, "post": n.post_id,
            "comment": n.comment_id, "group": n.group_id, "created": n.created,
            "updated": n.updated, "read": bool(n.read), "mail": n.mail, "mailed": n.mailed}


def _report(r: Report) -> dict:
    return {"kind": r.kind, "target": r.target, "reason": r.reason, "text": r.text,
            "state": r.state, "outcome": r.outcome, "created": r.created}


def _forget_report(report: Report) -> bool:
    """A report names its reporter only; the queue's flag keeps its count without them."""
    report.delete()
    return True


def _mine(state: str) -> Callable[[str], str]:
    return lambda person_id: Membership.person_partition(state, person_id)


SECTIONS = (
    Section("posts", Post.by_author, lambda p: f"AUTHOR#{p}", Post.gsi2sk, _post),
    Section("comments", Comment.by_author, Comment.author_partition, Comment.gsi2sk, _comment),
    Section("reactions", Reaction.by_person, lambda p: Reaction.person_key("", p)[0],
            Reaction.gsi2sk, _reaction),
    Section("groups", Membership.mine, _mine("member"), Membership.gsi1sk, _membership),
    Section("invitations", Membership.mine, _mine("invited"), Membership.gsi1sk, _membership),
    Section("requests", Membership.mine, _mine("requested"), Membership.gsi1sk, _membership),
    Section("enrolments", Enrolment.mine, Enrolment.person_partition, Enrolment.gsi1sk,
            _enrolment),
    Section("cancelled_enrolments", Enrolment.mine, Enrolment.cancelled_partition,
            Enrolment.gsi1sk, _enrolment),
    # The person's own inbox partition of the base table (docs/notifications.md).
    Section("notifications", Notification, Notification.partition, Notification.sk,
            _notification),
    Section("reports", Report.by_reporter, Report.reporter_partition, Report.gsi2sk, _report),
)
NAMES = tuple(s.name for s in SECTIONS)
COVERS = ("profile", *NAMES)


def _page(section: Section, person_id: str, after: str | None, limit: int = PAGE,
          newest_first: bool = False) -> list:
    condition = section.sort > after if after else None
    return list(section.index.query(section.partition(person_id), condition, limit=limit,
                                    page_size=limit, scan_index_forward=not newest_first))


def _sort_key(section: Section, item) -> str:
    return getattr(item, section.sort.attr_name)


def _cursor(cursor: str | None) -> tuple[int, str | None]:
    if not cursor:
        return 0, None
    raw = cursors.decode(cursor, lambda r: r.partition("|")[0] in NAMES and "|" in r)
    name, _, after = raw.partition("|")
    return NAMES.index(name), after or None


def export(viewer, params: dict, clock: Clock, page: int = PAGE,
           max_queries: int = MAX_QUERIES) -> dict:
    start, after = _cursor(params.get("cursor"))
    person = viewer.person
    out = {"exported": iso(clock()), "covers": list(COVERS),
           "profile": {**people.public(person), "created": person.created,
                       "identity": {"issuer": person.issuer, "subject": person.subject}},
           **{name: [] for name in NAMES}, "next": None}
    queries = size = 0
    for section in SECTIONS[start:]:
        while True:
            if queries == max_queries or size > MAX_BYTES:
                out["next"] = cursors.encode(f"{section.name}|{after or ''}")
                return out
            found = _page(section, viewer.id, after, page)
            queries += 1
            rows = [section.to_json(item) for item in found]
            out[section.name] += rows
            size += len(json.dumps(rows))
            if len(found) < page:
                break
            after = _sort_key(section, found[-1])
        after = None
    return out


def _erasers(choice: str) -> dict:
    keep = choice == "anonymise"
    return {
        "posts": _anonymise_post if keep else None,  # removed in batches below
        "comments": erase.anonymise_comment if keep else erase.remove_comment,
        "reactions": lambda r: erase.remove_reaction(r, keep_count=keep),
        "groups": erase.leave_group, "invitations": erase.leave_group,
        "requests": erase.leave_group, "enrolments": enrolment.erase,
        "cancelled_enrolments": enrolment.erase,
        "notifications": lambda n: erase.quietly(
            lambda: n.delete(condition=Notification.pk.exists())),
        "reports": _forget_report,
    }


def _anonymise_post(post: Post) -> bool:
    # Conditional, so a post deleted meanwhile is not brought back as a husk.
    return erase.quietly(lambda: post.update(
        actions=[Post.author_id.set(ANONYMOUS), Post.author_name.set(""),
                 Post.gsi2pk.set(f"AUTHOR#{ANONYMOUS}")], condition=Post.pk.exists()))


def delete_account(viewer, data: dict, budget: int = BUDGET) -> dict:
    """Content first, the profile last: every call takes the first BUDGET items still in the
    person's partitions (what it handled has left them), so a retry or the next call simply
    goes on, and the session stays valid until the profile itself goes."""
    choice = data.get("content")
    if choice not in CHOICES:
        raise invalid("content", f"Choose one of {', '.join(CHOICES)}.")
    erasers = _erasers(choice)
    done = dict.fromkeys(NAMES, 0)
    for section in SECTIONS:
        if budget == 0:
            break
        # Newest first: own replies go before their own parent, which can then go too.
        found = _page(section, viewer.id, None, limit=budget, newest_first=True)
        budget -= len(found)
        if section.name == "posts" and choice == "remove":
            # Only the author's own uploads can be attached to a post (photos.process), so
            # these files are the person's. A post's photos in one DeleteObjects, first.
            photos.erase(photo.id for post in found for photo in post.photos or [])
            with Post.batch_write() as batch:
                for post in found:
                    batch.delete(post)
            done["posts"] = len(found)
        else:
            done[section.name] = sum(1 for item in found if erasers[section.name](item))
    if budget > 0:
        # Uploads never attached hold EXIF; the bucket expires them within a day or two, but
        # a departing person's location should not wait for that.
        budget -= photos.erase_originals(viewer.id, limit=budget)
    finished = budget > 0
    if finished:
        # Bound to this profile (use person:<id>), even when an admin uploaded it.
        photos.erase([viewer.person.photo])
        calendar.revoke(viewer)
        _delete_profile(viewer.person)
    return {"deleted": finished, "content": choice, **done, "covers": list(COVERS)}


def _delete_profile(person) -> None:
    # The directory's search entries go with the profile, so a deleted colleague is not found.
    links = [EmailIndex(*EmailIndex.key(person.email))]
    if person.subject:
        links.append(SubjectIndex(*SubjectIndex.key(person.issuer, person.subject)))
    directory.remove(person, also=links + _notification_settings(person.id)
                     + delivery.forget_items(person.id))


def _notification_settings(person_id: str) -> list:
    """The bell's counter, the settings and the groups followed (at most 40) go with the
    profile, in its transaction."""
    items = [Unread(*Unread.key(person_id)), NotifySettings(*NotifySettings.key(person_id))]
    try:
        followed = NotifySettings.get(*NotifySettings.key(person_id)).groups.as_dict()
    except NotifySettings.DoesNotExist:
        followed = {}
    return items + [Follower(*Follower.key(g, person_id)) for g in sorted(followed)]
