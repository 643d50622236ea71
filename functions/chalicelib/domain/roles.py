"""Where roles come from.

Roles are employee, content_manager and admin. They come from configuration (email lists) or
the identity provider's group claim, and are written to the profile at every sign-in, so
removing someone from the admin group in the IdP takes effect at their next sign-in.

What a role allows is decided in one place, `permissions.py`; own data by construction
(`/api/me` only ever touches the viewer).
"""

from dataclasses import dataclass

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
