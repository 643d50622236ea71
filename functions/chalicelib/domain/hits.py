"""Page views and distinct active employees (DAU/WAU/MAU): what a page's beacon counts."""

import re
from datetime import datetime

from ..clock import Clock
from ..errors import invalid
from ..models import Marker, Tally
from ..models.schema import TTL_ATTRIBUTE
from .counting import (
    MARKER_GRACE,
    Claim,
    add,
    batch_get,
    count_once,
    epoch,
    local_day,
    number,
    periods,
    pseudonym,
)
from .site_pages import SitePages, is_page

MAX_PATH = 200
_PATH = re.compile(r"^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$")


def page_path(value, pages: SitePages | None = None) -> str:
    """The page a beacon counts: a page the site was built with (`fullmatch`: `$` would let
    a trailing newline through), `/dir/index.html` counted as `/dir/`."""
    if not isinstance(value, str) or not value:
        raise invalid("path", "Path must be text.")
    if len(value) > MAX_PATH:
        raise invalid("path", f"Path is longer than {MAX_PATH} characters.")
    if not _PATH.fullmatch(value) or value.startswith("/api/") or "//" in value:
        raise invalid("path", "Path must be a page's path on this site, without query.")
    if not is_page(value, pages):
        raise invalid("path", "Path is not a page of this site.")
    return value[: -len("index.html")] if value.endswith("/index.html") else value


def views_key(now: datetime) -> str:
    """The day's item with its total and per-page views."""
    return f"D#{local_day(now)}#V"


def record_hit(person_id: str, data: dict, clock: Clock, pages: SitePages | None = None) -> None:
    """One page view: the page's and the day's counters, then the person as active."""
    path = page_path(data.get("path"), pages)
    now = clock()
    add(views_key(now), {"views": 1, f"p:{path}": 1})
    count_active(person_id, now)


def count_active(person_id: str, now: datetime) -> None:
    """Counts the person once per day, week and month: one BatchGet of the three markers, and
    a transaction for those not yet there (the day's marker is only ever written together with
    the week's and month's, so with a live day marker nothing is left to do)."""
    keys = [Marker.key(p.scope, pseudonym(p.scope, person_id)) for p in periods(now)]
    found = batch_get(keys)
    live = [number(found.get(k), TTL_ATTRIBUTE) > epoch(now) for k in keys]
    if live[0]:
        return
    count_once([
        Claim(key, epoch(p.ends + MARKER_GRACE), Tally(*Tally.key(p.tally)), Tally.total.add(1))
        for key, p, seen in zip(keys, periods(now), live, strict=True) if not seen
    ], now)


def employee_added() -> None:
    """Keeps the number of employees, so shares of active employees need no count query."""
    add("EMPLOYEES", {"total": 1})
