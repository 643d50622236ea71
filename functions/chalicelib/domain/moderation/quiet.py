"""Groups without activity for 30 days, for the dashboard: to revive or archive.

Activity is what the usage counters already record per group and day (posts, comments,
likes, joins, the group's creation: `contributions.py`), so nothing new is written. A page
reads the last 30 days of counters (the dashboard's own Query) and the next 100 listed groups
by name from the cursor; the groups among them without a counter are quiet.
"""

from datetime import timedelta

from ...clock import Clock
from ...models import Group
from ...models.groups import LISTED
from .. import cursors
from ..counting import local_day
from ..permissions import require
from ..usage_report import _contributions, _read_days
from ..viewer import Viewer

QUIET_DAYS = 30
GROUPS_PER_PAGE = 100


def _active(clock: Clock) -> set[str]:
    last = local_day(clock())
    first = last - timedelta(days=QUIET_DAYS - 1)
    by_key = {item["sk"]["S"]: item for item in _read_days(first, last)}
    active = set()
    for items in _contributions(by_key).values():
        for item in items:
            active.update(name.split(":")[1] for name in item
                          if name.startswith("g:") and name.count(":") == 3)
    return active


def quiet_groups(viewer: Viewer, params: dict, clock: Clock) -> dict:
    """Open and closed groups (secret ones are not listed here), active ones only (not
    archived), by name; a page may hold few or none, `next` goes on."""
    require(viewer, "read_all", "usage", "Quiet groups are for admins and community managers.")
    after = cursors.decode(params["cursor"]) if params.get("cursor") else None
    condition = Group.gsi1sk > after if after else None
    groups = list(Group.listed.query(LISTED, condition, limit=GROUPS_PER_PAGE,
                                     page_size=GROUPS_PER_PAGE))
    active = _active(clock)
    quiet = [g for g in groups if g.status == "active" and g.id not in active]
    more = len(groups) == GROUPS_PER_PAGE
    return {"days": QUIET_DAYS,
            "items": [{"id": g.id, "name": g.name, "members": int(g.member_count or 0),
                       "official": bool(g.official), "created": g.created} for g in quiet],
            "next": cursors.encode(groups[-1].gsi1sk) if more else None}
