"""What the notifications' stream consumer and schedule read from events (docs/events.md).

Nothing here sends anything: these functions only say which item changes mean "tell someone",
so the notifications code can register three types without knowing how events are stored.
Images are the stream record's OldImage / NewImage, in DynamoDB's JSON ({"S": "..."}).

- event cancelled: an event item (sk EVENT) whose `status` went from active to cancelled.
  Who to tell: `going_and_waiting(event_id)`.
- promoted from the waiting list: an enrolment item (pk EVENT#, sk PERSON#) whose `state`
  went from waiting to going. Who: its `person_id`.
- reminder the day before: no item changes; a daily schedule calls `starting_on(day)` and
  tells each event's `going_and_waiting(...)` (going only, in fact: see the function).

Every notice has an id derived from its source, so a redelivered record or a second run of the
schedule produces the same id and the consumer can write it with attribute_not_exists.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ...clock import iso
from ...models.events import ALL_EVENTS, Enrolment, Event
from . import times

CANCELLED, PROMOTED, REMINDER = "event_cancelled", "event_promoted", "event_reminder"


@dataclass(frozen=True)
class Notice:
    kind: str
    event_id: str
    person_id: str | None  # None: everyone going and waiting (going_and_waiting)
    id: str  # stable under redelivery


def _s(image: dict | None, name: str) -> str | None:
    value = (image or {}).get(name)
    return value.get("S") if isinstance(value, dict) else None


def from_change(old: dict | None, new: dict | None) -> Notice | None:
    """The notice a table change carries, if any."""
    pk, sk = _s(new, "pk") or "", _s(new, "sk") or ""
    if not pk.startswith("EVENT#"):
        return None
    event_id = pk.removeprefix("EVENT#")
    if sk == "EVENT" and _s(old, "status") == "active" and _s(new, "status") == "cancelled":
        return Notice(CANCELLED, event_id, None, f"{CANCELLED}#{event_id}")
    if (sk.startswith("PERSON#") and _s(old, "state") == "waiting"
            and _s(new, "state") == "going"):
        person = _s(new, "person_id")
        # The ticket number makes a second promotion after re-enrolling a new notice.
        position = (new.get("position") or {}).get("N", "")
        return Notice(PROMOTED, event_id, person, f"{PROMOTED}#{event_id}#{person}#{position}")
    return None


def starting_on(day: date) -> list[Event]:
    """Events on `day` (local) still on: one Query of gsi1 EVENTS between two midnights."""
    first, last = iso(times.local_midnight(day)), iso(times.local_midnight(day + timedelta(1)))
    return [e for e in Event.by_start.query(ALL_EVENTS, Event.gsi1sk.between(first, last))
            if e.status == "active" and e.gsi1sk < last]


def reminders(day: date) -> Iterator[Notice]:
    """The day-before reminders for events on `day`: one per person going."""
    for event in starting_on(day):
        for person in going_and_waiting(event.id, states=("going",)):
            yield Notice(REMINDER, event.id, person,
                         f"{REMINDER}#{event.id}#{person}#{event.starts}")


def going_and_waiting(event_id: str, states=("going", "waiting")) -> Iterator[str]:
    """Person ids on the event's lists, a Query page (up to 1 MB) at a time."""
    for state in states:
        for item in Enrolment.roster.query(Enrolment.roster_partition(event_id, state),
                                           attributes_to_get=["person_id"]):
            yield item.person_id
