"""Reports, the moderation queue, the audit log, pins and read confirmations.

The layout is written down in docs/data-model.md and docs/community.md.
"""

from pynamodb.attributes import (
    BooleanAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
)

from .schema import BaseMeta, Gsi1, Gsi2, Item

ORG_QUEUE = "MODQUEUE#ORG"


def queue_partition(group_id: str | None) -> str:
    """Reports on items outside groups go to the organisation's queue, the rest to their
    group's, so a group manager reads only their own group's partition."""
    return ORG_QUEUE if group_id is None else f"MODQUEUE#GROUP#{group_id}"


class ReporterIndex(Gsi2):
    """gsi2: REPORTS_BY#<person> by report id: the reports a person filed."""


class Report(Item):
    """pk=REPORTS#<kind>#<target id>, sk=<reporter id>: one per reporter and item, so a repeated
    report changes nothing. `state` goes open → handled in the moderator's transaction; the
    notifications consumer sees that change in the stream's old and new images (recipient:
    `reporter_id`)."""

    class Meta(BaseMeta):
        pass

    # gsi2: REPORTS_BY#<reporter> / report id, so own data can find (export, erase) them.
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    id = UnicodeAttribute()
    kind = UnicodeAttribute()  # post or comment
    target = UnicodeAttribute()
    reporter_id = UnicodeAttribute()
    reason = UnicodeAttribute()
    text = UnicodeAttribute(default="")
    state = UnicodeAttribute(default="open")
    outcome = UnicodeAttribute(null=True)  # hidden, restored, deleted
    created = UnicodeAttribute()
    handled = UnicodeAttribute(null=True)

    by_reporter = ReporterIndex()

    @staticmethod
    def key(kind: str, target: str, reporter_id: str) -> tuple[str, str]:
        return f"REPORTS#{kind}#{target}", reporter_id

    @staticmethod
    def reporter_partition(person_id: str) -> str:
        return f"REPORTS_BY#{person_id}"


class QueueIndex(Gsi1):
    """gsi1: MODQUEUE#ORG or MODQUEUE#GROUP#<id> / first report id: open flags, oldest first."""


class Flag(Item):
    """pk=FLAG#<kind>#<target id>, sk=FLAG: one queue entry per reported item, however many
    report it. Its gsi1 keys exist only while it is open, so the queue holds open ones only."""

    class Meta(BaseMeta):
        pass

    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    kind = UnicodeAttribute()
    target = UnicodeAttribute()
    post_id = UnicodeAttribute(null=True)  # a comment's post
    group_id = UnicodeAttribute(null=True)
    author_id = UnicodeAttribute()
    author_name = UnicodeAttribute()
    excerpt = UnicodeAttribute(default="")
    reports = NumberAttribute(default=0)
    reasons = UnicodeSetAttribute(default=set)
    last_text = UnicodeAttribute(null=True)  # the latest reporter's own words, unsigned
    state = UnicodeAttribute(default="open")
    updated = UnicodeAttribute(null=True)

    in_queue = QueueIndex()

    @staticmethod
    def key(kind: str, target: str) -> tuple[str, str]:
        return f"FLAG#{kind}#{target}", "FLAG"


AUDIT_PK = "AUDIT"


class AuditEntry(Item):
    """pk=AUDIT, sk=<entry id>: one partition, newest last. Moderation is a few actions a day,
    far below a partition's write limit. Written once with a condition that it is absent and
    never updated; `expires` is the table's TTL attribute (PLEIN_AUDIT_DAYS)."""

    class Meta(BaseMeta):
        pass

    id = UnicodeAttribute()
    at = UnicodeAttribute()
    actor_id = UnicodeAttribute()
    actor_name = UnicodeAttribute()
    action = UnicodeAttribute()  # hide, restore, delete, pin, unpin
    kind = UnicodeAttribute()
    target = UnicodeAttribute()
    author_id = UnicodeAttribute(null=True)
    group_id = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(default="")
    excerpt = UnicodeAttribute(default="")
    expires = NumberAttribute()

    @staticmethod
    def key(entry_id: str) -> tuple[str, str]:
        return AUDIT_PK, entry_id


class Pin(Item):
    """pk=PINS#<feed partition>, sk=<post id>: a stream's first page reads these (one Query)
    and shows the ones whose `until` has not passed above the rest; `expires` lets TTL
    reclaim them."""

    class Meta(BaseMeta):
        pass

    until = UnicodeAttribute()
    pinned_by = UnicodeAttribute()
    expires = NumberAttribute()

    @staticmethod
    def key(partition: str, post_id: str) -> tuple[str, str]:
        return f"PINS#{partition}", post_id


class ReadMark(Item):
    """pk=POST#<post id>, sk=READ#<person id>: "this person confirmed Gelezen", written only if
    absent, so the post's `confirmed` ADD happens once per person."""

    class Meta(BaseMeta):
        pass

    created = UnicodeAttribute()

    @staticmethod
    def key(post_id: str, person_id: str) -> tuple[str, str]:
        return f"POST#{post_id}", f"READ#{person_id}"


class AmbassadorEntry(Item):
    """pk=AMBASSADORS, sk=<person id>: who is an ambassador, written in the same transaction
    as the person's `ambassador` flag. A few dozen at most: the page reads one Query."""

    class Meta(BaseMeta):
        pass

    since = UnicodeAttribute()
    marked_by = UnicodeAttribute()

    @staticmethod
    def key(person_id: str) -> tuple[str, str]:
        return "AMBASSADORS", person_id


class PersonFlags(Item):
    """Community attributes of the person item, written on their own: `Person` carries a
    version, and PynamoDB conditions every update of a versioned model on it, so marking
    someone through `Person` would fail against (or undo) a profile edit in flight. Same key
    as the person."""

    class Meta(BaseMeta):
        pass

    ambassador = BooleanAttribute(default=False)
    welcomed = UnicodeAttribute(null=True)  # when the welcome checklist was completed

    @staticmethod
    def key(person_id: str) -> tuple[str, str]:
        return f"PERSON#{person_id}", "PROFILE"


class Newcomer(Item):
    """pk=JOINED#<group>, sk=<since>#<person id>: who joined a group lately, written in the
    join's own transaction and gone through TTL (`expires`) after NEWCOMER_DAYS."""

    class Meta(BaseMeta):
        pass

    person_id = UnicodeAttribute()
    person_name = UnicodeAttribute()
    expires = NumberAttribute()

    @staticmethod
    def key(group_id: str, since: str, person_id: str) -> tuple[str, str]:
        return f"JOINED#{group_id}", f"{since}#{person_id}"
