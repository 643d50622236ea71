"""Who may do what: roles, and one rule per resource action. Routes ask here, never ad hoc.

Roles are employee, content_manager and admin. They come from configuration (email lists) or
the identity provider's group claim, and are written to the profile at every sign-in, so
removing someone from the admin group in the IdP takes effect at their next sign-in.
Roles within a group (owner, member) belong to the groups resource, not here.
"""

from dataclasses import dataclass

from .errors import forbidden
from .settings import settings


@dataclass(frozen=True)
class RoleSources:
    admin_emails: tuple[str, ...] = ()
    admin_group: str = ""
    content_manager_emails: tuple[str, ...] = ()
    content_manager_group: str = ""

    @classmethod
    def from_settings(cls, s=settings) -> "RoleSources":
        return cls(s.admin_emails, s.admin_group, s.content_manager_emails,
                   s.content_manager_group)


def role_for(email: str, groups: tuple[str, ...], sources: RoleSources) -> str:
    email = email.lower()
    if email in sources.admin_emails or (sources.admin_group and sources.admin_group in groups):
        return "admin"
    if email in sources.content_manager_emails or (
            sources.content_manager_group and sources.content_manager_group in groups):
        return "content_manager"
    return "employee"


def require(allowed: bool, reason: str = "You may not do that.") -> None:
    if not allowed:
        raise forbidden(reason)


def is_moderator(viewer) -> bool:
    return viewer.role in ("content_manager", "admin")


# --- posts ----------------------------------------------------------------------------------
def can_edit_post(viewer, author_id: str) -> bool:
    return viewer.id == author_id


def can_delete_post(viewer, author_id: str) -> bool:
    return viewer.id == author_id or is_moderator(viewer)


# --- people ---------------------------------------------------------------------------------
def can_edit_profile(viewer, person_id: str) -> bool:
    return viewer.id == person_id or viewer.role == "admin"


def can_delete_account(viewer, person_id: str) -> bool:
    # Own data only: an admin removing someone else goes through the IdP, not through Plein.
    return viewer.id == person_id


# --- site content (news and pages are edited in Git; this guards in-app announcements) -----
def can_publish_announcement(viewer) -> bool:
    return is_moderator(viewer)
