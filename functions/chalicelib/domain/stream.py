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

from ..errors import invalid
from ..ids import is_id
from ..models import OpenQuestion, Post, Reaction
from . import access, bylines, standing
from .permissions import flags, may
from .posts import PAGE_SIZE, decode_cursor, encode_cursor, to_json
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


def _liked(viewer: Viewer, posts: list[Post]) -> set[str]:
    if not posts:
        return set()
    keys = [Reaction.key(p.id, "like", viewer.id) for p in posts]
    return {r.pk.removeprefix("POST#") for r in Reaction.batch_get(keys)}


def _partitions(viewer: Viewer, group: str | None) -> tuple[list[str], dict[str, Standing]]:
    """The partitions to read, and the viewer's standing in each group among them."""
    if group is not None:
        partition, st = access.group_partition(viewer, group)
        return [partition], {st.group.id: st}
    partitions, standings = access.home_partitions(viewer)
    return partitions[:access.MAX_HOME_PARTITIONS], standings


def page(viewer: Viewer, params: dict, limit: int = PAGE_SIZE) -> dict:
    before = decode_cursor(params["cursor"]) if params.get("cursor") else None
    unanswered = params.get("unanswered") in ("1", "true")
    author = params.get("author")
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
        posts, more = _newest(_each(lambda p: _feed(p, before, limit), partitions),
                              key=lambda p: p.id, limit=limit)
        found = posts
    liked = _liked(viewer, posts)
    last = found[-1] if found else None
    last_id = last if isinstance(last, str) else getattr(last, "id", None)
    # The home page's first page also names the viewer's groups ("my groups"); a group's own
    # page reads one partition and names none.
    mine = ([{"id": g, "name": st.group.name} for g, st in standings.items()]
            if params.get("group") is None and author is None and before is None else None)
    return {"items": bylines.decorate([to_json(p, flags(viewer, p, standings.get(p.group_id)),
                                               p.id in liked) for p in posts]),
            "next": encode_cursor(last_id) if more and last_id else None,
            **({"groups": mine} if mine is not None else {})}
