"""The usage dashboard's numbers, read from pre-aggregated items only.

A report over N days (at most 90) is one Query on the USAGE partition for the days' items
(paged per MB, never a Scan) and one BatchGetItem for the weeks, months and the number of
employees: the cost depends on N, not on how many employees, pages or posts there are.
"""

import csv
import io
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial

from pynamodb.expressions.operand import Path

from ..clock import Clock
from ..errors import forbidden, invalid
from ..models.usage import USAGE_PK
from . import open_questions, standing
from .contributions import KINDS, SIDES
from .counting import batch_get, local_day, number, table, week_of
from .permissions import may
from .standing import READABLE_BATCH
from .viewer import Viewer

PERIODS = (7, 30, 90)
MAX_DAYS = 90
DEFAULT_DAYS = 30
TOP = 10

# A content manager reads no closed or secret group they are not in, so the groups table
# checks at most this many of the busiest groups (in BatchGets of READABLE_BATCH) for ten it
# may show; the rest are summed into one anonymous row.
MAX_CHECKED = 4 * READABLE_BATCH

GroupsOf = Callable[[Viewer], list[str]]
GroupNames = Callable[[list[str]], dict[str, str]]
# Of these group ids (at most READABLE_BATCH), the names of those the viewer may read.
Readable = Callable[[list[str]], dict[str, str]]


def no_groups(_viewer: Viewer) -> list[str]:
    return []


def no_names(_ids: list[str]) -> dict[str, str]:
    return {}


def readable_by(viewer: Viewer) -> Readable | None:
    """What the viewer may see of groups: admins see every group (None: no check), everyone
    else what `standing` lets them read, as on every other route."""
    return None if viewer.is_admin else partial(standing.readable_names, viewer)


def parse_days(value) -> int:
    if value in (None, ""):
        return DEFAULT_DAYS
    try:
        days = int(value)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise invalid("days", f"days must be a whole number from 1 to {MAX_DAYS}.")
    return days


def dashboard(viewer: Viewer, params: dict, clock: Clock, groups_of: GroupsOf = no_groups,
              group_names: GroupNames = no_names) -> dict:
    """What this viewer may see: everything, or (group managers) their own groups only."""
    days = parse_days(params.get("days"))
    readable = readable_by(viewer)
    # Staff see everything; group managers their own groups only; everyone else gets 403.
    if may(viewer, "read_all", "usage"):
        return report(days, clock(), group_names=group_names, readable=readable)
    managed = groups_of(viewer)
    if not managed:
        raise forbidden("The usage dashboard is for admins, community managers and group "
                        "managers.")
    return report(days, clock(), groups=set(managed), group_names=group_names,
                  readable=readable)


def _read_days(first: date, last: date) -> list[dict]:
    items, start = [], None
    condition = Path("sk").between(f"D#{first}", f"D#{last}#~")
    while True:
        page = table().query(USAGE_PK, range_key_condition=condition, exclusive_start_key=start)
        items += page.get("Items", [])
        start = page.get("LastEvaluatedKey")
        if not start:
            return items


def _contributions(by_key: dict) -> dict[str, list[dict]]:
    """The contribution items by day: the day's own `D#<date>#C` and one `D#<date>#C#<group>`
    per group that saw a contribution (older days hold every group's counters on the day's own
    item; they read the same)."""
    found = {}
    for key, item in by_key.items():
        parts = key.split("#")
        if parts[0] == "D" and len(parts) >= 3 and parts[2] == "C":
            found.setdefault(parts[1], []).append(item)
    return found


def _spans(first: date, last: date) -> tuple[list[str], list[str]]:
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return list(dict.fromkeys(week_of(d) for d in days)), \
        list(dict.fromkeys(f"{d:%Y-%m}" for d in days))


