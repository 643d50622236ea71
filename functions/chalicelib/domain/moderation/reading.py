"""Announcements that must be read: "Gelezen" confirmations and who has not confirmed yet.

A confirmation is a per-person marker written only if absent, and then an atomic ADD on the
post's `confirmed`: hundreds confirming at once each write their own marker, and the ADDs on
the one post item never conflict (a transaction over marker and post would, and be cancelled),
so the count is exact. A request that dies between the two leaves a marker without its count;
the person's retry sees the marker and answers "already confirmed" (one too few, never too
many). The audience (employees, or the group's members) is fixed when the post is written.
"""

from pynamodb.exceptions import PutError

from ...clock import Clock, iso
from ...errors import forbidden, invalid
from ...models import Membership, Post, ReadMark
from .. import cursors, directory, posts
from ..viewer import Viewer
from . import rules

NOT_YET_PAGE = 50


def confirm(viewer: Viewer, post_id: str, clock: Clock) -> dict:
    """GetItem post, conditional PutItem marker, UpdateItem ADD: three calls, once."""
    post = posts.load(viewer, post_id)
    if not post.must_read:
        raise invalid("post", "This post does not ask to be confirmed.")
    try:
        ReadMark(*ReadMark.key(post.id, viewer.id), created=iso(clock())).save(
            condition=ReadMark.pk.does_not_exist())
    except PutError as err:
        if not posts.is_conditional(err):
            raise
        return {"id": post.id, "read": True, "counted": False}
    post.update(actions=[Post.confirmed.add(1)])
    return {"id": post.id, "read": True, "counted": True}


def not_yet(viewer: Viewer, post_id: str, params: dict) -> dict:
    """Who has not confirmed yet, a page of the audience at a time (by name): one Query of
    the directory or the group's roster, one BatchGet of their markers."""
    post = posts.load(viewer, post_id)
    if not post.must_read or not rules.may_see_confirmations(viewer, post.author_id):
        raise forbidden("Only the author and content managers see who has confirmed.")
    if post.group_id is None:
        page = directory.everyone(params.get("cursor"), NOT_YET_PAGE)
        people = [(p["id"], p["name"]) for p in page["items"]]
        next_cursor = page["next"]
    else:
        people, next_cursor = _members(post.group_id, params.get("cursor"))
    keys = [ReadMark.key(post.id, person_id) for person_id, _ in people]
    read = {m.sk.removeprefix("READ#") for m in ReadMark.batch_get(keys)} if keys else set()
    return {"confirmed": int(post.confirmed or 0), "audience": int(post.audience or 0),
            "items": [{"id": i, "name": n} for i, n in people if i not in read],
            "next": next_cursor}


def _members(group_id: str, cursor: str | None) -> tuple[list[tuple[str, str]], str | None]:
    partition = Membership.roster_partition(group_id, "member")
    after = cursors.decode(cursor) if cursor else None
    condition = Membership.gsi2sk > after if after else None
    found = list(Membership.roster.query(partition, condition, limit=NOT_YET_PAGE,
                                         page_size=NOT_YET_PAGE))
    more = len(found) == NOT_YET_PAGE
    return ([(m.person_id, m.person_name) for m in found],
            cursors.encode(found[-1].gsi2sk) if more else None)
