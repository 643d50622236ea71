"""Streams: home (merged feed partitions), per group, per author, and unanswered questions.

The cursor is the last post id seen. Ids are ULIDs, so "older than the cursor" is a key
condition (`sk < cursor`) on every partition, and a merged stream needs no per-partition
state. Each page costs one Query per partition (at most access.MAX_HOME_PARTITIONS, run side
by side), plus one BatchGet for the viewer's reactions (and one for posts behind the
unanswered markers, and, for an author's posts in groups, one for the viewer's standing in
those groups, from which each post's `may` flags come).
"""

import heapq
from concurrent.futures import ThreadPoolExecutor

from ..clock import Clock, system_clock
from ..errors import invalid
from ..ids import is_id
from ..models import OpenQuestion, Post, Reaction, ReadMark
from . import access, bylines, standing
from .moderation import pins, rules
from .permissions import flags, may
from .posts import PAGE_SIZE, decode_cursor, encode_cursor, to_json
from .reaction_kinds import marker_keys, mine_in
from .standing import Standing
from .viewer import Viewer


def _feed(partition: str, before: str | None, limit: int) -> list[Post]:
    condition = Post.gsi1sk < before if before else None
    return list(Post.feed.query(partition, condition, scan_index_forward=False, limit=limit,
                                page_size=limit))


def _by_author(author_id: str, before: str | None, limit: int) -> list[Post]:
    condition = Post.gsi2sk < before if before else None
    return list(Post.by_author.query(f"AUTHOR#{author_id}", condition,
                                     scan_index_forward=False, limit=limit, page_size=limit))


def _open_questions(partition: str, before: str | None, limit: int) -> list[str]:
    pk = OpenQuestion.key(partition, "")[0]
    condition = OpenQuestion.sk < before if before else None
    return [m.sk for m in OpenQuestion.query(pk, condition, scan_index_forward=False,
                                             limit=limit, page_size=limit)]


def _each(read, partitions: list[str]) -> list[list]:
    """`read` per partition, concurrently: a home page waits for one Query, not ten in a row.
    PynamoDB keeps a botocore session per thread and shares one client, which botocore
    documents as thread-safe."""
    if len(partitions) < 2:
        return [read(p) for p in partitions]
    with ThreadPoolExecutor(max_workers=len(partitions)) as pool:
        return list(pool.map(read, partitions))


def _newest(lists: list[list], key, limit: int) -> tuple[list, bool]:
    """The `limit` newest across partitions, and whether any partition may hold more."""
    merged = list(heapq.merge(*lists, key=key, reverse=True))
    return merged[:limit], any(len(found) == limit for found in lists) or len(merged) > limit


def _posts_by_id(ids: list[str]) -> list[Post]:
    if not ids:
        return []
    found = {p.id: p for p in Post.batch_get([Post.key(i) for i in ids])}
    return [found[i] for i in ids if i in found]


def _marks(viewer: Viewer, posts: list[Post]) -> tuple[dict[str, str], set[str]]:
    """The viewer's reaction kind per post, and the must-read posts they confirmed: one
    BatchGet, as both markers live in the post's partition."""
    if not posts:
        return {}, set()
    keys = ([k for p in posts for k in marker_keys(p.id, viewer.id)]
            + [ReadMark.key(p.id, viewer.id) for p in posts if p.must_read])
    found = list(Reaction.batch_get(keys))
    return (mine_in(found, viewer.id),
            {r.pk.removeprefix("POST#") for r in found if r.sk.startswith("READ#")})


def _visible(viewer: Viewer, posts: list[Post]) -> list[Post]:
    """A hidden post leaves every stream, except for its author and organisation moderators."""
    return [p for p in posts if p.hidden is None
            or rules.sees_hidden_in_streams(viewer, p.author_id)]


