"""Calendars: one event as .ics, and each employee's personal feed of the events they go to.

Both are built with the `icalendar` library. A VEVENT's UID is the event's id, so a calendar
client that imports it twice, or reads it again from the feed, updates its copy; its SEQUENCE
is the event's `sequence`, raised by every change; a cancelled event stays, as
STATUS:CANCELLED, so clients remove it instead of keeping a stale copy. Times carry
TZID=<PLEIN_TIMEZONE> and the calendar includes that zone's VTIMEZONE, so a client shows
16:00 for an event at 16:00 local time, on either side of a change to or from summer time.

The feed's URL holds a random token (256 bits); only its SHA-256 is stored, next to the person
it belongs to. Calendar clients send no cookies, so the token is the only credential: the feed
shows only events its person is going to and may still see, nothing about anyone else, and a
revoked or renewed token answers 404.
"""

import hashlib
import secrets
from datetime import date, timedelta

from ... import lazy
from ...clock import Clock, iso
from ...errors import ApiError, not_found
from ...models import Person
from ...models.events import CalendarFeed, CalendarToken, Enrolment, Event
from ...models.transactions import Conflict, transaction
from ..viewer import Viewer
from . import rules, times

# Only the .ics routes use it; as the largest import of all, every other cold start skips it.
icalendar = lazy.module("icalendar")

FEED_EVENTS = 100
UID_DOMAIN = "plein"


def _calendar(name: str) -> "icalendar.Calendar":
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Plein//Events//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", times.zone().key)
    return cal


def _vevent(event: Event, page_url: str | None) -> "icalendar.Event":
    item = icalendar.Event()
    item.add("uid", f"{event.id}@{UID_DOMAIN}")
    item.add("sequence", int(event.sequence or 0))
    item.add("dtstamp", times.stored(event.updated))
    item.add("last-modified", times.stored(event.updated))
    item.add("created", times.stored(event.created))
    item.add("summary", event.title)
    if event.all_day:
        item.add("dtstart", times.local(event.starts).date())
        item.add("dtend", times.local(event.ends).date())  # exclusive, as RFC 5545 wants
    else:
        item.add("dtstart", times.local(event.starts))
        item.add("dtend", times.local(event.ends))
    if event.description:
        item.add("description", event.description)
    where = ", ".join(p for p in (event.location, event.online_url) if p)
    if where:
        item.add("location", where)
    if page_url:
        item.add("url", page_url)
    item.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    return item


def _ics(cal: "icalendar.Calendar", events: list[Event]) -> str:
    """The calendar with our zone's VTIMEZONE, its transitions covering every event (icalendar
    stops at 2038 unless told), also when no event needs it (all-day ones, an empty feed):
    clients show X-WR-TIMEZONE's name, and some insist on its definition."""
    years = [times.local(e.starts).year for e in events] + [times.local(e.ends).year
                                                           for e in events]
    first = date(min(years, default=date.today().year) - 1, 1, 1)
    last = date(max(years, default=date.today().year) + 2, 1, 1)
    cal.add_missing_timezones(first_date=first, last_date=last)
    if not cal.walk("VTIMEZONE"):
        zone = icalendar.Timezone.from_tzid(times.zone().key, first_date=first, last_date=last)
        cal.subcomponents.insert(0, zone)
    return cal.to_ical().decode()


def event_ics(viewer: Viewer, event_id: str, site_url: str) -> tuple[str, str]:
    """(file name, text) of one event the viewer may see."""
    event = rules.load(viewer, event_id).event
    cal = _calendar(event.title)
    cal.add_component(_vevent(event, _page_url(event, site_url)))
    return f"{event.id}.ics", _ics(cal, [event])


def _page_url(event: Event, site_url: str) -> str | None:
    page = event.page or f"evenement.html?id={event.id}"
    return f"{site_url.rstrip('/')}/{page}" if site_url else None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _owner(token: str) -> str | None:
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    try:
        return CalendarToken.get(*CalendarToken.key(_hash(token))).person_id
    except CalendarToken.DoesNotExist:
        return None


def feed_ics(token: str, site_url: str, name: str, clock: Clock) -> str:
    """The feed behind `token`: events its person is going to, from 30 days ago on."""
    person_id = _owner(token)
    if person_id is None:
        raise not_found("calendar")
    try:
        person = Person.get(*Person.key(person_id))
    except Person.DoesNotExist:
        raise not_found("calendar") from None
    viewer = Viewer(id=person.id, name=person.name, email=person.email, role=person.role,
                    person=person)
    links = [m for m in Enrolment.mine.query(Enrolment.person_partition(person.id),
                                             scan_index_forward=False, limit=FEED_EVENTS,
                                             page_size=FEED_EVENTS) if m.state == "going"]
    since = iso(clock() - timedelta(days=30))
    events = [e for e in Event.batch_get([Event.key(m.event_id) for m in links])
              if e.ends > since] if links else []
    cal = _calendar(name)
    shown = sorted(rules.visible(viewer, events), key=lambda e: (e.starts, e.id))
    for event in shown:
        cal.add_component(_vevent(event, _page_url(event, site_url)))
    return _ics(cal, shown)


def feed_status(viewer: Viewer) -> dict:
    try:
        feed = CalendarFeed.get(*CalendarFeed.key(viewer.id))
    except CalendarFeed.DoesNotExist:
        return {"active": False, "created": None}
    return {"active": True, "created": feed.created}


def _current(viewer: Viewer) -> CalendarFeed | None:
    try:
        return CalendarFeed.get(*CalendarFeed.key(viewer.id), consistent_read=True)
    except CalendarFeed.DoesNotExist:
        return None


def renew(viewer: Viewer, api_url: str, clock: Clock) -> dict:
    """A new secret feed URL; the previous one (if any) stops working in the same write.
    The URL is shown this once: only the token's hash is kept."""
    token, now = secrets.token_urlsafe(32), iso(clock())
    current = _current(viewer)
    feed = CalendarFeed(*CalendarFeed.key(viewer.id), person_id=viewer.id,
                        token_hash=_hash(token), created=now)
    try:
        with transaction() as tx:
            if current is not None:
                tx.delete(CalendarToken(*CalendarToken.key(current.token_hash)))
                tx.save(feed, condition=CalendarFeed.token_hash == current.token_hash)
            else:
                tx.save(feed, condition=CalendarFeed.pk.does_not_exist())
            tx.save(CalendarToken(*CalendarToken.key(feed.token_hash), person_id=viewer.id,
                                  created=now), condition=CalendarToken.pk.does_not_exist())
    except Conflict:
        raise ApiError(409, "conflict", "The feed changed meanwhile; try again.") from None
    return {"active": True, "created": now,
            "url": f"{api_url.rstrip('/')}/calendar/{token}.ics"}


def revoke(viewer: Viewer) -> None:
    """The feed URL stops working (404). Revoking twice changes nothing."""
    current = _current(viewer)
    if current is None:
        return
    try:
        with transaction() as tx:
            tx.delete(CalendarToken(*CalendarToken.key(current.token_hash)))
            tx.delete(current, condition=CalendarFeed.token_hash == current.token_hash)
    except Conflict:
        raise ApiError(409, "conflict", "The feed changed meanwhile; try again.") from None
