"""Who may report, moderate, read the audit log, pin and see read confirmations.

Kept apart as small functions of a viewer (and a group), so that they can be folded into the
shared permission function as they are. Group standing comes from `standing.py` (two GetItems),
asked only when a role alone does not decide.
"""

from .. import standing
from ..viewer import Viewer

ORG_ROLES = ("content_manager", "admin")


def moderates_org(viewer: Viewer) -> bool:
    """Content managers and admins moderate everything: the organisation's queue and every
    group's."""
    return viewer.role in ORG_ROLES


def may_moderate(viewer: Viewer, group_id: str | None) -> bool:
    """Hide, restore, read the queue: organisation moderators, and a group's managers for
    items in that group."""
    return moderates_org(viewer) or (
        group_id is not None and standing.manages_group(viewer, group_id))


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
