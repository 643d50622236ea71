"""Collaborators passed into domain functions so tests can substitute real alternatives."""

from collections.abc import Callable
from datetime import UTC, datetime

from ulid import ULID

Clock = Callable[[], datetime]
IdMaker = Callable[[datetime], str]


def system_clock() -> datetime:
    return datetime.now(UTC)


def new_id(now: datetime) -> str:
    """A ULID: sortable by creation time, so a feed sorted by id is a feed sorted by time."""
    return str(ULID.from_datetime(now))


def is_id(value: str) -> bool:
    try:
        ULID.from_str(value)
    except (ValueError, TypeError):
        return False
    return True


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
