"""Profiles: validation, creation (first sign-in, seed, HR import) and edits.

Every write goes through `directory.commit`, so the search partitions never disagree with the
profile they point at.
"""

import re

from ..clock import Clock, iso
from ..errors import invalid, not_found
from ..ids import IdMaker
from ..models import EmailIndex, Person, SubjectIndex
from ..models.people import ROLES
from . import directory, names, photos
from .hits import employee_added
from .permissions import require
from .validation import text

LIMITS = {"name": 100, "title": 100, "department": 100, "location": 100, "phone": 30,
          "bio": 1000}
PROFILE_FIELDS = (*LIMITS, "expertise")
# What people edit themselves; name and email come from the identity provider and HR.
EDITABLE = ("title", "department", "location", "phone", "bio", "expertise")
_PHONE = re.compile(r"^[0-9+() .\-]{3,30}$")


def public(person: Person) -> dict:
    return {
        "id": person.id, "name": person.name, "email": person.email, "role": person.role,
        "title": person.title, "department": person.department, "location": person.location,
        "phone": person.phone, "bio": person.bio, "photo": photos.avatar(person.photo),
        "expertise": list(person.expertise or []),
        "ambassador": bool(person.ambassador),
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


def clean(data: dict, allowed=PROFILE_FIELDS) -> dict:
    """Validated profile fields; an empty text becomes None (cleared)."""
    out = {}
    for field, value in data.items():
        if field not in allowed:
            raise invalid(field, "Unknown or read-only field.")
        if field == "expertise":
            out[field] = names.tag_labels(value)
            continue
        value = text("" if value is None else value, field, LIMITS[field],
                     required=field == "name")
        if field == "phone" and value and not _PHONE.match(value):
            raise invalid(field, "Use digits, spaces, +, -, ( and ) only.")
        out[field] = value or None
    return out


def _email(fields: dict) -> str:
    email = fields.get("email")
    email = email.strip().lower() if isinstance(email, str) else ""
    local, _, domain = email.partition("@")
    if not local or "." not in domain or " " in email or len(email) > 254:
        raise invalid("email", "Not an email address.")
    return email


def create(fields: dict, clock: Clock, new_id: IdMaker,
           identity: tuple[str, str] | None = None) -> Person:
    """Creates the profile, its email link (and its IdP `identity` link, (issuer, sub)) and its
    directory entries in one transaction: an email or identity is never taken twice. Keys other
    than the profile's own are ignored (IdP claims)."""
    email = _email(fields)
    role = fields.get("role", "employee")
    if role not in ROLES:
        raise invalid("role", f"Role must be one of {', '.join(ROLES)}.")
    profile = clean({k: fields.get(k) for k in PROFILE_FIELDS})
    now = clock()
    person_id = new_id(now)
    person = Person(*Person.key(person_id), id=person_id, email=email, role=role,
                    gsi1sk=f"{names.sort_name(profile['name'])}#{person_id}", created=iso(now),
                    **profile)
    links = [(EmailIndex(*EmailIndex.key(email), person_id=person_id),
              EmailIndex.pk.does_not_exist())]
    if identity:
        person.issuer, person.subject = identity
        links.append((SubjectIndex(*SubjectIndex.key(*identity), person_id=person_id),
                      SubjectIndex.pk.does_not_exist()))
    directory.commit(None, person, also=links)
    employee_added()
    return person


def apply(person: Person, changes: dict, clock: Clock) -> bool:
    """Writes validated `changes` to `person`; False (and no write) when nothing differs."""
    changes = {k: v for k, v in changes.items() if getattr(person, k) != v}
    if not changes:
        return False
    before = directory.snapshot(person)
    for field, value in changes.items():
        setattr(person, field, value)
    person.gsi1sk = f"{names.sort_name(person.name)}#{person.id}"
    person.updated = iso(clock())
    directory.commit(before, person)
    return True


def _photo(viewer, person: Person, value) -> str | None:
    """The upload id to show as `person`'s photo (None removes it). Only the viewer's own
    upload will do, so an admin who sets a colleague's photo uploads it themselves."""
    if value in (None, ""):
        return None
    upload_id = photos.reference(value, "photo")["id"]
    if upload_id != person.photo:
        photos.process(viewer, upload_id, use=f"person:{person.id}", field="photo")
    return upload_id


def update(viewer, person_id: str, data: dict, clock: Clock) -> dict:
    person = viewer.person if person_id == viewer.id else get(person_id)
    if person is None:
        raise not_found("person")
    require(viewer, "edit", person, "You can only edit your own profile.")
    changes = clean({k: v for k, v in data.items() if k != "photo"}, allowed=EDITABLE)
    before = person.photo
    if "photo" in data:
        changes["photo"] = _photo(viewer, person, data["photo"])
    apply(person, changes, clock)
    if before != person.photo:
        photos.discard(before)
    return public(person)


def upsert(fields: dict, clock: Clock, new_id: IdMaker) -> str:
    """For the HR import: creates or updates by email. Empty values keep what is there, so an
    export without expertise does not wipe what people wrote themselves."""
    person = by_email(_email(fields))
    if person is None:
        create(fields, clock, new_id)
        return "created"
    given = {k: v for k, v in fields.items() if k in PROFILE_FIELDS and v not in (None, "", [])}
    return "updated" if apply(person, clean(given), clock) else "unchanged"


def directory_page(limit: int = 100) -> list[Person]:
    return list(Person.directory.query("PEOPLE", limit=limit))
