"""Events: create, show, edit and cancel. Listings are in `listing.py`, enrolment in
`enrolment.py`, calendars in `calendar.py`.

Every change raises the event's `sequence` by ADD, which is the .ics SEQUENCE calendar clients
use to replace their copy; an edit is conditioned on the sequence it read, so two organisers
editing at once never overwrite each other's change unseen (the second gets a 409).
"""

from pynamodb.exceptions import UpdateError

from ...clock import Clock, iso
from ...errors import ApiError, conflict, invalid
from ...ids import IdMaker
from ...models.events import Event, group_events
from ...models.posts import Photo
from .. import covers, photos
from ..viewer import Viewer
from . import enrolment, fields, rules
from .present import to_json
from .rules import EventStanding


def _photo(viewer: Viewer, event_id: str, choice: covers.Choice | None, current):
    """The uploaded cover to store (made from the viewer's own upload), as for groups."""
    if choice is None or choice.upload is None:
        return None
    wanted = choice.upload
    if current is not None and current.id == wanted["id"]:
        dims = {"width": current.width, "height": current.height,
                "small_width": current.small_width}
    else:
        dims = photos.process(viewer, wanted["id"], use=f"event:{event_id}", field="cover")
    return Photo(id=wanted["id"], alt=wanted["alt"], **dims)


def create(viewer: Viewer, data: dict, clock: Clock, new_id: IdMaker) -> dict:
    """A group's event (`group`: its members may) or the organisation's (content managers)."""
    group = rules.creatable(viewer, data.get("group"))
    now = clock()
    values = fields.parse(data, now)
    choice = fields.cover(data)
    event_id = new_id(now)
    group_id = group.group.id if group else None
    event = Event(*Event.key(event_id), gsi1sk=Event.sort_key(values["starts"], event_id),
                  gsi2pk=group_events(group_id), gsi2sk=Event.sort_key(values["starts"], event_id),
                  id=event_id, **values, cover=choice.path if choice else None,
                  cover_photo=_photo(viewer, event_id, choice, None), group_id=group_id,
                  group_name=group.group.name if group else None, created_by=viewer.id,
                  created_by_name=viewer.name, status="active", sequence=0, created=iso(now),
                  updated=iso(now))
    event.save(condition=Event.pk.does_not_exist())
    return to_json(event, now, None, EventStanding(viewer, event, group))


def show(viewer: Viewer, event_id: str, clock: Clock) -> dict:
    found = rules.load(viewer, event_id)
    return to_json(found.event, clock(), enrolment.find(found.event.id, viewer.id), found)


def _set(attribute, value):
    return attribute.remove() if value is None else attribute.set(value)


def update(viewer: Viewer, event_id: str, data: dict, clock: Clock) -> dict:
    """Organisers edit; a lower capacity may not drop below who is going already, and a
    higher one lets the head of the waiting list in."""
    found = rules.organised(viewer, event_id)
    event, now = found.event, clock()
    if event.status != "active":
        raise ApiError(409, "cancelled", "This event is cancelled.")
    if not data:
        raise invalid("body", "Nothing to change.")
    values = fields.parse(data, now, before=event)
    actions = [_set(getattr(Event, name), value) for name, value in values.items()]
    if values["starts"] != event.starts:
        key = Event.sort_key(values["starts"], event.id)
        actions += [Event.gsi1sk.set(key), Event.gsi2sk.set(key)]
    choice, before = fields.cover(data), event.cover_photo
    if choice is not None:  # last: the photo is processed only once everything else is valid
        stored = _photo(viewer, event.id, choice, before)
        actions += [_set(Event.cover, choice.path), _set(Event.cover_photo, stored)]
    actions += [Event.sequence.add(1), Event.updated.set(iso(now))]
    condition = (Event.sequence == event.sequence) & (Event.status == "active")
    if values["capacity"] is not None:
        condition &= Event.going <= values["capacity"]
    try:
        event.update(actions=actions, condition=condition)
    except UpdateError as err:
        if err.cause_response_code != "ConditionalCheckFailedException":
            raise
        latest = rules.find(event.id, consistent=True)
        if latest and values["capacity"] is not None and latest.going > values["capacity"]:
            raise invalid("capacity", f"{int(latest.going)} people are going already; "
                                      "capacity cannot be lower.") from None
        raise conflict("The event changed meanwhile; reload it and try again.") from None
    if choice is not None:
        photos.discard(covers.left_behind(before, event.cover_photo))
    enrolment.fill(event.id, clock)
    return show(viewer, event.id, clock)


def cancel(viewer: Viewer, event_id: str, clock: Clock) -> None:
    """Cancels the event (it stays, as STATUS:CANCELLED for calendars). Enrolments stay as
    they were: the change of the event's status is what tells the enrolled (docs/events.md)."""
    event = rules.organised(viewer, event_id).event
    if event.status == "cancelled":
        return
    try:
        event.update(actions=[Event.status.set("cancelled"), Event.sequence.add(1),
                              Event.updated.set(iso(clock()))],
                     condition=Event.status == "active")
    except UpdateError as err:
        if err.cause_response_code != "ConditionalCheckFailedException":
            raise  # a lost race means another organiser cancelled it: done either way
