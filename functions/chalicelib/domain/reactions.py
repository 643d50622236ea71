"""Reactions: a small fixed set of kinds, at most one per person and post (or page of the
site), with exact counts.

A person's reaction is one marker item in the post's (or page's) partition (`Reaction`); the
post (or the page's tally) holds one counter per kind: one logic for both, over a `Target`
(reaction_targets.py). Every change moves the marker and the counters in one transaction,
conditioned on the marker's state that was read: choosing another kind rewrites the marker's
kind (old counter -1, new +1), removing deletes it (-1). A concurrent or retried request finds
its condition failed, reads again and decides again, so counts never drift or go negative, and
asking twice for the same state changes nothing the second time (docs/reactions.md).
"""

from ..clock import Clock, iso
from ..errors import ApiError, not_found
from ..models import Reaction
from ..models.transactions import Conflict, retrying, transaction
from . import bylines, cursors
from .contributions import actor_role, contribution
from .posts import load
from .reaction_kinds import counts, kind_of
from .reaction_targets import Target, of_page, of_post
from .site_pages import SitePages, page_path
from .viewer import Viewer

PAGE = 20  # people per "who reacted" page
READ = 50  # markers per Query while filling a page for one kind
MAX_QUERIES = 3  # per "who reacted" call: a page may come back short, with a cursor


def _current(target: Target, person_id: str, consistent: bool = True) -> Reaction | None:
    found = list(Reaction.batch_get(target.marker_keys(person_id), consistent_read=consistent))
    found.sort(key=lambda r: r.legacy)  # the current shape first
    return found[0] if found else None


def _state(target: Target, kind: str, mine: str | None) -> dict:
    shown = counts(target.read(consistent=True))
    return {target.what: target.name, "kind": kind, "count": shown[kind], "mine": mine,
            "reactions": shown}


def _counters(tx, target: Target, down: str | None, up: str | None) -> None:
    """One write to the counters (a transaction may touch an item once): both move in it, and
    a post's fails when the post was deleted meanwhile."""
    actions = ([target.counter(down).add(-1)] if down else []) + (
        [target.counter(up).add(1)] if up else [])
    if down == up:
        actions = []
    condition = target.exists() if target.must_exist else None
    if actions:
        tx.update(target.counters, actions=actions, condition=condition, name="counts")
    elif condition is not None:
        model = type(target.counters)
        tx.condition_check(model, target.counters.pk, target.counters.sk, condition=condition,
                           name="counts")


def _new_marker(viewer: Viewer, target: Target, kind: str, created: str) -> Reaction:
    return Reaction(*Reaction.key_in(target.partition, viewer.id), kind=kind, name=viewer.name,
                    created=created, gsi2pk=Reaction.person_key(target.ref, viewer.id)[0],
                    gsi2sk=target.ref)


def _write(target: Target, step) -> None:
    """`step()` again while only the marker's condition failed (another request of the same
    person changed it between our read and our write); failed counters mean a deleted post."""
    try:
        retrying(step, when=lambda err: err.only_raced or err.failed <= {"reaction", "legacy"})
    except Conflict as err:
        if "counts" in err.failed:
            raise not_found(target.what) from err
        # Still changing after every attempt: nothing was half-written, so "try again".
        raise ApiError(409, "busy", "The reaction changed too often at once; try again.") \
            from err


def _react(viewer: Viewer, target: Target, kind: str, clock: Clock) -> dict:
    def step() -> None:
        current = _current(target, viewer.id)
        if current is not None and not current.legacy and current.kind == kind:
            return  # already so: a retried request
        now = clock()
        with transaction() as tx:
            if current is None:
                tx.save(_new_marker(viewer, target, kind, iso(now)),
                        condition=Reaction.pk.does_not_exist(), name="reaction")
                # A new reaction counts on the dashboard; a changed kind is the same one.
                contribution(tx, "reaction", target.group_id, actor_role(viewer), now)
            elif current.legacy:
                tx.delete(current, condition=Reaction.pk.exists(), name="legacy")
                tx.save(_new_marker(viewer, target, kind, current.created),
                        condition=Reaction.pk.does_not_exist(), name="reaction")
            else:
                tx.update(current, actions=[Reaction.kind.set(kind)],
                          condition=Reaction.kind == current.kind, name="reaction")
            _counters(tx, target, current.chosen if current else None, kind)

    _write(target, step)
    return _state(target, kind, kind)


