from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from ..errors import conflict, invalid
from ..ids import Clock, IdMaker, iso
from ..models import EmailIndex, Person
from ..models.people import ROLES
from .usage import employee_added


def public(person: Person) -> dict:
    return {
        "id": person.id, "name": person.name, "email": person.email, "role": person.role,
        "title": person.title, "department": person.department, "location": person.location,
        "phone": person.phone, "bio": person.bio, "expertise": list(person.expertise or []),
    }


def get(person_id: str) -> Person | None:
    try:
        return Person.get(*Person.key(person_id))
    except Person.DoesNotExist:
        return None


def by_email(email: str) -> Person | None:
    try:
        link = EmailIndex.get(*EmailIndex.key(email))
    except EmailIndex.DoesNotExist:
        return None
    return get(link.person_id)


def create(fields: dict, clock: Clock, new_id: IdMaker) -> Person:
    """Creates the profile and its email link in one transaction: an email is never taken twice."""
    email = (fields.get("email") or "").strip().lower()
    if "@" not in email:
        raise invalid("email", "Not an email address.")
    name = (fields.get("name") or "").strip()
    if not name:
        raise invalid("name", "Name is empty.")
    role = fields.get("role", "employee")
    if role not in ROLES:
        raise invalid("role", f"Role must be one of {', '.join(ROLES)}.")
    now = clock()
    person_id = new_id(now)
    person = Person(
        *Person.key(person_id), gsi1sk=f"{name.lower()}#{person_id}", id=person_id,
        email=email, name=name, role=role, created=iso(now),
        **{k: fields.get(k) for k in ("title", "department", "location", "phone", "bio")},
        expertise=list(fields.get("expertise") or []),
    )
    link = EmailIndex(*EmailIndex.key(email), person_id=person_id)
    try:
        with TransactWrite(connection=Connection(region=Person.Meta.region,
                                                 host=Person.Meta.host)) as tx:
            tx.save(link, condition=EmailIndex.pk.does_not_exist())
            tx.save(person, condition=Person.pk.does_not_exist())
    except TransactWriteError as err:
        if any(r and r.code == "ConditionalCheckFailed" for r in err.cancellation_reasons or []):
            raise conflict(f"{email} already has a profile.") from err
        raise
    employee_added()
    return person


def directory_page(limit: int = 100) -> list[Person]:
    return list(Person.directory.query("PEOPLE", limit=limit))
