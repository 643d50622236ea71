"""Counting for usage monitoring: the organisation's calendar, pseudonymous markers, and
counters that count each person once per period.

Privacy by design: a page view adds one to that page's counter for the day and nothing else.
Distinct counts need to know who was already counted, so each period (a day, a week, a month,
or one post) gets a marker per person, keyed by a keyed hash of (period, person) that cannot be
linked across periods, and expiring through DynamoDB TTL soon after the period ends. No IP
address, user agent or list of pages per person is ever written.

Exactness: a marker is put only if absent, in the same transaction as the ADD on its aggregate,
so a person is counted once per period however many requests race; a retried hit finds the
marker and adds nothing.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from pynamodb.exceptions import UpdateError
from pynamodb.expressions.operand import Path

from ..models import Marker, Tally
from ..models.transactions import Conflict, retrying, transaction
from ..models.usage import USAGE_PK
from ..settings import settings
from . import sessions

MARKER_GRACE = timedelta(days=1)  # markers outlive their period by a day, then TTL takes them
_CLAIMS_PER_TRANSACTION = 12  # two actions each; DynamoDB allows 100, moto 25


@lru_cache(maxsize=1)
def zone() -> ZoneInfo:
    return ZoneInfo(settings.timezone)


def local_day(moment: datetime) -> date:
    return moment.astimezone(zone()).date()


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Period:
    scope: str  # the marker's period, e.g. D2026-11-27
    tally: str  # the aggregate's sort key
    ends: datetime


def periods(now: datetime) -> list[Period]:
    """The day, ISO week and month that `now` falls in, in the organisation's time zone."""
    local = now.astimezone(zone())
    day = local.date()
    midnight = datetime(day.year, day.month, day.day, tzinfo=zone())
    week_start = midnight - timedelta(days=day.weekday())
    next_month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return [
        Period(f"D{day}", f"D#{day}#A", midnight + timedelta(days=1)),
        Period(f"W{week_of(day)}", f"W#{week_of(day)}", week_start + timedelta(days=7)),
        Period(f"M{day:%Y-%m}", f"M#{day:%Y-%m}",
               datetime(next_month.year, next_month.month, 1, tzinfo=zone())),
    ]


def pseudonym(scope: str, person_id: str) -> str:
    """A keyed hash: without the key nobody can tell whose marker it is, and two periods'
    markers of one person do not share a value."""
    return hmac.new(_marker_key(), f"{scope}|{person_id}".encode(), hashlib.sha256).hexdigest()[:32]


@lru_cache(maxsize=1)
def _marker_key() -> bytes:
    return sessions.derived_key("usage-markers")


def table():
    """The table connection of the models: raw items, for counters with dynamic names."""
    return Tally._get_connection()


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def add(sort_key: str, counters: dict[str, int]) -> None:
    """Atomic ADD of several counters on one aggregate item; one UpdateItem, no read."""
    actions = [Path([name]).add(amount) for name, amount in counters.items()]
    try:
        table().update_item(USAGE_PK, sort_key, actions=actions, return_values="NONE")
    except UpdateError as err:
        # An item is at most 400 KB. Should a day ever see that many distinct pages, the
        # totals go on counting without the per-page counter rather than failing the hit.
        fixed = {k: v for k, v in counters.items() if ":" not in k}
        if err.cause_response_code != "ValidationException" or fixed == counters or not fixed:
            raise
        add(sort_key, fixed)


@dataclass(frozen=True)
class Claim:
    marker: tuple[str, str]
    expires: int
    tally: object  # a model instance whose `update_action` attribute is ADDed to
    update_action: object


def count_once(claims: list[Claim], now: datetime) -> list[Claim]:
    """Puts each claim's marker if it is absent (or expired) and, in the same transaction,
    applies its counter update. Returns the claims that counted. Claims whose marker exists
    are dropped and the rest retried, so each transaction either counts all of its claims
    or none; conflicts with concurrent transactions are retried with jittered backoff."""
    counted = []
    for start in range(0, len(claims), _CLAIMS_PER_TRANSACTION):
        pending = claims[start:start + _CLAIMS_PER_TRANSACTION]

        def drop_taken(err: Conflict, pending=pending) -> bool:
            pending[:] = [c for i, c in enumerate(pending) if f"marker:{i}" not in err.failed]
            return True

        try:
            retrying(lambda pending=pending: pending and _transact(pending, epoch(now)),
                     when=drop_taken)
        except Conflict:  # pragma: no cover
            raise RuntimeError("usage counters stayed contended") from None
        counted += pending
    return counted


def _transact(claims: list[Claim], now: int) -> None:
    with transaction() as tx:
        for i, claim in enumerate(claims):
            tx.save(Marker(*claim.marker, expires=claim.expires),
                    condition=Marker.pk.does_not_exist() | (Marker.expires <= now),
                    name=f"marker:{i}")
            tx.update(claim.tally, actions=[claim.update_action])


def batch_get(keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """Raw items by key, in as few BatchGetItem calls as 100-key pages allow."""
    found, name = {}, Tally.Meta.table_name
    pending = [{"pk": pk, "sk": sk} for pk, sk in dict.fromkeys(keys)]
    while pending:
        page, pending = pending[:100], pending[100:]
        request = page
        while request:
            reply = table().batch_get_item(request)
            for item in reply.get("Responses", {}).get(name, []):
                found[(item["pk"]["S"], item["sk"]["S"])] = item
            unprocessed = reply.get("UnprocessedKeys", {}).get(name, {}).get("Keys", [])
            request = [{"pk": k["pk"]["S"], "sk": k["sk"]["S"]} for k in unprocessed]
    return found


def number(item: dict | None, name: str) -> int:
    value = (item or {}).get(name)
    return int(value["N"]) if value and "N" in value else 0
