"""Opaque pagination cursors: the sort key to resume after, in URL-safe base64.

Every paged list decodes through here, so a malformed or foreign cursor is always the same
clear 400 on the `cursor` field, never a 500 or a query steered into another partition.
"""

import base64
import binascii
from collections.abc import Callable

from ..errors import invalid


def encode(sort_key: str) -> str:
    return base64.urlsafe_b64encode(sort_key.encode()).decode().rstrip("=")


def decode(cursor: str, valid: Callable[[str], bool] = bool) -> str:
    """The sort key in `cursor`, if `valid` accepts it (a check that it belongs to the
    partition and prefix being read)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raw = ""
    if not raw or not valid(raw):
        raise invalid("cursor", "Unknown cursor.")
    return raw
