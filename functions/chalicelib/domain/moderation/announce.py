"""Whether a new post must be read, and by how many: asked by `posts.create` (this module
does not import posts, so posts can import it)."""

from ...errors import forbidden, invalid
from ...models import Group, Tally
from ...models.usage import USAGE_PK
from ..viewer import Viewer
from . import rules


def audience(group_id: str | None) -> int:
    """Who should confirm: every employee, or the group's members (one GetItem)."""
    try:
        if group_id is None:
            return int(Tally.get(USAGE_PK, "EMPLOYEES").total or 0)
        return int(Group.get(*Group.key(group_id)).member_count or 0)
    except (Tally.DoesNotExist, Group.DoesNotExist):
        return 0


def must_read_of(viewer: Viewer, data: dict, group_id: str | None) -> tuple[bool, int | None]:
    """`must_read` from a new post's body, and its audience: only content managers (and
    admins) write announcements that must be read."""
    must_read = data.get("must_read", False)
    if not isinstance(must_read, bool):
        raise invalid("must_read", "must_read is true or false.")
    if not must_read:
        return False, None
    if not rules.may_require_reading(viewer):
        raise forbidden("Only content managers post announcements that must be read.")
    return True, audience(group_id)
