"""Pinning a post to the top of the home stream (content managers) or of its group's stream
(the group's managers), until an end date.

A pin is an item in `PINS#<feed partition>`; a stream's first page reads that partition with
one Query next to its feed Queries, and shows the pins whose end has not passed above the rest.
The post carries `pinned_until` too, so a single post shows it without another read.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from ...clock import Clock, iso
from ...errors import conflict, invalid
from ...ids import IdMaker
from ...models import Pin, Post
from ...models.transactions import Conflict, transaction
from ...settings import settings
from .. import posts
from ..permissions import flags, require
from ..standing import Standing
from ..viewer import Viewer
from . import audit
from .targets import Target

MAX_DAYS = 366
# A stream shows at most this many pins above its posts; more are ignored, oldest pin first.
MAX_PINS = 5


def _until(data: dict, clock: Clock) -> datetime:
    """`until` is a date (the pin ends when that day ends where the organisation is)."""
    raw = data.get("until")
    try:
        day = datetime.strptime(raw, "%Y-%m-%d").date() if isinstance(raw, str) else None
    except ValueError:
        day = None
    if day is None:
        raise invalid("until", "Until must be a date, like 2026-12-31.")
    end = datetime.combine(day + timedelta(days=1), time(), ZoneInfo(settings.timezone))
    now = clock()
    if end <= now or end > now + timedelta(days=MAX_DAYS):
        raise invalid("until", f"Until must be a date from today to {MAX_DAYS} days ahead.")
    return end


def _pinnable(viewer: Viewer, post_id: str) -> tuple[Post, Standing | None]:
    """Pinning is moderation (`permissions`: content managers; in a group, its managers)."""
    post, group = posts.find(viewer, post_id)
    require(viewer, "moderate", post,
            "Only content managers (in a group: its managers) pin posts.", group)
    return post, group


def pin(viewer: Viewer, post_id: str, data: dict, clock: Clock, new_id: IdMaker) -> dict:
    post, group = _pinnable(viewer, post_id)
    end = _until(data, clock)
    until = iso(end)
    try:
        with transaction() as tx:
            tx.save(Pin(*Pin.key(post.partition, post.id), until=until, pinned_by=viewer.id,
                        expires=int(end.timestamp())))
            tx.update(post, actions=[Post.pinned_until.set(until)],
                      condition=Post.pk.exists() & Post.hidden.does_not_exist())
            audit.record(tx, viewer, "pin", Target("post", post, post), until, clock, new_id)
    except Conflict as err:
        if posts.is_conditional(err):
            raise conflict("The post is hidden or gone.") from err
        raise
    post.pinned_until = until
    return posts.to_json(post, flags(viewer, post, group), viewer=viewer)


def unpin(viewer: Viewer, post_id: str, clock: Clock, new_id: IdMaker) -> dict:
    post, group = _pinnable(viewer, post_id)
    with transaction() as tx:
        tx.delete(Pin(*Pin.key(post.partition, post.id)))
        tx.update(post, actions=[Post.pinned_until.remove()], condition=Post.pk.exists())
        audit.record(tx, viewer, "unpin", Target("post", post, post), "", clock, new_id)
    post.pinned_until = None
    return posts.to_json(post, flags(viewer, post, group), viewer=viewer)


def pinned_ids(partition: str, now: datetime) -> list[str]:
    """The ids of a stream's live pins, newest post first: one Query."""
    live = [p.sk for p in Pin.query(Pin.key(partition, "")[0], limit=50, page_size=50)
            if p.until > iso(now)]
    return sorted(live, reverse=True)[:MAX_PINS]
