"""Contributions: posts, comments, reactions, joins and new groups, per day and group, staff
or organic. Counted inside the action's own transaction."""

from datetime import datetime

from pynamodb.expressions.operand import Path

from ..models import Tally
from .counting import local_day
from .permissions import is_staff

KINDS = ("post", "comment", "reaction", "join", "group")


# Ambassadors (issue 18) are employees who help colleagues: their contributions are a series of
# their own, beside staff and everyone else. Staff who are also ambassadors count as staff.
AMBASSADOR = "ambassador"
SIDES = ("staff", AMBASSADOR, "organic")


def side_of(actor_role: str) -> str:
    """Contributions by staff roles (`permissions.STAFF_ROLES`, and a group's managers) are
    the organisation's own; ambassadors' are a series of their own; everyone else's are
    organic activity."""
    if is_staff(actor_role):
        return "staff"
    return AMBASSADOR if actor_role == AMBASSADOR else "organic"


def actor_role(viewer) -> str:
    """The role the viewer's own contributions count under."""
    if not is_staff(viewer.role) and viewer.is_ambassador:
        return AMBASSADOR
    return viewer.role


def contribution_key(group_id: str | None, now: datetime) -> str:
    """A group's contributions of a day have an item of their own: no one item grows with the
    number of groups (an item is at most 400 KB, and a full one would fail the action
    itself), and a busy group's transactions do not contend with every other group's."""
    day = local_day(now)
    return f"D#{day}#C#{group_id}" if group_id else f"D#{day}#C"


def counters(kind: str, group_id: str | None, actor_role: str) -> list[str]:
    """The counters one contribution adds one to, on the item `contribution_key` names: the
    organisation's `c:` counter, and in a group the group's own `g:` counter next to it."""
    if kind not in KINDS:
        raise ValueError(f"unknown contribution kind {kind!r}")
    side = side_of(actor_role)
    return [f"c:{kind}:{side}"] + ([f"g:{group_id}:{kind}:{side}"] if group_id else [])


def contribution(tx, kind: str, group_id: str | None, actor_role: str, now: datetime) -> None:
    """Counts a post, comment, reaction, join or new group inside the caller's TransactWrite,
    next to the write that is the action: the count moves exactly when the action commits, and
    an action whose conditions fail (a repeat, a race, a missing post) counts nothing.

    Contributions are activity, not state: an unlike, a leave or a delete takes nothing off."""
    tx.update(Tally(*Tally.key(contribution_key(group_id, now))),
              actions=[Path([name]).add(1) for name in counters(kind, group_id, actor_role)])
