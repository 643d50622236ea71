"""What notifies whom: each rule reads one kind of stream change and returns drafts, in the
order that decides which type a recipient gets when several apply (a mention beats a reply).

A new kind of notification (events, moderation) adds a rule with `rule()` and its type in
`types`; the fan-out core and the inbox do not change.
"""

import re
from collections.abc import Callable, Iterator
from datetime import datetime

from ...models import Comment, Group, Membership, Person, Post
from ...models.notifications import Follower
from .fanout import Draft

RULES: list[Callable] = []


def rule(fn: Callable) -> Callable:
    RULES.append(fn)
    return fn


def drafts_for(change) -> list[Draft]:
    return [draft for fn in RULES for draft in fn(change) or ()]


def _at(value: str | None) -> datetime:
    return datetime.fromisoformat(value)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value or "")


def _get(model, key):
    try:
        return model.get(*key)
    except model.DoesNotExist:
        return None


def group_of(group_id: str | None) -> Group | None:
    return _get(Group, Group.key(group_id)) if group_id else None


def _mentioned(change) -> list[str]:
    """People the text mentions now and did not before (an edit can add a mention)."""
    new = set((change.new or {}).get("mentions", {}).values())
    before = (change.old or {}) if change.event == "MODIFY" else {}
    old = set(before.get("mentions", {}).values())
    return sorted(new - old)


def followers(group_id: str) -> Iterator[str]:
    """Members who chose every post, read 100 at a time as the fan-out needs them."""
    for item in Follower.query(Follower.key(group_id, "")[0], page_size=100):
        yield item.sk


def managers(group_id: str) -> Iterator[str]:
    for m in Membership.roster.query(Membership.roster_partition(group_id, "member"),
                                     filter_condition=Membership.role == "manager",
                                     page_size=100):
        yield m.person_id


@rule
def on_comment(change) -> list[Draft]:
    item = change.new
    if not change.pk.startswith("COMMENT#") or item is None or change.event == "REMOVE":
        return []
    if item.get("deleted") or item.get("hidden") or item.get("author_id") == "anonymous":
        return []  # a moderator hid it (docs/community.md): nobody hears of it
    common = {"note_id": f"comment.{item['id']}", "at": _at(item["created"]),
              "actor_id": item["author_id"], "actor_name": item["author_name"],
              "comment_id": item["id"], "thread": item["thread"],
              "post_id": item.get("post_id")}
    mentioned = _mentioned(change)
    if change.event == "MODIFY":
        return [Draft(type="mention", recipients=mentioned, **common)] if mentioned else []
    post = _get(Post, Post.key(item["post_id"])) if item.get("post_id") else None
    if item["thread"].startswith("post:") and (post is None or post.hidden is not None):
        return []  # the post went, or was hidden, meanwhile: nothing to link to
    group = group_of(post.group_id if post else None)
    parent = _get(Comment, Comment.key(item["parent"])) if item.get("parent") else None
    drafts = [Draft(type="mention", recipients=mentioned, group=group, **common)]
    if post is not None and post.kind == "question":
        drafts.append(Draft(type="answer_wanted", recipients=[post.author_id], group=group,
                            **common))
    if parent is not None and not parent.deleted:
        drafts.append(Draft(type="reply", recipients=[parent.author_id], group=group, **common))
    if post is not None:
        drafts.append(Draft(type="comment", recipients=[post.author_id], group=group, **common))
    return drafts


@rule
def on_post(change) -> list[Draft]:
    if not change.pk.startswith("POST#") or change.sk != "POST" or change.new is None:
        return []
    item = change.new
    if item.get("author_id") == "anonymous" or item.get("hidden"):
        return []  # a hidden post notifies nobody, not even when it is edited or answered
    mentioned = _mentioned(change)
    answer, before = item.get("answer"), (change.old or {}).get("answer")
    answered = change.event == "MODIFY" and answer and answer != before
    everyone = change.event == "INSERT" and item.get("group_id")
    if not (mentioned or answered or everyone):
        return []  # a count moved (likes, comments): nothing to tell, nothing to read
    group = group_of(item.get("group_id"))
    common = {"at": _at(item["created"]), "actor_id": item["author_id"],
              "actor_name": item["author_name"], "post_id": item["id"], "group": group}
    drafts = []
    if mentioned:
        drafts.append(Draft(note_id=f"post.{item['id']}", type="mention", recipients=mentioned,
                            **common))
    if everyone and group is not None:
        drafts.append(Draft(note_id=f"post.{item['id']}", type="group_post",
                            recipients=followers(group.id), access="member", **common))
    if answered:
        comment = _get(Comment, Comment.key(answer))
        if comment is not None and comment.author_id != "anonymous":
            drafts.append(Draft(note_id=f"answer.{item['id']}.{answer}", type="answer",
                                recipients=[comment.author_id], comment_id=answer,
                                thread=comment.thread,
                                **{**common, "at": _at(comment.created)}))
    return drafts


