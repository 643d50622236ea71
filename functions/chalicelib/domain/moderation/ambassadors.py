"""Ambassadors: employees content managers mark as the colleagues to ask for help. A badge on
their profile and on posts they write while they are one, a page that lists them, and a series
of their own in the usage dashboard's contributions (`contributions.actor_role`)."""


from ...clock import Clock, iso
from ...errors import forbidden, not_found
from ...ids import is_id
from ...models import AmbassadorEntry, Person
from ...models.moderation import PersonFlags
from ...models.transactions import Conflict, transaction
from .. import people
from ..posts import is_conditional
from ..viewer import Viewer
from . import rules

# One Query page: an organisation appoints dozens, not thousands.
MAX_LISTED = 100


def mark(viewer: Viewer, person_id: str, on: bool, clock: Clock) -> dict:
    """The flag on the person and the list entry change together (one transaction)."""
    if not rules.may_mark_ambassador(viewer):
        raise forbidden("Only content managers appoint ambassadors.")
    if not isinstance(person_id, str) or not is_id(person_id):
        raise not_found("person")
    person = PersonFlags(*PersonFlags.key(person_id))
    entry = AmbassadorEntry(*AmbassadorEntry.key(person_id), since=iso(clock()),
                            marked_by=viewer.id)
    try:
        with transaction() as tx:
            tx.update(person, actions=[PersonFlags.ambassador.set(on)],
                      condition=PersonFlags.pk.exists())
            if on:
                tx.save(entry)
            else:
                tx.delete(entry)
    except Conflict as err:
        if is_conditional(err):
            raise not_found("person") from err
        raise
    return {"id": person_id, "ambassador": on}


def listing() -> dict:
    """Everyone marked, by name: one Query and one BatchGet of their profiles."""
    ids = [e.sk for e in AmbassadorEntry.query("AMBASSADORS", limit=MAX_LISTED,
                                               page_size=MAX_LISTED)]
    found = [p for p in Person.batch_get([Person.key(i) for i in ids]) if p.ambassador]
    found.sort(key=lambda p: (p.name.casefold(), p.id))
    return {"items": [people.public(p) for p in found]}