def _partitions(viewer: Viewer, group: str | None) -> tuple[list[str], dict[str, Standing]]:
    """The partitions to read, and the viewer's standing in each group among them."""
    if group is not None:
        partition, st = access.group_partition(viewer, group)
        return [partition], {st.group.id: st}
    partitions, standings = access.home_partitions(viewer)
    return partitions[:access.MAX_HOME_PARTITIONS], standings


def page(viewer: Viewer, params: dict, limit: int = PAGE_SIZE,
         clock: Clock = system_clock) -> dict:
    before = decode_cursor(params["cursor"]) if params.get("cursor") else None
    unanswered = params.get("unanswered") in ("1", "true")
    pinned: list[Post] = []
    author = params.get("author")
    feed = author is None and not unanswered
    if author is not None:
        if not is_id(author):
            raise invalid("author", "Author must be a person id.")
        found = _by_author(author, before, limit)
        more = len(found) == limit
        groups = {p.group_id for p in found if p.group_id}
        standings = standing.standings_in(viewer, groups) if groups else {}
        # Posts in groups the viewer may not read are left out, so a page may be short.
        posts = [p for p in found if (p.group_id is None or p.group_id in standings)
                 and may(viewer, "read", p, standings.get(p.group_id))
                 and (not unanswered or (p.kind == "question" and p.answer is None))]
    elif unanswered:
        partitions, standings = _partitions(viewer, params.get("group"))
        ids, more = _newest(_each(lambda p: _open_questions(p, before, limit), partitions),
                            key=lambda i: i, limit=limit)
        posts = [p for p in _posts_by_id(ids) if p.answer is None]
        found = ids
    else:
        partitions, standings = _partitions(viewer, params.get("group"))
        # The first page also reads the stream's pins (home: FEED's; a group: its own), in
        # the same round of Queries.
        jobs = [lambda p=p: _feed(p, before, limit) for p in partitions]
        if not before:
            jobs.append(lambda: pins.pinned_ids(partitions[0], clock()))
        results = _each(lambda job: job(), jobs)
        posts, more = _newest(results[:len(partitions)], key=lambda p: p.id, limit=limit)
        found = posts
        pin_ids = results[-1] if not before else []
        pinned = [p for p in _posts_by_id(pin_ids) if p.hidden is None]
        posts = [p for p in posts if p.id not in pin_ids]
    posts = _visible(viewer, posts)
    mine, read = _marks(viewer, posts + pinned)
    last = found[-1] if found else None
    last_id = last if isinstance(last, str) else getattr(last, "id", None)

    def shown_json(p: Post) -> dict:
        return to_json(p, flags(viewer, p, standings.get(p.group_id)), mine.get(p.id), viewer,
                       p.id in read)

    items = [shown_json(p) for p in posts]
    pinned_items = [shown_json(p) for p in pinned] if feed else []
    # One byline read for the page and its pins together (`bylines`: one BatchGet each of
    # authors and groups).
    bylines.decorate(items + pinned_items)
    shown = {"items": items, "next": encode_cursor(last_id) if more and last_id else None}
    if feed:
        shown["pinned"] = pinned_items
        # Decided by role alone (no calls); in a group, its managers pin too: the group's own
        # `may.manage` says so.
        shown["may"] = {"pin": rules.moderates_org(viewer),
                        "must_read": rules.may_require_reading(viewer)}
    # The home page's first page also names the viewer's groups ("my groups"); a group's own
    # page reads one partition and names none.
    if params.get("group") is None and author is None and before is None:
        shown["groups"] = [{"id": g, "name": st.group.name} for g, st in standings.items()]
    return shown


def open_questions_in(partitions: list[str], limit: int) -> list[Post]:
    """The `limit` newest questions still open in these feed partitions, none hidden: one
    Query of each partition's open-question index, side by side, and one BatchGet of the
    posts. The home page's "unanswered questions in my groups" (domain/home.py)."""
    if not partitions:
        return []
    ids, _more = _newest(_each(lambda p: _open_questions(p, None, limit), partitions),
                         key=lambda i: i, limit=limit)
    return [p for p in _posts_by_id(ids) if p.answer is None and p.hidden is None]
