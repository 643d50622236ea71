"""The events pages: upcoming, past, mine, and one group's.

- upcoming / past: one Query of gsi1 EVENTS by start (from local midnight today on, or before
  it, newest first), then one BatchGet of the groups on the page with the viewer's
  memberships (events of groups they may not read are dropped, so a page may hold fewer than
  PAGE_SIZE), then one BatchGet of the viewer's enrolments on the page.
- a group's (`group=`): the group and the viewer's membership (two GetItems), one Query of
  gsi2 EVENTS#GROUP#<id>, one BatchGet of enrolments.
- mine: one Query of the viewer's enrolments that still count (gsi1 ENROLLED#<me>, newest
  events first, at most MINE), one BatchGet of those events, one of their groups.
"""

import re

from ...clock import Clock
from ...errors import ApiError, invalid
from ...models.events import ALL_EVENTS, Enrolment, Event, group_events
from .. import cursors
from ..viewer import Viewer
from . import rules, times
from .present import to_json

PAGE_SIZE = 20
_SORT_KEY = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ#[0-9A-Za-z-]{1,80}$")
MINE = 100
SCOPES = ("upcoming", "mine", "past")


def _scope(params: dict) -> str:
    scope = params.get("scope") or "upcoming"
    if scope not in SCOPES:
        raise invalid("scope", f"Scope must be one of {', '.join(SCOPES)}.")
    return scope


def _limit(params: dict) -> int:
    raw = params.get("limit") or PAGE_SIZE
    try:
        limit = int(raw)
    except (TypeError, ValueError):
        raise invalid("limit", "Limit must be a number.") from None
    if not 1 <= limit <= 50:
        raise invalid("limit", "Limit must be from 1 to 50.")
    return limit


def _mine_on(viewer: Viewer, events: list[Event]) -> dict[str, Enrolment]:
    if not events:
        return {}
    found = Enrolment.batch_get([Enrolment.key(e.id, viewer.id) for e in events])
    return {e.event_id: e for e in found}


def _page(viewer: Viewer, events: list[Event], clock: Clock, last_key: str | None) -> dict:
    mine, now = _mine_on(viewer, events), clock()
    return {"items": [to_json(e, now, mine.get(e.id)) for e in events],
            "next": cursors.encode(last_key) if last_key else None}


def _query(index, sort, partition: str, params: dict, clock: Clock, past: bool):
    """One page of a partition of events sorted by start; `sort` is its sort key attribute."""
    today = times.start_of_today(clock())
    after = cursors.decode(params["cursor"], _SORT_KEY.match) if params.get("cursor") else None
    if past:
        condition = sort < (after or today)
    elif after:
        condition = sort > after
    else:
        condition = sort >= today
    results = index.query(partition, condition, scan_index_forward=not past,
                          limit=_limit(params))
    events = list(results)
    last = results.last_evaluated_key
    return events, (last[sort.attr_name]["S"] if last else None)


def page(viewer: Viewer, params: dict, clock: Clock) -> dict:
    scope = _scope(params)
    group_id = params.get("group") or None
    if scope == "mine":
        return _mine(viewer, group_id, clock)
    if group_id:
        if rules.group_standing(viewer, group_id) is None:
            raise ApiError(404, "not_found", "No such group.", "group")
        events, last = _query(Event.by_owner, Event.gsi2sk, group_events(group_id), params,
                              clock, scope == "past")
    else:
        events, last = _query(Event.by_start, Event.gsi1sk, ALL_EVENTS, params, clock,
                              scope == "past")
        events = rules.visible(viewer, events)
    return _page(viewer, events, clock, last)


def _mine(viewer: Viewer, group_id: str | None, clock: Clock) -> dict:
    links = list(Enrolment.mine.query(Enrolment.person_partition(viewer.id),
                                      scan_index_forward=False, limit=MINE, page_size=MINE))
    if not links:
        return {"items": [], "next": None}
    today = times.start_of_today(clock())
    events = [e for e in Event.batch_get([Event.key(m.event_id) for m in links])
              if e.ends > today and (group_id is None or e.group_id == group_id)]
    events = sorted(rules.visible(viewer, events), key=lambda e: (e.starts, e.id))
    mine, now = {m.event_id: m for m in links}, clock()
    return {"items": [to_json(e, now, mine.get(e.id)) for e in events], "next": None}
