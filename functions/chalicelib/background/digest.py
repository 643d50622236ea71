"""The daily and weekly email digests: at 07:00 in the organisation's time zone, everyone with
notes waiting for a digest gets one mail (weekly ones on Mondays).

Idempotent: before mailing a person, a run claims a marker for that person and day (or ISO
week) with a conditional write, so a rerun, or two runs at once, mail nobody twice. Notes are
marked mailed only after their mail went out; a run that dies between the two leaves them
pending for the next digest instead of losing them.

The pending notes are the notifications' sparse gsi2 (`docs/notifications.md`): everything
that reads or changes notification items is in `pending_notes` and the `_store()` functions
below, the one place that knows that layout.
"""

import logging
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pynamodb.exceptions import DoesNotExist, PutError

from ..clock import iso
from ..domain import delivery
from ..models import Person
from ..models.delivery import DigestMarker
from ..models.schema import BaseMeta, shared_connection
from ..settings import settings

log = logging.getLogger(__name__)
DIGEST_HOUR = 7
WEEKLY_WEEKDAY = 0  # Monday
MARKER_DAYS = 14
PAGE = 200


def local(at: datetime) -> datetime:
    return at.astimezone(ZoneInfo(settings.timezone))


def due_periods(at: datetime) -> list[str]:
    """Daily every day; weekly too on Mondays."""
    return ["daily", "weekly"] if local(at).weekday() == WEEKLY_WEEKDAY else ["daily"]


def stamp(period: str, at: datetime) -> str:
    day = local(at).date()
    if period == "daily":
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def pending_notes(period: str, at: datetime, page: int = PAGE) -> Iterator[tuple[str, list]]:
    """(person id, raw notification items) for every person with notes waiting for this
    period's digest, made before `at`: one Query page of gsi2 `DIGEST#<period>` at a time,
    sorted by person, so one person's notes arrive together."""
    client = shared_connection().client
    from boto3.dynamodb.types import TypeDeserializer  # all of boto3: the digest's own

    decode = TypeDeserializer().deserialize
    args = {"TableName": BaseMeta.table_name, "IndexName": "gsi2", "Limit": page,
            "KeyConditionExpression": "gsi2pk = :p",
            "ExpressionAttributeValues": {":p": {"S": f"DIGEST#{period}"}}}
    person, items = None, []
    cutoff = iso(at)
    while True:
        answer = client.query(**args)
        for raw in answer.get("Items", []):
            item = {k: decode(v) for k, v in raw.items()}
            owner = str(item["gsi2sk"]).split("#", 1)[0]
            if owner != person and items:
                yield person, items
                items = []
            person = owner
            if str(item.get("created", "")) <= cutoff:
                items.append(item)
        if "LastEvaluatedKey" not in answer:
            break
        args["ExclusiveStartKey"] = answer["LastEvaluatedKey"]
    if items:
        yield person, items


def _store():
    # The notifications subsystem owns these items' text and their "mailed" state.
    from ..domain.notifications import store

    return store


def _inbox():
    # ... and decides which of them a person may still read, in their language.
    from ..domain.notifications import inbox

    return inbox


def claim(period: str, day: str, person_id: str, at: datetime) -> bool:
    """True for the first run that claims this person's digest for this day or week."""
    marker = DigestMarker(*DigestMarker.key(period, day, person_id),
                          expires=int((at + timedelta(days=MARKER_DAYS)).timestamp()))
    try:
        marker.save(condition=DigestMarker.pk.does_not_exist())
    except PutError as err:
        if err.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def digest(at: datetime, period: str | None = None,
           pending: Callable = pending_notes, notes_of: Callable | None = None,
           mark: Callable | None = None, send: Callable = delivery.send_digest) -> dict:
    """Runs the digests due at `at` (or only `period`); returns counts for the job's log."""
    notes_of = notes_of or (lambda person, items: _inbox().readable_notes(person, items))
    mark = mark or (lambda person_id, ids, when: _store().mark_mailed(person_id, ids, when))
    done = {"sent": 0, "skipped": 0, "empty": 0, "failed": 0}
    for each in [period] if period else due_periods(at):
        day = stamp(each, at)
        for person_id, items in pending(each, at):
            if not claim(each, day, person_id, at):
                done["skipped"] += 1
                continue
            try:
                person = Person.get(*Person.key(person_id))
            except DoesNotExist:
                continue
            try:
                sent = send(person, notes_of(person, items), each, clock=lambda: at)
            except Exception:  # one mailbox's trouble must not stop everyone else's digest
                log.exception("digest for %s failed; its notes stay pending", person_id)
                done["failed"] += 1
                continue
            done["sent" if sent else "empty"] += 1
            mark(person_id, [item["id"] for item in items], at)
    return done


def scheduled(at: datetime) -> dict | None:
    """For an hourly (or 05:00 and 06:00 UTC) schedule: runs only in the hour that is 07:00 in
    the organisation's time zone, so daylight saving time needs no second cron rule."""
    return digest(at) if local(at).hour == DIGEST_HOUR else None
