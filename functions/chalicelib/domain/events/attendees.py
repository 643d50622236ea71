"""Who is going and who is waiting, in order of arrival, and the organisers' CSV of both.

Everyone who may see an event sees who is going (as on the event page); the waiting list and
the export are for its organisers. Each list is one Query of gsi2 ATTENDEES#<event>#<state>
per page of PAGE_SIZE.
"""

import csv
import io

from ...errors import forbidden, invalid
from ...models import Person
from ...models.events import Enrolment
from .. import cursors
from ..usage_report import _cell as spreadsheet_safe
from ..viewer import Viewer
from . import rules, times

PAGE_SIZE = 100
EXPORT_PAGE = 500
LISTS = ("going", "waiting")
COLUMNS = ("position", "state", "name", "email", "since", "promoted")


def _list(event_id: str, state: str, cursor: str | None, limit: int):
    partition = Enrolment.roster_partition(event_id, state)
    after = cursors.decode(cursor, str.isdigit) if cursor else None
    condition = Enrolment.gsi2sk > after if after else None
    results = Enrolment.roster.query(partition, condition, limit=limit, page_size=limit)
    items = list(results)
    last = results.last_evaluated_key
    return items, (cursors.encode(last["gsi2sk"]["S"]) if last else None)


def _person(item: Enrolment) -> dict:
    return {"id": item.person_id, "name": item.person_name, "position": int(item.position),
            "since": item.since, "promoted": bool(item.promoted)}


def page(viewer: Viewer, event_id: str, params: dict) -> dict:
    found = rules.load(viewer, event_id)
    organiser = found.may_organise
    wanted = params.get("state")
    if wanted is not None and wanted not in LISTS:
        raise invalid("state", "State must be going or waiting.")
    if wanted == "waiting" and not organiser:
        raise forbidden("Only the event's organisers see the waiting list.")
    states = [wanted] if wanted else (list(LISTS) if organiser else ["going"])
    body = {"going_count": int(found.event.going or 0),
            "waiting_count": int(found.event.waiting or 0) if organiser else None}
    for state in states:
        items, after = _list(found.event.id, state, params.get("cursor") if wanted else None,
                             PAGE_SIZE)
        body[state] = {"items": [_person(i) for i in items], "next": after}
    return body


def export(viewer: Viewer, event_id: str) -> tuple[str, str]:
    """(file name, CSV) of everyone going, then everyone waiting, with their email addresses.
    Cells that a spreadsheet would run as a formula are quoted (CSV injection)."""
    found = rules.organised(viewer, event_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for state in LISTS:
        cursor = None
        while True:
            items, cursor = _list(found.event.id, state, cursor, EXPORT_PAGE)
            emails = {p.id: p.email for p in Person.batch_get(
                [Person.key(i.person_id) for i in items])} if items else {}
            for item in items:
                writer.writerow([spreadsheet_safe(v) for v in (
                    int(item.position), state, item.person_name, emails.get(item.person_id, ""),
                    times.local(item.since).isoformat(timespec="minutes"),
                    "yes" if item.promoted else "")])
            if not cursor:
                break
    day = times.local(found.event.starts).date().isoformat()
    return f"plein-event-{found.event.id}-{day}.csv", out.getvalue()

