"""A group's stream and its "needs an answer" view: the posts streams, scoped to one group.

The promise to a group's members is an answer within two days, so its managers see the
questions still open after that: the open-question markers of the group's feed whose ids (ULIDs,
which carry their creation time) are older than two days ago. That is a key condition on one
partition, not a filter, so the view costs the same however many questions a group has.
"""

from datetime import timedelta

from ulid import ULID

from ..clock import Clock
from . import stream
from .posts import decode_cursor, encode_cursor
from .standing import managed
from .viewer import Viewer

ANSWER_WITHIN = timedelta(days=2)


def page(viewer: Viewer, group_id: str, params: dict) -> dict:
    """Newest first; `?unanswered=1` for open questions. Access is decided in access.py."""
    return stream.page(viewer, {"group": group_id, "cursor": params.get("cursor"),
                                "unanswered": params.get("unanswered")})


def _first_id_at(moment) -> str:
    """The smallest ULID of that millisecond: every post id below it is older."""
    millis = int(moment.timestamp() * 1000)
    return str(ULID.from_bytes(millis.to_bytes(6, "big") + bytes(10)))


def needs_answer(viewer: Viewer, group_id: str, params: dict, clock: Clock) -> dict:
    """For the group's managers (and admins): questions unanswered for more than two days."""
    managed(viewer, group_id)
    before = _first_id_at(clock() - ANSWER_WITHIN)
    if params.get("cursor"):
        before = min(before, decode_cursor(params["cursor"]))
    return stream.page(viewer, {"group": group_id, "unanswered": "1",
                                "cursor": encode_cursor(before)})
