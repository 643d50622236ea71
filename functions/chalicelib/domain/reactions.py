"""Reactions: a small fixed set of kinds, at most one per person and post, with exact counts.

A person's reaction is one marker item in the post's partition (`Reaction`); the post holds one
counter per kind. Every change moves the marker and the counters in one transaction,
conditioned on the marker's state that was read: choosing another kind rewrites the marker's
kind (old counter -1, new +1), removing deletes it (-1). A concurrent or retried request finds
its condition failed, reads again and decides again, so counts never drift or go negative, and
asking twice for the same state changes nothing the second time (docs/reactions.md).
"""

from ..clock import Clock, iso
from ..errors import ApiError, not_found
from ..models import Post, Reaction
from ..models.transactions import Conflict, retrying, transaction
from . import bylines, cursors
from .contributions import actor_role, contribution
from .posts import load
from .reaction_kinds import KINDS, counts, kind_of, marker_keys
from .viewer import Viewer

PAGE = 20  # people per "who reacted" page
READ = 50  # markers per Query while filling a page for one kind
MAX_QUERIES = 3  # per "who reacted" call: a page may come back short, with a cursor


def _current(post_id: str, person_id: str) -> Reaction | None:
    found = list(Reaction.batch_get(marker_keys(post_id, person_id), consistent_read=True))
    found.sort(key=lambda r: r.legacy)  # the current shape first
    return found[0] if found else None


def _state(post_id: str, kind: str, mine: str | None) -> dict:
    try:
        post = Post.get(*Post.key(post_id), consistent_read=True)
    except Post.DoesNotExist:
        raise not_found("post") from None
    shown = counts(post)
    return {"post": post_id, "kind": kind, "count": shown[kind], "mine": mine,
            "reactions": shown}


def _counters(tx, post: Post, down: str | None, up: str | None) -> None:
    """One write to the post (a transaction may touch an item once): both counters move in it,
    and it fails when the post was deleted meanwhile."""
    actions = ([KINDS[down].add(-1)] if down else []) + ([KINDS[up].add(1)] if up else [])
    if down == up:
        actions = []
    if actions:
        tx.update(post, actions=actions, condition=Post.pk.exists(), name="post")
    else:
        tx.condition_check(Post, *Post.key(post.id), condition=Post.pk.exists(), name="post")


def _new_marker(viewer: Viewer, post: Post, kind: str, created: str) -> Reaction:
    gsi2pk, gsi2sk = Reaction.person_key(post.id, viewer.id)
    return Reaction(*Reaction.key(post.id, viewer.id), kind=kind, name=viewer.name,
                    created=created, gsi2pk=gsi2pk, gsi2sk=gsi2sk)


def _write(step) -> None:
    """`step()` again while only the marker's condition failed (another request of the same
    person changed it between our read and our write); a failed post means it is gone."""
    try:
        retrying(step, when=lambda err: err.only_raced or err.failed <= {"reaction", "legacy"})
    except Conflict as err:
        if "post" in err.failed:
            raise not_found("post") from err
        # Still changing after every attempt: nothing was half-written, so "try again".
        raise ApiError(409, "busy", "The reaction changed too often at once; try again.") \
            from err


def react(viewer: Viewer, post_id: str, kind: str, clock: Clock) -> dict:
    """Makes `kind` the viewer's reaction, replacing another kind they had chosen."""
    kind = kind_of(kind)
    post = load(viewer, post_id)

    def step() -> None:
        current = _current(post.id, viewer.id)
        if current is not None and not current.legacy and current.kind == kind:
            return  # already so: a retried request
        now = clock()
        with transaction() as tx:
            if current is None:
                tx.save(_new_marker(viewer, post, kind, iso(now)),
                        condition=Reaction.pk.does_not_exist(), name="reaction")
                # A new reaction counts on the dashboard; a changed kind is the same one.
                contribution(tx, "reaction", post.group_id, actor_role(viewer), now)
            elif current.legacy:
                tx.delete(current, condition=Reaction.pk.exists(), name="legacy")
                tx.save(_new_marker(viewer, post, kind, current.created),
                        condition=Reaction.pk.does_not_exist(), name="reaction")
            else:
                tx.update(current, actions=[Reaction.kind.set(kind)],
                          condition=Reaction.kind == current.kind, name="reaction")
            _counters(tx, post, current.chosen if current else None, kind)

    _write(step)
    return _state(post.id, kind, kind)


def unreact(viewer: Viewer, post_id: str, kind: str) -> dict:
    """Removes the viewer's reaction if it is `kind`: a late retry of removing one kind never
    removes the kind chosen after it."""
    kind = kind_of(kind)
    post = load(viewer, post_id)
    left: list[str | None] = [None]

    def step() -> None:
        current = _current(post.id, viewer.id)
        left[0] = current.chosen if current else None
        if current is None or current.chosen != kind:
            return
        with transaction() as tx:
            if current.legacy:
                tx.delete(current, condition=Reaction.pk.exists(), name="legacy")
            else:
                tx.delete(current, condition=Reaction.kind == kind, name="reaction")
            _counters(tx, post, kind, None)
        left[0] = None

    _write(step)
    return _state(post.id, kind, left[0])


def who(viewer: Viewer, post_id: str, params: dict) -> dict:
    """The people who reacted (of one kind, if asked), a page at a time in the order of their
    ids: at most MAX_QUERIES Queries of the post's markers, then one BatchGet for the bylines.
    Filtering by kind can leave a page short; `next` then says where to go on."""
    wanted = kind_of(params["kind"]) if params.get("kind") else None
    post = load(viewer, post_id)
    last = (cursors.decode(params["cursor"], lambda raw: raw.startswith(Reaction.PREFIX))
            if params.get("cursor") else None)
    people: list[dict] = []
    more = True
    for _ in range(MAX_QUERIES):
        start = {"pk": {"S": f"POST#{post.id}"}, "sk": {"S": last}} if last else None
        found = list(Reaction.query(f"POST#{post.id}", Reaction.sk.startswith(Reaction.PREFIX),
                                    limit=READ, page_size=READ, last_evaluated_key=start))
        for marker in found:
            last = marker.sk
            if wanted is None or marker.chosen == wanted:
                people.append({"author": {"id": marker.person_id, "name": marker.name},
                               "kind": marker.chosen, "created": marker.created})
                if len(people) == PAGE:
                    break
        more = len(found) == READ or bool(found) and last != found[-1].sk
        if len(people) == PAGE or not more:
            break
    bylines.decorate(people)
    return {"items": people, "reactions": counts(post),
            "next": cursors.encode(last) if more and last else None}
