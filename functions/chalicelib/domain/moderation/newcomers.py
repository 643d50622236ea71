"""Who joined a group this week, for its managers: every join's transaction also writes a
short-lived newcomer item (`JOINED#<group>`, by time), so the list is one Query however large
the group is, and TTL clears it after NEWCOMER_DAYS."""

from datetime import datetime, timedelta

from pynamodb.transactions import TransactWrite

from ...clock import Clock, iso
from ...models import Membership
from ...models.moderation import Newcomer
from ..standing import managed
from ..viewer import Viewer

WEEK = timedelta(days=7)
NEWCOMER_DAYS = 8  # a day more than the view, so the oldest of the week is still there
MAX_LISTED = 100


def record(tx: TransactWrite, item: Membership) -> None:
    """Part of a join's transaction (`memberships.move` with a new member); the membership's
    `since` is the moment of joining, from the caller's clock."""
    joined = datetime.fromisoformat(item.since)
    tx.save(Newcomer(*Newcomer.key(item.group_id, item.since, item.person_id),
                     person_id=item.person_id, person_name=item.person_name,
                     expires=int(joined.timestamp()) + NEWCOMER_DAYS * 86400))


def forget(tx: TransactWrite, current: Membership) -> None:
    """Part of leaving (or being removed, or erasing one's account): the newcomer item goes
    with the membership, so nothing keeps the name of someone who left."""
    if current.since:
        tx.delete(Newcomer(*Newcomer.key(current.group_id, current.since, current.person_id)))


def this_week(viewer: Viewer, group_id: str, clock: Clock) -> dict:
    """Newest first, those still members: the group and the viewer's standing (2 GetItems),
    one Query, one BatchGet of their memberships."""
    managed(viewer, group_id)
    start = iso(clock() - WEEK)
    found = list(Newcomer.query(Newcomer.key(group_id, "", "")[0], Newcomer.sk >= start,
                                scan_index_forward=False, limit=MAX_LISTED,
                                page_size=MAX_LISTED))
    if not found:
        return {"items": []}
    still = {m.person_id for m in Membership.batch_get(
        [Membership.key(group_id, n.person_id) for n in found]) if m.state == "member"}
    seen, items = set(), []
    for n in found:
        if n.person_id in still and n.person_id not in seen:
            seen.add(n.person_id)
            items.append({"id": n.person_id, "name": n.person_name,
                          "since": n.sk.rpartition("#")[0]})
    return {"items": items}
