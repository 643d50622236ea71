"""Seen by N colleagues: each colleague counted once per post during its first 30 days."""

from datetime import datetime, timedelta

from ..clock import Clock
from ..errors import invalid, not_found
from ..ids import is_id
from ..models import Marker, Post, SeenCount
from ..models.schema import TTL_ATTRIBUTE
from . import standing
from .counting import MARKER_GRACE, Claim, batch_get, count_once, epoch, number, pseudonym

SEEN_WINDOW = timedelta(days=30)  # a post's viewers are counted for its first 30 days
MAX_SEEN_IDS = 20


def _post_ids(value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise invalid("ids", "ids must be a list of post ids.")
    ids = list(dict.fromkeys(value))
    if len(ids) > MAX_SEEN_IDS:
        raise invalid("ids", f"At most {MAX_SEEN_IDS} posts at a time.")
    if not all(is_id(i) for i in ids):
        raise invalid("ids", "Not a post id.")
    return ids


def _readable(viewer, posts: dict[str, dict]) -> dict[str, dict]:
    """The raw posts the viewer may read (for many posts at once): those outside groups, and
    those in groups the viewer may read."""
    groups = {i: p["group_id"]["S"] for i, p in posts.items() if "S" in p.get("group_id", {})}
    found = standing.standings_in(viewer, groups.values()) if groups else {}
    allowed = {g for g, st in found.items() if st.may("read")}
    return {i: p for i, p in posts.items() if i not in groups or groups[i] in allowed}


def _marker(post_id: str, person_id: str) -> tuple[str, str]:
    scope = f"S{post_id}"
    return Marker.key(scope, pseudonym(scope, person_id))


def _counted(own: bool, created: datetime, marker: dict | None, now: datetime) -> bool:
    """Whether a view by this person changes nothing: their own post, one past its window,
    or one their view was already counted for (the marker lives as long as the window)."""
    return (own or now >= created + SEEN_WINDOW
            or bool(marker and number(marker, TTL_ATTRIBUTE) > epoch(now)))


def record_seen(viewer, data: dict, clock: Clock) -> dict:
    """The posts the viewer saw in a stream: counts each colleague once per post (not the
    author) during the post's first 30 days. One BatchGet (one more for posts in groups), and
    a transaction only for posts this person had not seen yet. Returns the counts for the
    posts that exist and the viewer may read; others are left out, as if unknown."""
    ids = _post_ids(data.get("ids"))
    now, person_id = clock(), viewer.id
    markers = {i: _marker(i, person_id) for i in ids}
    items = batch_get([k for i in ids for k in (Post.key(i), SeenCount.key(i), markers[i])])
    posts = _readable(viewer, {i: items[Post.key(i)] for i in ids if Post.key(i) in items})
    fresh = []
    for post_id, post in posts.items():
        created = datetime.fromisoformat(post["created"]["S"].replace("Z", "+00:00"))
        if _counted(post["author_id"]["S"] == person_id, created,
                    items.get(markers[post_id]), now):
            continue
        fresh.append(Claim(markers[post_id], epoch(created + SEEN_WINDOW + MARKER_GRACE),
                           SeenCount(*SeenCount.key(post_id)), SeenCount.seen.add(1)))
    counted = {c.marker for c in count_once(fresh, now)}
    return {"items": {i: number(items.get(SeenCount.key(i)), "seen") + (markers[i] in counted)
                      for i in posts}}


def seen_counts(post_ids: list[str]) -> dict[str, int]:
    """Seen-by counts for a page of posts: one BatchGetItem. For streams to show."""
    items = batch_get([SeenCount.key(i) for i in post_ids])
    return {i: number(items.get(SeenCount.key(i)), "seen") for i in post_ids}


def seen_count(viewer, post_id: str) -> dict:
    """One post's count: one BatchGet of the post and its counter (one more in a group). An
    unknown or unreadable post is a 404, as everywhere else for posts."""
    if not is_id(post_id):
        raise invalid("id", "Not a post id.")
    items = batch_get([Post.key(post_id), SeenCount.key(post_id)])
    post = items.get(Post.key(post_id))
    if post is None or not _readable(viewer, {post_id: post}):
        raise not_found("post")
    return {"id": post_id, "seen": number(items.get(SeenCount.key(post_id)), "seen")}


def on_page(viewer, posts: list[dict], now: datetime) -> dict:
    """For a page of posts as a stream shows them (JSON, which the viewer may read): their
    counts, and which of them a view by the viewer would not change (`counted`), so a page
    reports only the others and makes no request when nothing new was seen. One BatchGet."""
    if not posts:
        return {"counts": {}, "counted": []}
    ids = list(dict.fromkeys(p["id"] for p in posts))
    markers = {i: _marker(i, viewer.id) for i in ids}
    items = batch_get([k for i in ids for k in (SeenCount.key(i), markers[i])])
    counted = [p["id"] for p in posts if _counted(
        p["author"]["id"] == viewer.id,
        datetime.fromisoformat(p["created"].replace("Z", "+00:00")),
        items.get(markers[p["id"]]), now)]
    return {"counts": {i: number(items.get(SeenCount.key(i)), "seen") for i in ids},
            "counted": list(dict.fromkeys(counted))}
