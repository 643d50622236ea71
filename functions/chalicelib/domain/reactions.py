"""Reactions: at most one per person, kind and post, toggled idempotently.

The marker item and the post's counter change in one transaction, conditioned on the marker's
absence (or presence), so concurrent toggles can never count twice or go negative.
"""

from ..clock import Clock, iso
from ..errors import invalid, not_found
from ..models import Post, Reaction
from ..models.transactions import Conflict, transaction
from .contributions import actor_role, contribution
from .posts import load
from .viewer import Viewer

KINDS = {"like": Post.likes}


def _kind(kind: str):
    if kind not in KINDS:
        raise invalid("kind", f"Reaction must be one of {', '.join(KINDS)}.")
    return KINDS[kind]


def _state(post_id: str, kind: str, mine: bool) -> dict:
    post = Post.get(*Post.key(post_id), consistent_read=True)
    return {"post": post_id, "kind": kind, "count": int(getattr(post, f"{kind}s") or 0),
            "mine": mine}


def _check_race(err: Conflict) -> None:
    """The marker condition failing means the toggle already happened: fine, it is
    idempotent. The post's condition failing means it was deleted meanwhile."""
    if "post" in err.failed:
        raise not_found("post") from err
    if "reaction" not in err.failed:
        raise err


def add(viewer: Viewer, post_id: str, kind: str, clock: Clock) -> dict:
    counter = _kind(kind)
    post = load(viewer, post_id)
    now = clock()
    by_person = Reaction.person_key(post.id, kind, viewer.id)
    marker = Reaction(*Reaction.key(post.id, kind, viewer.id), created=iso(now),
                      gsi2pk=by_person[0], gsi2sk=by_person[1])
    try:
        with transaction() as tx:
            tx.save(marker, condition=Reaction.pk.does_not_exist())
            tx.update(post, actions=[counter.add(1)], condition=Post.pk.exists())
            contribution(tx, "reaction", post.group_id, actor_role(viewer), now)
    except Conflict as err:
        _check_race(err)
    return _state(post_id, kind, True)


def remove(viewer: Viewer, post_id: str, kind: str) -> dict:
    counter = _kind(kind)
    post = load(viewer, post_id)
    marker = Reaction(*Reaction.key(post.id, kind, viewer.id))
    try:
        with transaction() as tx:
            tx.delete(marker, condition=Reaction.pk.exists())
            tx.update(post, actions=[counter.add(-1)], condition=Post.pk.exists())
    except Conflict as err:
        _check_race(err)
    return _state(post_id, kind, False)
