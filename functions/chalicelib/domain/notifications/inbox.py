"""Reading one's notifications: newest first, a page at a time, only what one may still read.

A page is one Query of the person's inbox partition (gsi1), one BatchGet of the posts and
actors it names (a deleted post hides its notes; an erased actor is no longer named) and one
of their groups with the reader's memberships, plus the unread counter: 4 calls, whatever
the inbox holds.
Notes hidden that way and still unread are marked read on the spot, so the bell never counts
what the list cannot show.
"""

from ...errors import invalid
from ...models import Person, Post
from ...models.notifications import Notification
from .. import cursors, people, standing
from ..permissions import Standing, may
from ..viewer import Viewer
from . import store, types
from .fanout import batch_get, note_json

PAGE = 20
READ_AT_ONCE = 100  # ids per POST /read, and notes marked by one "all"


def _cursor(viewer: Viewer, cursor) -> str | None:
    if not cursor:
        return None
    return cursors.decode(cursor, lambda raw: "#" in raw and len(raw) < 300)


def _allowed(note: Notification, standing: Standing | None) -> bool:
    note_type = types.get(note.type)
    access = note_type.access if note_type else "read"
    if not note.group_id or access == "none":
        return True
    if standing is None:
        return False
    return standing.may("read" if access == "read" else "see")


def visible(viewer: Viewer, notes: list[Notification]) -> tuple[list, list, set[str]]:
    """(shown, hidden, actors gone): hidden are about a post that is gone (or that a moderator
    hid) or a group the viewer may no longer read (left it, removed, deleted, or a secret one);
    actors gone have deleted their account since, and are no longer named. One BatchGet for
    the posts and actors, one for the groups and the viewer's memberships."""
    groups = standing.standings_in(viewer, {n.group_id for n in notes if n.group_id})
    keys = {Post.key(n.post_id) for n in notes if n.post_id}
    keys |= {Person.key(n.actor_id) for n in notes if n.actor_id}
    # A post a moderator hid counts as gone here (docs/community.md): its notes are not listed.
    found = {(r["pk"]["S"], r["sk"]["S"]) for r in batch_get(
        [{"pk": pk, "sk": sk} for pk, sk in sorted(keys)], ["pk", "sk", "hidden"])
        if "hidden" not in r} if keys else set()
    shown, hidden = [], []
    for note in notes:
        ok = (_allowed(note, groups.get(note.group_id))
              and (not note.post_id or Post.key(note.post_id) in found))
        (shown if ok else hidden).append(note)
    gone = {n.actor_id for n in notes if n.actor_id and Person.key(n.actor_id) not in found}
    return shown, hidden, gone


def readable_notes(person, items: list[Notification], lang: str | None = None) -> list[dict]:
    """For the digest (the `delivery` helper): the notes this person may still read, as
    `deliver_now`'s dicts, in `lang` or else the person's own language."""
    from .fanout import viewer_of
    from .preferences import language, load

    lang = lang or language(load(person.id))
    shown, _hidden, gone = visible(viewer_of(person), list(items))
    return [note_json(n, lang, n.actor_id in gone) for n in shown]


def page(viewer: Viewer, params: dict, lang: str | None = None) -> dict:
    after = _cursor(viewer, params.get("cursor"))
    condition = Notification.gsi1sk < after if after else None
    found = list(Notification.inbox.query(Notification.partition(viewer.id), condition,
                                          scan_index_forward=False, limit=PAGE,
                                          page_size=PAGE))
    shown, hidden, gone = visible(viewer, found)
    stale = [n.id for n in hidden if not n.read]
    if stale:
        store.mark_read(viewer.id, stale)
    lang = lang or params.get("lang")
    return {"items": [{**note_json(n, lang, n.actor_id in gone), "read": bool(n.read)}
                      for n in shown],
            "unread": store.unread(viewer.id),
            "next": cursors.encode(found[-1].gsi1sk) if len(found) == PAGE else None}


def mark(viewer: Viewer, data: dict) -> dict:
    if data.get("all") is True:
        # The newest READ_AT_ONCE, one Query: the page calls again while some stay unread.
        newest = Notification.inbox.query(Notification.partition(viewer.id),
                                          scan_index_forward=False, limit=READ_AT_ONCE,
                                          page_size=READ_AT_ONCE, attributes_to_get=["id", "read"])
        marked = store.mark_read(viewer.id, [n.id for n in newest if not n.read])
    else:
        ids = data.get("ids")
        if (not isinstance(ids, list) or not ids or len(ids) > READ_AT_ONCE
                or not all(isinstance(i, str) and 0 < len(i) < 200 for i in ids)):
            raise invalid("ids", f"Give 1 to {READ_AT_ONCE} notification ids, or all: true.")
        marked = store.mark_read(viewer.id, ids)
    left = store.unread(viewer.id)
    return {"marked": marked, "unread": left}


def me(viewer: Viewer) -> dict:
    """`/api/me` with the bell's count: one GetItem more than the profile, and no request of
    its own on every page."""
    return {**people.public(viewer.person), "unread": store.unread(viewer.id),
            # The navigation's moderation link: the organisation's queue (a group's managers
            # reach their group's queue from the group page). Decided by role: no call.
            "may": {"moderate": may(viewer, "moderate_org", "moderation")}}
