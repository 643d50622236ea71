"""Events, enrolments and personal calendar feeds. No HTTP in here; the rules live in
domain/events/.

An event and its enrolments share the partition EVENT#<id>: the event item keeps the counts
(`going`, `waiting`), which change only by ADD inside the enrolment's own transaction, and
`tickets`, the counter that numbers enrolments in order of arrival.
"""

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute

from .posts import Photo
from .schema import BaseMeta, Gsi1, Gsi2, Item

STATUSES = ("active", "cancelled")
STATES = ("going", "waiting", "cancelled")

ALL_EVENTS = "EVENTS"  # gsi1 of every event, by start: the upcoming and past pages
ORGANISATION = "EVENTS#ORG"  # gsi2 of events that belong to no group


def group_events(group_id: str | None) -> str:
    return f"EVENTS#GROUP#{group_id}" if group_id else ORGANISATION


class Calendar(Gsi1):
    """gsi1: EVENTS / <start, UTC>#<id> (events); ENROLLED#<person> / <event id> (enrolments
    that still count: going or waiting)."""


class Owners(Gsi2):
    """gsi2: EVENTS#GROUP#<group> or EVENTS#ORG / <start>#<id> (events);
    ATTENDEES#<event>#<state> / <position, zero-padded> (enrolments, in order of arrival)."""


class Event(Item):
    """pk=EVENT#<id>, sk=EVENT. Times are stored in UTC; an all-day event runs from local
    midnight of its first day to local midnight after its last."""

    class Meta(BaseMeta):
        pass

    gsi1pk = UnicodeAttribute(default=ALL_EVENTS)
    gsi1sk = UnicodeAttribute()
    gsi2pk = UnicodeAttribute()
    gsi2sk = UnicodeAttribute()
    id = UnicodeAttribute()
    title = UnicodeAttribute()
    description = UnicodeAttribute(default="")
    starts = UnicodeAttribute()  # ISO 8601, UTC, "Z"
    ends = UnicodeAttribute()
    all_day = BooleanAttribute(default=False)
    location = UnicodeAttribute(default="")
    online_url = UnicodeAttribute(null=True)
    cover = UnicodeAttribute(null=True)  # a site image, /images/... (events from content/)
    cover_photo = Photo(null=True)  # or an uploaded photo
    capacity = NumberAttribute(null=True)  # None: no limit, and so never a waiting list
    deadline = UnicodeAttribute(null=True)  # enrolment closes then (UTC); else at the start
    group_id = UnicodeAttribute(null=True)
    group_name = UnicodeAttribute(null=True)
    created_by = UnicodeAttribute(null=True)  # None for events from content/events/
    created_by_name = UnicodeAttribute(null=True)
    organisers = UnicodeAttribute(null=True)  # person ids, space-separated (content events)
    page = UnicodeAttribute(null=True)  # the built page of a content event, else evenement.html
    official = BooleanAttribute(default=False)
    status = UnicodeAttribute(default="active")
    sequence = NumberAttribute(default=0)  # the .ics SEQUENCE: ADD 1 on every change
    going = NumberAttribute(default=0)
    waiting = NumberAttribute(default=0)
    tickets = NumberAttribute(default=0)
    created = UnicodeAttribute()
    updated = UnicodeAttribute()

    by_start = Calendar()
    by_owner = Owners()

    @staticmethod
    def key(event_id: str) -> tuple[str, str]:
        return f"EVENT#{event_id}", "EVENT"

    @staticmethod
    def sort_key(starts: str, event_id: str) -> str:
        return f"{starts}#{event_id}"


class Enrolment(Item):
    """pk=EVENT#<event>, sk=PERSON#<person>: one item per (event, person) whatever its state,
    so "am I going" is one GetItem and every change is one conditional write.

    gsi1: ENROLLED#<person> / <event id> while going or waiting, ENROLLED#<person>#cancelled
    once cancelled (so own data finds those too).
    gsi2: ATTENDEES#<event>#<state> / <position>: `position` is the event's ticket number at
    enrolment, so the waiting list reads in order of arrival and its head is one Query.
    """

    class Meta(BaseMeta):
        pass

    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute()
    gsi2sk = UnicodeAttribute()
    event_id = UnicodeAttribute()
    person_id = UnicodeAttribute()
    person_name = UnicodeAttribute()
    state = UnicodeAttribute()
    position = NumberAttribute()
    since = UnicodeAttribute()  # when this enrolment (re)started
    changed = UnicodeAttribute()
    promoted = BooleanAttribute(default=False)  # moved up from the waiting list

    mine = Calendar()
    roster = Owners()

    @staticmethod
    def key(event_id: str, person_id: str) -> tuple[str, str]:
        return f"EVENT#{event_id}", f"PERSON#{person_id}"

    @staticmethod
    def person_partition(person_id: str) -> str:
        return f"ENROLLED#{person_id}"

    @staticmethod
    def cancelled_partition(person_id: str) -> str:
        """Cancelled enrolments stay findable by person, for own data's export and erasure."""
        return f"ENROLLED#{person_id}#cancelled"

    @staticmethod
    def roster_partition(event_id: str, state: str) -> str:
        return f"ATTENDEES#{event_id}#{state}"

    @staticmethod
    def roster_key(position: int) -> str:
        return f"{int(position):010d}"


class CalendarToken(Item):
    """pk=CALFEED#<sha256 of the token>, sk=TOKEN: what a feed URL resolves to. Only the hash
    is stored, so the table never holds a working feed URL."""

    class Meta(BaseMeta):
        pass

    person_id = UnicodeAttribute()
    created = UnicodeAttribute()

    @staticmethod
    def key(token_hash: str) -> tuple[str, str]:
        return f"CALFEED#{token_hash}", "TOKEN"


class CalendarFeed(Item):
    """pk=CALFEED#PERSON#<person>, sk=FEED: the person's current token hash, so renewing or
    revoking finds the old token's item."""

    class Meta(BaseMeta):
        pass

    person_id = UnicodeAttribute()
    token_hash = UnicodeAttribute()
    created = UnicodeAttribute()

    @staticmethod
    def key(person_id: str) -> tuple[str, str]:
        return f"CALFEED#PERSON#{person_id}", "FEED"
