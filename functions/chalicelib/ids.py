"""The id maker domain functions take as a collaborator, and the check every path id passes."""

from collections.abc import Callable
from datetime import datetime

from ulid import ULID

IdMaker = Callable[[datetime], str]


def new_id(now: datetime) -> str:
    """A ULID: sortable by creation time, so a feed sorted by id is a feed sorted by time."""
    return str(ULID.from_datetime(now))


def is_id(value: str) -> bool:
    try:
        ULID.from_str(value)
    except (ValueError, TypeError):
        return False
    return True
