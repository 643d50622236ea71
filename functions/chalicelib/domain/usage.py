"""Usage counting: page views, distinct active employees, contributions per group, seen-by.

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
import random
import re
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from pynamodb.exceptions import TransactWriteError, UpdateError
from pynamodb.expressions.operand import Path

from .. import sessions
from ..errors import invalid, not_found
from ..ids import Clock, is_id
from ..models import Marker, OpenQuestionIndex, Post, SeenCount, Tally
from ..models.schema import TTL_ATTRIBUTE, transaction
from ..models.usage import USAGE_PK
from ..settings import settings
from . import standing

KINDS = ("post", "comment", "reaction", "join", "group")
# Contributions by these are "staff"; everyone else's are organic activity. A caller passes
# "manager" for someone who manages the group the contribution is in.
STAFF_ROLES = frozenset({"admin", "content_manager", "community_manager", "manager"})
SEEN_WINDOW = timedelta(days=30)  # a post's viewers are counted for its first 30 days
MARKER_GRACE = timedelta(days=1)  # markers outlive their period by a day, then TTL takes them
MAX_PATH = 200
MAX_SEEN_IDS = 20
_CLAIMS_PER_TRANSACTION = 12  # two actions each; DynamoDB allows 100, moto 25
_ATTEMPTS = 6
_PATH = re.compile(r"^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$")


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


def _epoch(moment: datetime) -> int:
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
        for attempt in range(_ATTEMPTS):
            if not pending:
                break
            try:
                _transact(pending, _epoch(now))
                counted += pending
                break
            except TransactWriteError as err:
                reasons = err.cancellation_reasons or []
                # PynamoDB sends puts before updates: reason i < len(pending) is marker i.
                taken = {i for i, r in enumerate(reasons[:len(pending)])
                         if r is not None and r.code == "ConditionalCheckFailed"}
                conflict = any(r is not None and r.code == "TransactionConflict" for r in reasons)
                if not taken and not conflict:
                    raise
                pending = [c for i, c in enumerate(pending) if i not in taken]
                if conflict:
                    time.sleep(random.uniform(0, 0.02 * 2 ** attempt))
        else:
            raise RuntimeError("usage counters stayed contended")  # pragma: no cover
    return counted


def _transact(claims: list[Claim], now: int) -> None:
    with transaction() as tx:
        for claim in claims:
            tx.save(Marker(*claim.marker, expires=claim.expires),
                    condition=Marker.pk.does_not_exist() | (Marker.expires <= now))
            tx.update(claim.tally, actions=[claim.update_action])


# --- Page views and active employees ----------------------------------------------------------

def page_path(value) -> str:
    if not isinstance(value, str) or not value:
        raise invalid("path", "Path must be text.")
    if len(value) > MAX_PATH:
        raise invalid("path", f"Path is longer than {MAX_PATH} characters.")
    if not _PATH.match(value) or value.startswith("/api/") or "//" in value:
        raise invalid("path", "Path must be a page's path on this site, without query.")
    return value[: -len("index.html")] if value.endswith("/index.html") else value


def record_hit(person_id: str, data: dict, clock: Clock) -> None:
    """One page view: the page's and the day's counters, then the person as active."""
    path = page_path(data.get("path"))
    now = clock()
    add(f"D#{local_day(now)}#V", {"views": 1, f"p:{path}": 1})
    count_active(person_id, now)


def count_active(person_id: str, now: datetime) -> None:
    """Counts the person once per day, week and month: one BatchGet of the three markers, and
    a transaction for those not yet there (the day's marker is only ever written together with
    the week's and month's, so with a live day marker nothing is left to do)."""
    keys = [Marker.key(p.scope, pseudonym(p.scope, person_id)) for p in periods(now)]
    found = batch_get(keys)
    live = [number(found.get(k), TTL_ATTRIBUTE) > _epoch(now) for k in keys]
    if live[0]:
        return
    count_once([
        Claim(key, _epoch(p.ends + MARKER_GRACE), Tally(*Tally.key(p.tally)), Tally.total.add(1))
        for key, p, seen in zip(keys, periods(now), live, strict=True) if not seen
    ], now)


# --- Contributions -----------------------------------------------------------------------------

def side_of(actor_role: str) -> str:
    return "staff" if actor_role in STAFF_ROLES else "organic"


def contribution_key(group_id: str | None, now: datetime) -> str:
    """A group's contributions of a day have an item of their own: no one item grows with the
    number of groups (an item is at most 400 KB, and a full one would fail the action
    itself), and a busy group's transactions do not contend with every other group's."""
    day = local_day(now)
    return f"D#{day}#C#{group_id}" if group_id else f"D#{day}#C"


def contribution(tx, kind: str, group_id: str | None, actor_role: str, now: datetime) -> None:
    """Counts a post, comment, reaction, join or new group inside the caller's TransactWrite,
    next to the write that is the action: the count moves exactly when the action commits, and
    an action whose conditions fail (a repeat, a race, a missing post) counts nothing.

    Contributions are activity, not state: an unlike, a leave or a delete takes nothing off."""
    if kind not in KINDS:
        raise ValueError(f"unknown contribution kind {kind!r}")
    side = side_of(actor_role)
    names = [f"c:{kind}:{side}"] + ([f"g:{group_id}:{kind}:{side}"] if group_id else [])
    tx.update(Tally(*Tally.key(contribution_key(group_id, now))),
              actions=[Path([name]).add(1) for name in names])


def question_asked(post_id: str, group_id: str | None, tx=None) -> None:
    """A question was posted: list it until it is settled. Pass the caller's TransactWrite to
    make it part of the post's own write."""
    item = OpenQuestionIndex(*OpenQuestionIndex.key(post_id), group_id=group_id)
    tx.save(item) if tx is not None else item.save()


