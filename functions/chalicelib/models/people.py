from pynamodb.attributes import ListAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from .schema import BaseMeta, Item

ROLES = ("employee", "content_manager", "admin")


class DirectoryIndex(GlobalSecondaryIndex):
    """gsi1: everyone, sorted by name, for the directory and the local sign-in picker."""

    class Meta:
        index_name = "gsi1"
        projection = AllProjection()

    gsi1pk = UnicodeAttribute(hash_key=True)
    gsi1sk = UnicodeAttribute(range_key=True)


class Person(Item):
    """pk=PERSON#<id>, sk=PROFILE."""

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
    expertise = ListAttribute(of=UnicodeAttribute, default=list)
    created = UnicodeAttribute()

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
