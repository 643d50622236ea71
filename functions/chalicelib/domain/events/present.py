"""An event as the API returns it: local times, counts, the viewer's own status and `may`."""

from datetime import datetime

from ...clock import iso
from ...models.events import Enrolment, Event
from .. import covers
from ..render import markdown_to_html
from . import times
from .rules import EventStanding

EVENT_PAGE = "evenement.html"


def is_open(event: Event, now: datetime) -> bool:
    """Enrolment is open while the event is on and neither its deadline nor its start passed."""
    closes = event.deadline or event.starts
    return event.status == "active" and iso(now) < closes


def to_json(event: Event, now: datetime, mine: Enrolment | None = None,
            found: EventStanding | None = None) -> dict:
    status = mine.state if mine and mine.state in ("going", "waiting") else None
    body = {
        "id": event.id, "title": event.title, "description": event.description,
        "html": markdown_to_html(event.description) if event.description else "",
        "all_day": bool(event.all_day), "timezone": times.zone().key,
        "start": times.shown(event.starts, event.all_day),
        "end": times.shown(event.ends, event.all_day, is_end=True),
        "location": event.location, "online_url": event.online_url,
        "cover": covers.to_json(event),
        "capacity": int(event.capacity) if event.capacity is not None else None,
        "going": int(event.going or 0), "waiting": int(event.waiting or 0),
        "deadline": (times.local(event.deadline).isoformat(timespec="minutes")
                     if event.deadline else None),
        "enrolment_open": is_open(event, now), "status": event.status,
        "group": {"id": event.group_id, "name": event.group_name} if event.group_id else None,
        "organiser": ({"id": event.created_by, "name": event.created_by_name}
                      if event.created_by else None),
        "official": bool(event.official), "sequence": int(event.sequence or 0),
        "url": event.page or f"{EVENT_PAGE}?id={event.id}", "my_status": status,
    }
    if status == "waiting":
        body["my_position"] = int(mine.position)
    if found is not None:
        body["may"] = found.may()
    return body
