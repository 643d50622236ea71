"""Who may see, create, organise and enrol in events: the one place that decides.

An event of a group follows the group (`domain/standing.py`): whoever may not read the group
gets 404 for its events, exactly as if they did not exist, so a secret group's events leak
nowhere. Events that belong to no group are for every signed-in employee.
"""

import re
from dataclasses import dataclass

from ...errors import ApiError, forbidden, invalid
from ...models.events import Event
from .. import standing
from ..standing import Standing
from ..viewer import Viewer

_EVENT_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{0,79}$")
ORGANISATION_WIDE = ("content_manager", "admin")


def no_such_event() -> ApiError:
    return ApiError(404, "not_found", "No such event.", "event")


def check_id(event_id) -> str:
    if not isinstance(event_id, str) or not _EVENT_ID.match(event_id):
        raise no_such_event()
    return event_id


@dataclass(frozen=True)
class EventStanding:
    viewer: Viewer
    event: Event
    group: Standing | None

    @property
    def may_organise(self) -> bool:
        """The creator, named organisers, the group's managers; for events outside groups,
        content managers. Admins always."""
        viewer, event = self.viewer, self.event
        if viewer.is_admin or (event.created_by and viewer.id == event.created_by):
            return True
        if viewer.id in (event.organisers or "").split():
            return True
        if self.group is not None:
            return self.group.may("manage")
        return viewer.role == "content_manager"

    def may(self) -> dict:
        organise = self.may_organise
        return {"enrol": self.event.status == "active", "edit": organise,
                "cancel": organise, "attendees": organise}


def find(event_id: str, consistent: bool = False) -> Event | None:
    try:
        return Event.get(*Event.key(check_id(event_id)), consistent_read=consistent)
    except Event.DoesNotExist:
        return None


def group_standing(viewer: Viewer, group_id: str) -> Standing | None:
    """The viewer's standing in the group, or None when they may not read it."""
    try:
        found = standing.load(viewer, group_id)
    except ApiError:
        return None
    return found if found.may("read") else None


def load(viewer: Viewer, event_id: str, consistent: bool = False) -> EventStanding:
    """The event as the viewer may see it; 404 when it does not exist for them."""
    event = find(event_id, consistent)
    if event is None:
        raise no_such_event()
    group = None
    if event.group_id:
        group = group_standing(viewer, event.group_id)
        if group is None:
            raise no_such_event()
    return EventStanding(viewer, event, group)


def organised(viewer: Viewer, event_id: str) -> EventStanding:
    found = load(viewer, event_id)
    if not found.may_organise:
        raise forbidden("Only the event's organisers can do that.")
    return found


def creatable(viewer: Viewer, group_id) -> Standing | None:
    """Anyone creates events for a group they belong to; content managers and admins for the
    whole organisation. Returns the group standing (None for organisation-wide events)."""
    if group_id is None:
        if viewer.role not in ORGANISATION_WIDE:
            raise forbidden("Only content managers create events for the whole organisation.")
        return None
    if not isinstance(group_id, str):
        raise invalid("group", "Group must be a group id.")
    try:
        return standing.postable(viewer, group_id)
    except ApiError as err:
        if err.status in (400, 404):
            raise ApiError(404, "not_found", "No such group.", "group") from None
        raise


def readable_groups(viewer: Viewer, events) -> set[str]:
    """Of these events' groups, the ones the viewer may read: one BatchGet per 50 groups (a
    page of 20 events needs one; "mine", at most 100 events, two)."""
    ids = sorted({e.group_id for e in events if e.group_id})
    step = standing.READABLE_BATCH
    return {g for start in range(0, len(ids), step)
            for g, found in standing.standings_in(viewer, ids[start:start + step]).items()
            if found.may("read")}


def visible(viewer: Viewer, events) -> list[Event]:
    readable = readable_groups(viewer, events)
    return [e for e in events if not e.group_id or e.group_id in readable]
