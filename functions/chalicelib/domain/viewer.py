"""Who is asking: what every domain function gets instead of a request."""

from dataclasses import dataclass

from ..models import Person


@dataclass(frozen=True)
class Viewer:
    id: str
    name: str
    email: str
    role: str
    person: Person

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_ambassador(self) -> bool:
        return bool(getattr(self.person, "ambassador", False))