def question_settled(post_id: str, tx=None) -> None:
    """The question got its answer, or was deleted."""
    item = OpenQuestionIndex(*OpenQuestionIndex.key(post_id))
    tx.delete(item) if tx is not None else item.delete()


def employee_added() -> None:
    """Keeps the number of employees, so shares of active employees need no count query."""
    add("EMPLOYEES", {"total": 1})


# --- Seen by N colleagues ----------------------------------------------------------------------

def _post_ids(value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise invalid("ids", "ids must be a list of post ids.")
    ids = list(dict.fromkeys(value))
    if len(ids) > MAX_SEEN_IDS:
        raise invalid("ids", f"At most {MAX_SEEN_IDS} posts at a time.")
    if not all(is_id(i) for i in ids):
        raise invalid("ids", "Not a post id.")
    return ids


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


def _readable(viewer, posts: dict[str, dict]) -> dict[str, dict]:
    """The raw posts the viewer may read (`access.may_read`, for many posts at once): those
    outside groups, and those in groups `standing.readable_groups` lets them read."""
    groups = {i: p["group_id"]["S"] for i, p in posts.items() if "S" in p.get("group_id", {})}
    allowed = standing.readable_groups(viewer, groups.values()) if groups else set()
    return {i: p for i, p in posts.items() if i not in groups or groups[i] in allowed}


def record_seen(viewer, data: dict, clock: Clock) -> dict:
    """The posts the viewer saw in a stream: counts each colleague once per post (not the
    author) during the post's first 30 days. One BatchGet (one more for posts in groups), and
    a transaction only for posts this person had not seen yet. Returns the counts for the
    posts that exist and the viewer may read; others are left out, as if unknown."""
    ids = _post_ids(data.get("ids"))
    now, person_id = clock(), viewer.id
    scopes = {i: f"S{i}" for i in ids}
    markers = {i: Marker.key(scopes[i], pseudonym(scopes[i], person_id)) for i in ids}
    items = batch_get([k for i in ids for k in (Post.key(i), SeenCount.key(i), markers[i])])
    posts = _readable(viewer, {i: items[Post.key(i)] for i in ids if Post.key(i) in items})
    fresh = []
    for post_id, post in posts.items():
        created = datetime.fromisoformat(post["created"]["S"].replace("Z", "+00:00"))
        marker = items.get(markers[post_id])
        if (post["author_id"]["S"] == person_id or now >= created + SEEN_WINDOW
                or (marker and number(marker, TTL_ATTRIBUTE) > _epoch(now))):
            continue
        fresh.append(Claim(markers[post_id], _epoch(created + SEEN_WINDOW + MARKER_GRACE),
                           SeenCount(*SeenCount.key(post_id)), SeenCount.seen.add(1)))
    counted = {c.marker for c in count_once(fresh, now)}
    return {"items": {i: number(items.get(SeenCount.key(i)), "seen") + (markers[i] in counted)
                      for i in posts}}


def seen_counts(post_ids: list[str]) -> dict[str, int]:
    """Seen-by counts for a page of posts: one BatchGetItem. For streams to show."""
    items = batch_get([SeenCount.key(i) for i in post_ids])
    return {i: number(items.get(SeenCount.key(i)), "seen") for i in post_ids}


def seen_count(viewer, post_id: str) -> dict:
    """One post's count: one BatchGet of the post and its counter (one more in a group). An
    unknown or unreadable post is a 404, as everywhere else for posts."""
    if not is_id(post_id):
        raise invalid("id", "Not a post id.")
    items = batch_get([Post.key(post_id), SeenCount.key(post_id)])
    post = items.get(Post.key(post_id))
    if post is None or not _readable(viewer, {post_id: post}):
        raise not_found("post")
    return {"id": post_id, "seen": number(items.get(SeenCount.key(post_id)), "seen")}
