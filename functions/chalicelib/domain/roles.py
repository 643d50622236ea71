"""Where roles come from, and the 403 every authorisation rule raises.

Roles are employee, content_manager and admin. They come from configuration (email lists) or
the identity provider's group claim, and are written to the profile at every sign-in, so
removing someone from the admin group in the IdP takes effect at their next sign-in.

Who may do what to a resource is decided in one place per resource, next to its data: posts
and groups in `domain/access.py`, profiles in `domain/people.py` (`may_edit`), own data by
construction (`/api/me` only ever touches the viewer). Those rules read `viewer.role`; roles
inside a group (owner, member) belong to the groups resource.
"""

from dataclasses import dataclass

from ..errors import forbidden
from ..settings import settings


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
    """Content managers and admins: may remove others' content where a resource allows it."""
    return viewer.role in ("content_manager", "admin")
