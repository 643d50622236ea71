"""Ending sessions before they expire, on the Person item that `guard.viewer` reads anyway.

The writes are unconditional on the profile's optimistic `version` (ending a session must not
fail because the profile was edited meanwhile) but do move it on: a profile edit that read the
person before is written as a whole item, and would otherwise put the old session version
back. Now it fails as any concurrent edit does (409).
"""

from datetime import datetime

from ..models import Person
from .sessions import Session


def _update(person_id: str, actions: list) -> None:
    pk, sk = Person.key(person_id)
    Person._get_connection().update_item(pk, sk, actions=[*actions, Person.version.add(1)],
                                         condition=Person.pk.exists())


def sign_out(person: Person, session: Session, now: datetime) -> None:
    """This session only. Atomic ADD, so two devices signing out at once both stay revoked;
    entries of sessions that expired anyway are pruned so the set stays small."""
    if not session.token_id:  # a token from before ids existed: only a version bump ends it
        everywhere(person)
        return
    _update(person.id, [Person.revoked_sessions.add({f"{session.expires}:{session.token_id}"})])
    expired = {e for e in (person.revoked_sessions or ())
               if not e.partition(":")[0].isdigit() or int(e.partition(":")[0]) < now.timestamp()}
    if expired:
        _update(person.id, [Person.revoked_sessions.delete(expired)])


def everywhere(person: Person) -> None:
    """Every session of this person, on every device: the version moves on."""
    _update(person.id, [Person.session_version.add(1), Person.revoked_sessions.remove()])
