"""Groups and memberships. No HTTP in here; the rules live in domain/groups.py and
domain/memberships.py."""

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute

from .posts import Photo
from .schema import BaseMeta, Gsi1, Gsi2, Item

VISIBILITIES = ("open", "closed", "secret")
STATUSES = ("active", "archived", "deleted")
STATES = ("member", "requested", "invited")
ROLES = ("member", "manager")

LISTED = "GROUPS"  # open and closed groups: the directory everyone sees
UNLISTED = "GROUPS#SECRET"  # secret groups: only admins list this partition


def listing(visibility: str) -> str:
    return UNLISTED if visibility == "secret" else LISTED


class ListingIndex(Gsi1):
    """gsi1: GROUPS / GROUPS#SECRET by lower-case name (groups), MEMBERSHIPS#<person> (members)."""


class RosterIndex(Gsi2):
    """gsi2: a group's members, requests or invitations (one partition per state), by name."""


class Group(Item):
    """pk=GROUP#<id>, sk=GROUP. Counts change only with ADD inside membership transactions."""

    class Meta(BaseMeta):
        pass

    gsi1pk = UnicodeAttribute(null=True)  # absent once deleted: gone from every listing
    gsi1sk = UnicodeAttribute(null=True)
    id = UnicodeAttribute()
    name = UnicodeAttribute()
    description = UnicodeAttribute(default="")
    cover = UnicodeAttribute(null=True)  # a site image, /images/... (official groups)
    cover_photo = Photo(null=True)  # or an uploaded photo; never both
    visibility = UnicodeAttribute()
    status = UnicodeAttribute(default="active")
    official = BooleanAttribute(default=False)
    member_count = NumberAttribute(default=0)
    manager_count = NumberAttribute(default=0)
    created = UnicodeAttribute()
    created_by = UnicodeAttribute(null=True)
    # The newest post's id (a ULID), set in that post's own transaction: the home stream
    # reads the feeds of a viewer's most recently active groups first.
    last_post = UnicodeAttribute(null=True)

    listed = ListingIndex()

    @staticmethod
    def key(group_id: str) -> tuple[str, str]:
        return f"GROUP#{group_id}", "GROUP"

    @staticmethod
    def sort_name(name: str, group_id: str) -> str:
        return f"{name.casefold()}#{group_id}"


class Membership(Item):
    """pk=GROUP#<group>, sk=PERSON#<person>: one item per (group, person) whatever its state,
    so a person's standing in a group is one GetItem and every change is one conditional write.

    gsi1: MEMBERSHIPS#<person> (members), INVITATIONS#<person> (invitees) or
    REQUESTS#<person> (requests) / <group id>.
    gsi2: ROSTER#<group>#<state> / <person name lower>#<person>.
    """

    class Meta(BaseMeta):
        pass

    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute()
    gsi2sk = UnicodeAttribute()
    group_id = UnicodeAttribute()
    person_id = UnicodeAttribute()
    person_name = UnicodeAttribute()
    state = UnicodeAttribute()
    role = UnicodeAttribute(default="member")
    since = UnicodeAttribute()
    invited_by = UnicodeAttribute(null=True)

    mine = ListingIndex()
    roster = RosterIndex()

    @staticmethod
    def key(group_id: str, person_id: str) -> tuple[str, str]:
        return f"GROUP#{group_id}", f"PERSON#{person_id}"

    @staticmethod
    def person_partition(state: str, person_id: str) -> str | None:
        # Requests are listed by person only for the person's own data (export, deletion).
        return {"member": f"MEMBERSHIPS#{person_id}", "invited": f"INVITATIONS#{person_id}",
                "requested": f"REQUESTS#{person_id}"}.get(state)

    @staticmethod
    def roster_partition(group_id: str, state: str) -> str:
        return f"ROSTER#{group_id}#{state}"
