"""Calendars: each event as .ics and the personal feed, parsed back with `icalendar`.

Local times must survive the changes to and from summer time (2040: 25 March and 28 October
in Europe/Amsterdam), UIDs must be stable, SEQUENCE must rise with every change and a
cancelled event must say so. The feed needs no cookie, shows only its person's events and
stops working when revoked or renewed.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from chalicelib.domain.events import enrolment, events
from events_steps import EventApi, as_viewer
from groups_steps import GroupApi
from icalendar import Calendar

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
IDS = iter(f"01JCALENDAR{n:015d}" for n in range(1, 1000))


@pytest.fixture
def api(client, as_person):
    return EventApi(client, as_person)


def make_event(organiser, clock, **fields):
    body = {"title": "Borrel", "start": "2040-03-24T16:00", "end": "2040-03-24T18:00", **fields}
    return events.create(organiser, body, clock, lambda now: next(IDS))


def parse(response) -> list:
    assert response.status_code == 200, response.body
    assert response.headers["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.body.decode())
    zones = [z["TZID"] for z in cal.walk("VTIMEZONE")]
    assert zones == ["Europe/Amsterdam"]
    return cal.walk("VEVENT")


def ics(api, event_id, person):
    return parse(api.call("GET", f"/api/events/{event_id}.ics", person))


def test_local_time_holds_across_both_changes_of_summer_time(api, make_person, clock):
    organiser = make_person(role="content_manager")
    who = as_viewer(organiser)
    cases = {("2040-03-24T16:00", 1), ("2040-03-26T16:00", 2), ("2040-10-27T16:00", 2),
             ("2040-10-29T16:00", 1)}
    for start, offset_hours in cases:
        event = make_event(who, clock, start=start, end=start.replace("16:", "18:"))
        (vevent,) = ics(api, event["id"], organiser)
        begins = vevent.decoded("DTSTART")
        assert begins.tzinfo.key == "Europe/Amsterdam"
        assert begins.replace(tzinfo=None) == datetime.fromisoformat(start)
        assert begins.utcoffset() == timedelta(hours=offset_hours)
        assert begins.astimezone(UTC).hour == 16 - offset_hours
        assert vevent.decoded("DTEND").astimezone(AMSTERDAM).hour == 18
        assert event["start"] == f"{start}+0{offset_hours}:00"
        # The VTIMEZONE itself knows 2040's changes, for clients that read only it.
        text = api.call("GET", f"/api/events/{event['id']}.ics", organiser).body.decode()
        assert "20400325T" in text and "20401028T" in text


def test_all_day_events_are_dates(api, make_person, clock):
    organiser = make_person(role="content_manager")
    event = make_event(as_viewer(organiser), clock, all_day=True, start="2040-03-25",
                       end="2040-03-26")
    assert (event["start"], event["end"]) == ("2040-03-25", "2040-03-26")
    (vevent,) = ics(api, event["id"], organiser)
    assert vevent.decoded("DTSTART") == date(2040, 3, 25)
    assert vevent.decoded("DTEND") == date(2040, 3, 27)  # exclusive


def test_uid_is_stable_sequence_rises_and_cancelled_says_so(api, make_person, clock):
    organiser = make_person(role="content_manager")
    event = make_event(as_viewer(organiser), clock)
    (first,) = ics(api, event["id"], organiser)
    (again,) = ics(api, event["id"], organiser)
    assert first["UID"] == again["UID"] == f"{event['id']}@plein"
    assert (first["SEQUENCE"], first["STATUS"]) == (0, "CONFIRMED")
    api.call("PATCH", f"/api/events/{event['id']}", organiser, {"start": "2040-03-24T17:00"})
    (moved,) = ics(api, event["id"], organiser)
    assert moved["UID"] == first["UID"] and moved["SEQUENCE"] == 1
    assert moved.decoded("DTSTART").hour == 17
    api.call("DELETE", f"/api/events/{event['id']}", organiser)
    (cancelled,) = ics(api, event["id"], organiser)
    assert (cancelled["SEQUENCE"], cancelled["STATUS"]) == (2, "CANCELLED")


def test_the_personal_feed_works_without_cookies_and_shows_only_my_events(
        api, make_person, clock, client, as_person):
    organiser, anna, bram = (make_person(role="content_manager"), make_person(),
                             make_person())
    who = as_viewer(organiser)
    going = make_event(who, clock, title="Voorjaarsborrel", start="2040-03-26T16:00",
                       end="2040-03-26T18:00")
    full = make_event(who, clock, title="Vol", capacity=1)
    not_mine = make_event(who, clock, title="Niet de mijne")
    enrolment.enrol(as_viewer(anna), going["id"], clock)
    enrolment.enrol(as_viewer(bram), full["id"], clock)
    enrolment.enrol(as_viewer(anna), full["id"], clock)  # waiting: not in her calendar
    enrolment.enrol(as_viewer(bram), not_mine["id"], clock)
    group = GroupApi(client, as_person).create(organiser, "secret", name="Geheim")
    secret = events.create(who, {"title": "Geheim overleg", "start": "2040-04-01T10:00",
                                 "end": "2040-04-01T11:00", "group": group["id"]},
                           clock, lambda now: next(IDS))
    enrolment.enrol(who, secret["id"], clock)

    assert api.call("GET", "/api/calendar", anna).json_body["active"] is False
    made = api.call("POST", "/api/calendar", anna)
    assert made.status_code == 201
    url = made.json_body["url"]
    assert url.startswith("http://plein.test/api/calendar/") and url.endswith(".ics")
    path = url.removeprefix("http://plein.test")
    (only,) = parse(api.call("GET", path, None))  # no cookie at all
    assert only["SUMMARY"] == "Voorjaarsborrel"
    assert only.decoded("DTSTART").astimezone(AMSTERDAM).hour == 16
    body = api.call("GET", path, None).body.decode()
    for other in ("Vol", "Niet de mijne", "Geheim", bram.name, anna.email):
        assert other not in body
    assert api.call("GET", "/api/calendar", anna).json_body["active"] is True

    renewed = api.call("POST", "/api/calendar", anna).json_body["url"]
    assert api.call("GET", path, None).status_code == 404  # the old URL is dead
    new_path = renewed.removeprefix("http://plein.test")
    assert len(parse(api.call("GET", new_path, None))) == 1
    assert api.call("DELETE", "/api/calendar", anna).status_code == 204
    assert api.call("GET", new_path, None).status_code == 404
    assert api.call("DELETE", "/api/calendar", anna).status_code == 204  # again: no change
    assert api.call("GET", "/api/calendar/not-a-token.ics", None).status_code == 404
    assert api.call("GET", "/api/calendar/" + "x" * 43, None).status_code == 404


def test_a_cancelled_event_stays_in_the_feed_as_cancelled(api, make_person, clock):
    organiser, anna = make_person(role="content_manager"), make_person()
    event = make_event(as_viewer(organiser), clock)
    enrolment.enrol(as_viewer(anna), event["id"], clock)
    path = api.call("POST", "/api/calendar", anna).json_body["url"].removeprefix(
        "http://plein.test")
    events.cancel(as_viewer(organiser), event["id"], clock)
    (vevent,) = parse(api.call("GET", path, None))
    assert (vevent["STATUS"], vevent["SEQUENCE"]) == ("CANCELLED", 1)