def _unreact(viewer: Viewer, target: Target, kind: str) -> dict:
    left: list[str | None] = [None]

    def step() -> None:
        current = _current(target, viewer.id)
        left[0] = current.chosen if current else None
        if current is None or current.chosen != kind:
            return
        with transaction() as tx:
            if current.legacy:
                tx.delete(current, condition=Reaction.pk.exists(), name="legacy")
            else:
                tx.delete(current, condition=Reaction.kind == kind, name="reaction")
            _counters(tx, target, kind, None)
        left[0] = None

    _write(target, step)
    return _state(target, kind, left[0])


def _who(target: Target, shown: dict, params: dict) -> dict:
    """The people who reacted (of one kind, if asked), a page at a time in the order of their
    ids: at most MAX_QUERIES Queries of the target's markers, then one BatchGet for the
    bylines. Filtering by kind can leave a page short; `next` then says where to go on."""
    wanted = kind_of(params["kind"]) if params.get("kind") else None
    last = (cursors.decode(params["cursor"], lambda raw: raw.startswith(Reaction.PREFIX))
            if params.get("cursor") else None)
    people: list[dict] = []
    more = True
    for _ in range(MAX_QUERIES):
        start = {"pk": {"S": target.partition}, "sk": {"S": last}} if last else None
        found = list(Reaction.query(target.partition, Reaction.sk.startswith(Reaction.PREFIX),
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
    return {"items": people, "reactions": shown,
            "next": cursors.encode(last) if more and last else None}


# Posts: readable by the viewer (404 otherwise, also for a private group's post).

def react(viewer: Viewer, post_id: str, kind: str, clock: Clock) -> dict:
    """Makes `kind` the viewer's reaction, replacing another kind they had chosen."""
    kind = kind_of(kind)
    return _react(viewer, of_post(load(viewer, post_id)), kind, clock)


def unreact(viewer: Viewer, post_id: str, kind: str) -> dict:
    """Removes the viewer's reaction if it is `kind`: a late retry of removing one kind never
    removes the kind chosen after it."""
    kind = kind_of(kind)
    return _unreact(viewer, of_post(load(viewer, post_id)), kind)


def who(viewer: Viewer, post_id: str, params: dict) -> dict:
    post = load(viewer, post_id)
    return _who(of_post(post), counts(post), params)


# Pages of the site: every employee reads them; a path that is no page is a 404.

def react_on_page(viewer: Viewer, path, kind: str, clock: Clock,
                  pages: SitePages | None = None) -> dict:
    kind = kind_of(kind)
    return _react(viewer, of_page(page_path(path, pages)), kind, clock)


def unreact_on_page(viewer: Viewer, path, kind: str, pages: SitePages | None = None) -> dict:
    kind = kind_of(kind)
    return _unreact(viewer, of_page(page_path(path, pages)), kind)


def on_page(viewer: Viewer, path: str) -> dict:
    """The counts and the viewer's own kind of a page (a checked path): what its comments'
    first page carries, so an article asks the API once."""
    target = of_page(path)
    mine = _current(target, viewer.id, consistent=False)
    return {"reactions": counts(target.read()), "mine": mine.chosen if mine else None}


def who_on_page(viewer: Viewer, path, params: dict, pages: SitePages | None = None) -> dict:
    """Who reacted to a page, with its counts and the viewer's own kind."""
    path = page_path(path, pages)
    summary = on_page(viewer, path)
    return {**_who(of_page(path), summary["reactions"], params), "mine": summary["mine"]}