@rule
def on_like(change) -> list[Draft]:
    """A new reaction of any kind (an older like marker rewritten in the new shape counts
    once: the note already holds its person)."""
    if (change.event != "INSERT" or not change.pk.startswith("POST#")
            or not change.sk.startswith("REACT#")):
        return []
    person_id = change.sk.removeprefix("REACT#like#").removeprefix("REACT#")
    kind = change.new.get("kind") or "like"
    post = _get(Post, Post.key(change.pk.removeprefix("POST#")))
    liker = _get(Person, Person.key(person_id))
    if (post is None or liker is None or post.author_id == "anonymous"
            or post.hidden is not None):
        return []
    return [Draft(note_id=f"likes.{post.id}", type="likes", recipients=[post.author_id],
                  at=_at(change.new["created"]), actor_id=liker.id, actor_name=liker.name,
                  post_id=post.id, group=group_of(post.group_id), aggregate=True,
                  extra={"kinds": {kind}})]


@rule
def on_membership(change) -> list[Draft]:
    if not (change.pk.startswith("GROUP#") and change.sk.startswith("PERSON#")):
        return []
    new, old = change.new or {}, change.old or {}
    state, was = new.get("state"), old.get("state")
    if state == was or not state:
        return []
    group = group_of(new["group_id"])
    if group is None:
        return []
    person, since = new["person_id"], _digits(new["since"])
    at = _at(new["since"])
    if state == "requested":
        return [Draft(note_id=f"request.{group.id}.{person}.{since}", type="join_request",
                      recipients=managers(group.id), at=at, actor_id=person,
                      actor_name=new.get("person_name"), group=group, access="see")]
    inviter = _get(Person, Person.key(new["invited_by"])) if new.get("invited_by") else None
    actor = {"actor_id": inviter.id, "actor_name": inviter.name} if inviter else {}
    if state == "invited":
        return [Draft(note_id=f"invite.{group.id}.{since}", type="invitation",
                      recipients=[person], at=at, group=group, access="see", **actor)]
    if state == "member" and was == "requested":
        return [Draft(note_id=f"approved.{group.id}.{since}", type="request_approved",
                      recipients=[person], at=at, group=group, **actor)]
    return []


@rule
def on_declined(change) -> list[Draft]:
    if change.event != "INSERT" or not change.pk.startswith("DECLINED#"):
        return []
    item = change.new
    group = group_of(item["group_id"])
    if group is None:
        return []
    return [Draft(note_id=f"declined.{group.id}.{_digits(change.sk)}", type="request_declined",
                  recipients=[item["person_id"]], at=_at(change.sk), actor_id=item["by"],
                  group=group, access="none")]


@rule
def on_report_handled(change) -> list[Draft]:
    """A moderator handled an item someone reported (`docs/community.md`): the reporter
    hears it, once per handling. Only the report item links a reporter to an item, and it
    goes to the reporter alone: neither the author nor the moderator is told who reported,
    and the note names no moderator."""
    if change.event != "MODIFY" or not change.pk.startswith("REPORTS#"):
        return []
    new, old = change.new or {}, change.old or {}
    if old.get("state") != "open" or new.get("state") != "handled" or not new.get("handled"):
        return []
    kind, target, outcome = new.get("kind"), new.get("target"), new.get("outcome")
    # Only a post found fine is still there for the reporter to open.
    shown = target if kind == "post" and outcome == "restored" else None
    return [Draft(note_id=f"report.{kind}.{target}.{_digits(new['handled'])}",
                  type="report_handled", recipients=[new["reporter_id"]],
                  at=_at(new["handled"]), post_id=shown, access="none")]