def _share(part: int, whole: int | None) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def report(days: int, now: datetime, groups: set[str] | None = None,
           group_names: GroupNames = no_names, readable: Readable | None = None) -> dict:
    """`groups=None` is the whole organisation; a set limits it to those groups. `readable`
    (None: everything) decides which groups are named and which questions are shown; the
    groups table sums the rest into one anonymous row."""
    last = local_day(now)
    first = last - timedelta(days=days - 1)
    weeks, months = _spans(first, last)
    by_key = {item["sk"]["S"]: item for item in _read_days(first, last)}
    contributions = _contributions(by_key)
    extra = batch_get([(USAGE_PK, f"W#{w}") for w in weeks] +
                      [(USAGE_PK, f"M#{m}") for m in months] + [(USAGE_PK, "EMPLOYEES")])
    whole = groups is None
    daily, pages, per_group = [], Counter(), {}
    sides = {side: Counter() for side in SIDES}
    for n in range(days):
        day = first + timedelta(days=n)
        views, active = by_key.get(f"D#{day}#V"), by_key.get(f"D#{day}#A")
        row = {"date": str(day), "views": number(views, "views") if whole else None,
               "active": number(active, "total") if whole else None}
        row.update({kind: 0 for kind in KINDS})
        row.update({side: 0 for side in SIDES})
        if whole:
            for name in (views or {}):
                if name.startswith("p:"):
                    pages[name[2:]] += number(views, name)
        for contrib, name in ((i, n) for i in contributions.get(str(day), []) for n in i):
            parts = name.split(":")
            if whole and parts[0] == "c" and len(parts) == 3:
                kind, side = parts[1:]
            elif parts[0] == "g" and len(parts) == 4 and (whole or parts[1] in groups):
                group, kind, side = parts[1:]
                totals = per_group.setdefault(group, Counter())
                totals[kind] += number(contrib, name)
                totals[side] += number(contrib, name)
                if whole:  # the organisation's totals come from the c: counters
                    continue
            else:
                continue
            if kind in KINDS and side in sides:
                count = number(contrib, name)
                row[kind] += count
                row[side] += count
                sides[side][kind] += count
        daily.append(row)
    employees = number(extra.get((USAGE_PK, "EMPLOYEES")), "total") or None
    return {
        "days": days, "from": str(first), "to": str(last),
        "scope": "organisation" if whole else "groups",
        "active": _active(daily, extra, weeks, months, employees) if whole else None,
        "daily": daily,
        "weekly": [{"week": w, "active": number(extra.get((USAGE_PK, f"W#{w}")), "total")}
                   for w in weeks] if whole else None,
        "monthly": [{"month": m, "active": number(extra.get((USAGE_PK, f"M#{m}")), "total")}
                    for m in months] if whole else None,
        "pages": [{"path": p, "views": v} for p, v in
                  sorted(pages.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]] if whole else None,
        "groups": _groups(per_group, group_names, TOP if whole else None, readable),
        "contributions": {side: {kind: counts[kind] for kind in KINDS}
                          for side, counts in sides.items()},
        "new_groups": sum(r["group"] for r in daily) if whole else None,
        "new_members": sum(r["join"] for r in daily),
        **open_questions.unanswered(now, groups, group_names, readable),
    }


def _active(daily, extra, weeks, months, employees) -> dict:
    today = daily[-1]["active"]
    average = round(sum(r["active"] for r in daily) / len(daily), 1)
    week = number(extra.get((USAGE_PK, f"W#{weeks[-1]}")), "total")
    month = number(extra.get((USAGE_PK, f"M#{months[-1]}")), "total")
    return {"dau": today, "dau_average": average, "wau": week, "mau": month,
            "employees": employees, "dau_share": _share(today, employees),
            "wau_share": _share(week, employees), "mau_share": _share(month, employees)}


def _row(group: str | None, counts: Counter) -> dict:
    row = {"id": group, "name": None, **{kind: counts[kind] for kind in KINDS},
           **{side: counts[side] for side in SIDES}}
    row["total"] = sum(row[side] for side in SIDES)
    return row


def _groups(per_group: dict, group_names: GroupNames, limit: int | None,
            readable: Readable | None) -> list[dict]:
    """The busiest groups (all of a group manager's), each named; then, when anything is left
    (beyond the top ten, or not the viewer's to read), one row with `id` null and `other` true
    that sums it, so the rows add up to every group's contributions without naming any."""
    rows = sorted((_row(g, c) for g, c in per_group.items()), key=lambda r: (-r["total"], r["id"]))
    if readable is None:
        shown = rows[:limit] if limit else rows
        names = group_names([r["id"] for r in shown]) if shown else {}
        for row in shown:
            row["name"] = names.get(row["id"])
    else:
        shown = []
        for start in range(0, min(len(rows), MAX_CHECKED), READABLE_BATCH):
            chunk = rows[start:start + READABLE_BATCH]
            names = readable([r["id"] for r in chunk])
            for row in chunk:
                if row["id"] in names and (limit is None or len(shown) < limit):
                    row["name"] = names[row["id"]]
                    shown.append(row)
            if limit is not None and len(shown) >= limit:
                break
    named = {r["id"] for r in shown}
    rest = Counter()
    for group, counts in per_group.items():
        if group not in named:
            rest.update(counts)
    if rest:
        shown.append({**_row(None, rest), "other": True})
    return shown


# --- CSV -------------------------------------------------------------------------------------

TABLES = {
    "daily": ["date", "views", "active", *KINDS, "staff", "organic", "ambassador"],
    "pages": ["path", "views"],
    "groups": ["id", "name", *KINDS, "staff", "organic", "ambassador", "total"],
    "weekly": ["week", "active"],
    "monthly": ["month", "active"],
}


def _cell(value) -> str:
    text = "" if value is None else str(value)
    # A spreadsheet would run a cell that starts like a formula (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def table_name(value) -> str:
    name = value or "daily"
    if name not in TABLES:
        raise invalid("table", f"table must be one of {', '.join(TABLES)}.")
    return name


def to_csv(data: dict, table: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TABLES[table])
    for row in data.get(table) or []:
        writer.writerow([_cell(row[c]) for c in TABLES[table]])
    return out.getvalue()


def dashboard_csv(viewer: Viewer, params: dict, clock: Clock, groups_of: GroupsOf = no_groups,
                  group_names: GroupNames = no_names) -> tuple[str, str]:
    """(file name, CSV text) of one of the dashboard's tables."""
    table = table_name(params.get("table"))
    data = dashboard(viewer, params, clock, groups_of, group_names)
    return f"plein-usage-{table}-{data['from']}-{data['to']}.csv", to_csv(data, table)
