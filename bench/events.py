"""Events: DynamoDB calls per enrolment and per events page, with few and with many events in
the table (the calls must not grow with it), and the time our own code takes."""

import itertools
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from infra.paths import ROOT

from .harness import Stack

_RUN = itertools.count()


def bulk_events(count: int, now: datetime) -> None:
    """`count` organisation events straight into the table, half past and half to come."""
    from chalicelib.clock import iso
    from chalicelib.ids import new_id
    from chalicelib.models.events import Event, group_events

    with Event.batch_write() as batch:
        for n in range(count):
            starts = now + timedelta(hours=12 * (n - count // 2))
            event_id = new_id(now + timedelta(milliseconds=n))
            key = Event.sort_key(iso(starts), event_id)
            batch.save(Event(*Event.key(event_id), gsi1sk=key, gsi2pk=group_events(None),
                             gsi2sk=key, id=event_id, title=f"Evenement {n}", starts=iso(starts),
                             ends=iso(starts + timedelta(hours=2)), created=iso(now),
                             updated=iso(now)))


def measure(stack: Stack) -> dict[str, dict]:
    http, post = stack.client.http, json.dumps
    run = next(_RUN)
    editor = stack.person(f"redactie{run}")
    editor.update(actions=[type(editor).role.set("content_manager")])
    organiser = stack.headers(editor)
    day = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()
    event = http.post("/api/events", headers=organiser, body=post({
        "title": "Workshop", "start": f"{day}T13:00", "end": f"{day}T16:00",
        "capacity": 1})).json_body["id"]
    people = [stack.headers(stack.person(f"deelnemer{n}x{run}")) for n in range(4)]
    feed = http.post("/api/calendar", headers=people[1], body="{}").json_body["url"]  # goes
    feed_path = feed[feed.index("/api/"):]
    measured = {}
    for name, action in [
        ("PUT enrolment (going)",
         lambda: http.put(f"/api/events/{event}/enrolment", headers=people[0], body="{}")),
        ("PUT enrolment (waiting)",
         lambda: http.put(f"/api/events/{event}/enrolment", headers=people[1], body="{}")),
        ("PUT enrolment (again: no change)",
         lambda: http.put(f"/api/events/{event}/enrolment", headers=people[1], body="{}")),
        ("PUT enrolment (waiting, 2nd)",
         lambda: http.put(f"/api/events/{event}/enrolment", headers=people[2], body="{}")),
        ("DELETE enrolment (waiting)",
         lambda: http.delete(f"/api/events/{event}/enrolment", headers=people[2], body="{}")),
        ("DELETE enrolment (going: promotes)",
         lambda: http.delete(f"/api/events/{event}/enrolment", headers=people[0], body="{}")),
        ("GET /api/events (upcoming)", lambda: http.get("/api/events", headers=people[1])),
        ("GET /api/events?scope=past",
         lambda: http.get("/api/events?scope=past", headers=people[1])),
        ("GET /api/events?scope=mine",
         lambda: http.get("/api/events?scope=mine", headers=people[1])),
        ("GET /api/events/{id}", lambda: http.get(f"/api/events/{event}", headers=people[1])),
        ("GET /api/events/{id}/attendees",
         lambda: http.get(f"/api/events/{event}/attendees", headers=organiser)),
        ("GET /api/events/{id}.ics",
         lambda: http.get(f"/api/events/{event}.ics", headers=people[1])),
        ("GET /api/calendar/{token}.ics", lambda: http.get(feed_path, headers={})),
    ]:
        stack.meter.reset()
        response = action()
        assert response.status_code < 300, (name, response.status_code, response.body)
        measured[name] = {"calls": stack.meter.total(),
                          "by_operation": dict(sorted(stack.meter.calls.items()))}
    return measured


def run(small: int = 100, large: int = 5_000) -> dict:
    stack = Stack()
    try:
        now = datetime.now(UTC)
        bulk_events(small, now)
        at_small = measure(stack)
        bulk_events(large - small, now - timedelta(minutes=1))
        return {"sizes": [small, large], "small": at_small, "large": measure(stack)}
    finally:
        stack.stop()


def report(results: dict) -> list[str]:
    small, large = results["sizes"]
    lines = ["## Events: calls per enrolment and per events page", "",
             f"With {small:,} and with {large:,} events in the table (half past, half to come). "
             "The session's GetItem is included in every count but the feed's (no session).",
             "", f"| request | calls at {small:,} → {large:,} | operations at {large:,} |",
             "| --- | --- | --- |"]
    for name, a in results["small"].items():
        b = results["large"][name]
        ops = ", ".join(f"{op} {n}" for op, n in b["by_operation"].items())
        lines.append(f"| {name} | {a['calls']} → {b['calls']} | {ops} |")
    return lines + [""]


def run_isolated(*sizes: int) -> dict:
    """In its own interpreter: the API's settings bind to one table per process."""
    out = subprocess.run([sys.executable, "-m", "bench.events", *map(str, sizes)], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


if __name__ == "__main__":
    print(json.dumps(run(*[int(n) for n in sys.argv[1:3]])))
