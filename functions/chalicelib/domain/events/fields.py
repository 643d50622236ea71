"""What an event request may set, checked field by field: a bad value is a 400 naming it.

Creating and editing share one parser: an edit lays the fields it sends over the stored ones
and the whole result is checked again (an end before a moved start is refused too).
"""

from datetime import datetime
from urllib.parse import urlsplit

from ...clock import iso
from ...errors import invalid
from ...models.events import Event
from .. import covers
from . import times

MAX_TITLE = 120
MAX_DESCRIPTION = 5000
MAX_LOCATION = 200
MAX_URL = 500
MAX_CAPACITY = 10_000
EDITABLE = ("title", "description", "all_day", "start", "end", "location", "online_url",
            "capacity", "deadline", "cover")


def _text(data: dict, field: str, limit: int, required: bool = False) -> str:
    value = data.get(field) or ""
    if not isinstance(value, str):
        raise invalid(field, f"{field.capitalize()} must be text.")
    value = value.strip()
    if required and not value:
        raise invalid(field, f"{field.capitalize()} is empty.")
    if len(value) > limit:
        raise invalid(field, f"{field.capitalize()} is longer than {limit} characters.")
    return value


def _online_url(data: dict) -> str | None:
    value = _text(data, "online_url", MAX_URL)
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise invalid("online_url", "Online link must be an http(s) address.")
    return value


def _capacity(data: dict) -> int | None:
    value = data.get("capacity")
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CAPACITY:
        raise invalid("capacity", f"Capacity must be a whole number from 1 to {MAX_CAPACITY}, "
                                  "or empty for no limit.")
    return value


def _all_day(data: dict) -> bool:
    value = data.get("all_day", False)
    if not isinstance(value, bool):
        raise invalid("all_day", "All day must be true or false.")
    return value


def current(event: Event) -> dict:
    """A stored event in the request's own terms, for an edit to lay its fields over."""
    return {"title": event.title, "description": event.description, "all_day": event.all_day,
            "start": times.shown(event.starts, event.all_day),
            "end": times.shown(event.ends, event.all_day, is_end=True),
            "location": event.location, "online_url": event.online_url,
            "capacity": int(event.capacity) if event.capacity is not None else None,
            "deadline": (times.local(event.deadline).isoformat(timespec="minutes")
                         if event.deadline else None)}


def parse(data: dict, now: datetime, before: Event | None = None) -> dict:
    """The event's attributes (without cover and group) from a create or edit request."""
    if before is not None:
        unknown = set(data) - set(EDITABLE)
        if unknown:
            field = sorted(unknown)[0]
            raise invalid(field, f"{field} cannot be changed.")
        data = {**current(before), **data}
    all_day = _all_day(data)
    starts, ends = times.span(data, all_day)
    moved = before is None or starts != before.starts
    if moved and times.stored(starts) < now:
        raise invalid("start", "Start is in the past.")
    deadline = None
    if data.get("deadline") not in (None, ""):
        deadline = iso(times.parse_moment(data["deadline"], "deadline"))
        if deadline > starts:
            raise invalid("deadline", "The enrolment deadline is after the start.")
    return {"title": _text(data, "title", MAX_TITLE, required=True),
            "description": _text(data, "description", MAX_DESCRIPTION),
            "all_day": all_day, "starts": starts, "ends": ends,
            "location": _text(data, "location", MAX_LOCATION),
            "online_url": _online_url(data), "capacity": _capacity(data),
            "deadline": deadline}


def cover(data: dict) -> covers.Choice | None:
    """The cover the request asks for, or None when it does not mention one."""
    return covers.parse(data) if "cover" in data else None
