"""An event's times: what employees type (local wall-clock time) and what is stored (UTC).

Input without an offset is local time in the organisation's zone (PLEIN_TIMEZONE,
Europe/Amsterdam by default), so "2026-12-18T16:00" means four in the afternoon there, summer
or winter. Stored times are UTC ISO strings: they sort as text, which the listings rely on.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ...clock import iso
from ...errors import invalid
from ...settings import settings


def zone() -> ZoneInfo:
    return ZoneInfo(settings.timezone)


def parse_moment(value, field: str) -> datetime:
    """An aware datetime from ISO 8601 text; without an offset it is local time."""
    if not isinstance(value, str) or not value.strip():
        raise invalid(field, f"{field.capitalize()} must be a date and time "
                             "(YYYY-MM-DDTHH:MM).")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise invalid(field, f"{field.capitalize()} is not a date and time "
                             "(YYYY-MM-DDTHH:MM).") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone())
    return moment.astimezone(UTC)


def parse_day(value, field: str) -> date:
    if not isinstance(value, str):
        raise invalid(field, f"{field.capitalize()} must be a date (YYYY-MM-DD).")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise invalid(field, f"{field.capitalize()} is not a date (YYYY-MM-DD).") from None


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone()).astimezone(UTC)


def span(data: dict, all_day: bool) -> tuple[str, str]:
    """(starts, ends) in UTC from `start` and `end`; an all-day event's end is its last day."""
    if all_day:
        first = parse_day(data.get("start"), "start")
        last = parse_day(data.get("end") or data.get("start"), "end")
        if last < first:
            raise invalid("end", "End is before start.")
        if (last - first).days > 366:
            raise invalid("end", "An event lasts at most a year.")
        return iso(local_midnight(first)), iso(local_midnight(last + timedelta(days=1)))
    starts = parse_moment(data.get("start"), "start")
    ends = parse_moment(data.get("end"), "end")
    if ends <= starts:
        raise invalid("end", "End must be after start.")
    if ends - starts > timedelta(days=366):
        raise invalid("end", "An event lasts at most a year.")
    return iso(starts), iso(ends)


def stored(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def local(value: str) -> datetime:
    return stored(value).astimezone(zone())


def shown(value: str, all_day: bool, is_end: bool = False) -> str:
    """Local ISO text with its offset; an all-day event's days as dates (the end inclusive)."""
    moment = local(value)
    if all_day:
        return (moment - timedelta(days=1) if is_end else moment).date().isoformat()
    return moment.isoformat(timespec="minutes")


def start_of_today(now: datetime) -> str:
    """Local midnight today, in UTC: events from then on are upcoming for the whole day."""
    return iso(local_midnight(now.astimezone(zone()).date()))
