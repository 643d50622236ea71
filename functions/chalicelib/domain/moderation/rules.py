"""Who may report, moderate, read the audit log, pin and see read confirmations, for callers
that hold a group id rather than a standing.

Who moderates is decided in `permissions.py` (`moderates_org`, the "moderate" action on a
group's standing, a post or a comment); these functions only read the standing (two GetItems)
when a role alone does not decide.
"""

from .. import standing
from ..permissions import moderates_org
from ..viewer import Viewer

__all__ = ["moderates_org", "may_moderate", "may_report", "may_see_hidden",
           "sees_hidden_in_streams", "may_read_audit", "may_pin", "may_require_reading",
           "may_see_confirmations", "may_mark_ambassador"]


def may_moderate(viewer: Viewer, group_id: str | None) -> bool:
    """Hide, restore, read the queue: organisation moderators, and a group's managers for
    items in that group."""
    if moderates_org(viewer):
        return True
    if group_id is None:
        return False
    st = standing.visible(viewer, group_id)
    return st is not None and st.may("moderate")


def may_report(viewer: Viewer, author_id: str) -> bool:
    """Anyone who may read an item, except its author (reporting yourself means nothing)."""
    return viewer.id != author_id


def may_see_hidden(viewer: Viewer, author_id: str, group_id: str | None) -> bool:
    """A hidden item stays visible to its author (who sees why) and to its moderators."""
    return viewer.id == author_id or may_moderate(viewer, group_id)


def sees_hidden_in_streams(viewer: Viewer, author_id: str) -> bool:
    """Streams decide per post without extra calls: the author and organisation moderators.
    A group manager finds hidden items of the group through the queue and the post itself."""
    return viewer.id == author_id or moderates_org(viewer)


def may_read_audit(viewer: Viewer) -> bool:
    return viewer.is_admin


def may_pin(viewer: Viewer, group_id: str | None) -> bool:
    """Home stream: content managers (and admins); a group's stream: also its managers."""
    return may_moderate(viewer, group_id)


def may_require_reading(viewer: Viewer) -> bool:
    """Only content managers (and admins) post announcements that must be read."""
    return moderates_org(viewer)


def may_see_confirmations(viewer: Viewer, author_id: str) -> bool:
    """How many of how many confirmed, and who has not yet: the author and content managers."""
    return viewer.id == author_id or moderates_org(viewer)


def may_mark_ambassador(viewer: Viewer) -> bool:
    """Content managers (and admins) appoint ambassadors."""
    return moderates_org(viewer)
