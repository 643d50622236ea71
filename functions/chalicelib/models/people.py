from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    VersionAttribute,
)

from .schema import BaseMeta, Gsi1, Item

ROLES = ("employee", "content_manager", "admin")


class DirectoryIndex(Gsi1):
    """gsi1: everyone, sorted by folded name, for the directory and the local sign-in picker."""


class Person(Item):
    """pk=PERSON#<id>, sk=PROFILE. `version` makes concurrent profile edits fail, not merge."""

    class Meta(BaseMeta):
        pass

    gsi1pk = UnicodeAttribute(default="PEOPLE")
    gsi1sk = UnicodeAttribute()
    id = UnicodeAttribute()
    email = UnicodeAttribute()
    name = UnicodeAttribute()
    role = UnicodeAttribute(default="employee")
    title = UnicodeAttribute(null=True)
    department = UnicodeAttribute(null=True)
    location = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    bio = UnicodeAttribute(null=True)
    photo = UnicodeAttribute(null=True)
    expertise = ListAttribute(of=UnicodeAttribute, default=list)
    ambassador = BooleanAttribute(default=False)  # marked by content managers (issue 18)
    welcomed = UnicodeAttribute(null=True)  # when the welcome checklist was completed
    # The identity provider's (iss, sub), set at the first sign-in: what sign-in matches on,
    # because emails change and get reassigned. None for people no one signed in as yet.
    issuer = UnicodeAttribute(null=True)
    subject = UnicodeAttribute(null=True)
    created = UnicodeAttribute()
    updated = UnicodeAttribute(null=True)
    version = VersionAttribute()
    # Session revocation (domain/revocation.py): tokens carry the version they were issued at;
    # "<exp>:<token id>" of sessions signed out before they expired.
    session_version = NumberAttribute(default=0)
    revoked_sessions = UnicodeSetAttribute(null=True)

    directory = DirectoryIndex()

    @staticmethod
    def key(person_id: str) -> tuple[str, str]:
        return f"PERSON#{person_id}", "PROFILE"


class EmailIndex(Item):
    """pk=EMAIL#<email>, sk=EMAIL: makes an email unique and finds its person in one GetItem."""

    class Meta(BaseMeta):
        pass

    person_id = UnicodeAttribute()

    @staticmethod
    def key(email: str) -> tuple[str, str]:
        return f"EMAIL#{email.lower()}", "EMAIL"


class SubjectIndex(Item):
    """pk=SUBJECT#<issuer>#<sub>, sk=SUBJECT: finds the person an IdP identity belongs to in one
    GetItem, and makes an identity belong to one person only."""

    class Meta(BaseMeta):
        pass

    person_id = UnicodeAttribute()

    @staticmethod
    def key(issuer: str, subject: str) -> tuple[str, str]:
        return f"SUBJECT#{issuer}#{subject}", "SUBJECT"


class DirectoryEntry(Item):
    """A pointer to a person in a search partition, carrying a copy of their card so that a
    search page is one Query and no GetItem per hit.

    pk=NAMES, sk=<name token>#<folded name>#<id>   (name search, every word of the name)
    pk=DEPT#<department key>, sk=<folded name>#<id>
    pk=EXPERTISE#<tag key>, sk=<folded name>#<id>
    Written and deleted in the same transaction as the profile they copy.
    """

    class Meta(BaseMeta):
        pass

    person_id = UnicodeAttribute()
    name = UnicodeAttribute()
    title = UnicodeAttribute(null=True)
    department = UnicodeAttribute(null=True)
    photo = UnicodeAttribute(null=True)
    expertise = ListAttribute(of=UnicodeAttribute, default=list)


class Tally(Item):
    """pk=TAGS or DEPARTMENTS, sk=<key>: a label as first written and how many people use it.
    Counts change by atomic ADD inside the profile's transaction."""

    class Meta(BaseMeta):
        pass

    label = UnicodeAttribute()
    count = NumberAttribute(default=0)
