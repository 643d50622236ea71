"""Notifications and what decides them: per-person settings, group followers, the unread
counter. Keys and access patterns: docs/notifications.md."""

from pynamodb.attributes import (
    BooleanAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
)

from .schema import TTL_ATTRIBUTE, BaseMeta, Gsi1, Gsi2, Item


class InboxIndex(Gsi1):
    """gsi1: NOTES#<person> / <updated>#<note id>: a person's notifications, newest first."""


class DigestIndex(Gsi2):
    """gsi2, sparse: DIGEST#daily|weekly / <person>#<created>#<note id> while a mail is due."""


class Notification(Item):
    """pk=NOTES#<person>, sk=N#<note id>. The id is derived from the source, so writing the
    same notification twice is one conditional put that fails the second time."""

    class Meta(BaseMeta):
        pass

    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    id = UnicodeAttribute()
    person_id = UnicodeAttribute()
    type = UnicodeAttribute()
    actor_id = UnicodeAttribute(null=True)
    actor_name = UnicodeAttribute(null=True)
    actors = UnicodeSetAttribute(null=True)  # likes: ADD of a set member is idempotent
    kinds = UnicodeSetAttribute(null=True)  # likes: the reaction kinds its actors chose
    post_id = UnicodeAttribute(null=True)
    comment_id = UnicodeAttribute(null=True)
    group_id = UnicodeAttribute(null=True)  # whose access rules decide who may see it
    group_name = UnicodeAttribute(null=True)
    thread = UnicodeAttribute(null=True)  # page comments: page:<path>
    created = UnicodeAttribute()
    updated = UnicodeAttribute()
    read = BooleanAttribute(default=False)
    mail = UnicodeAttribute(default="off")  # the email frequency that applied
    mailed = UnicodeAttribute(null=True)
    delivered = UnicodeAttribute(null=True)
    expires = NumberAttribute(attr_name=TTL_ATTRIBUTE)

    inbox = InboxIndex()
    pending = DigestIndex()

    @staticmethod
    def partition(person_id: str) -> str:
        return f"NOTES#{person_id}"

    @staticmethod
    def key(person_id: str, note_id: str) -> tuple[str, str]:
        return f"NOTES#{person_id}", f"N#{note_id}"


class Unread(Item):
    """pk=PERSON#<person>, sk=NOTES: unread notifications, moved only by ADD in the same
    transaction as the change that makes one unread or read."""

    class Meta(BaseMeta):
        pass

    unread = NumberAttribute(default=0)

    @staticmethod
    def key(person_id: str) -> tuple[str, str]:
        return f"PERSON#{person_id}", "NOTES"


class NotifySettings(Item):
    """pk=PERSON#<person>, sk=NOTIFY: email frequency per type, groups followed for every
    post, and the language mail and push are written in. Absent means the defaults."""

    class Meta(BaseMeta):
        pass

    mail = MapAttribute(default=dict)  # type -> now|daily|weekly|off
    groups = MapAttribute(default=dict)  # group id -> "all"
    language = UnicodeAttribute(null=True)

    @staticmethod
    def key(person_id: str) -> tuple[str, str]:
        return f"PERSON#{person_id}", "NOTIFY"


class Follower(Item):
    """pk=FOLLOW#<group>, sk=<person>: wants a notification for every post in the group.
    Written with the person's settings in one transaction; membership is checked on use."""

    class Meta(BaseMeta):
        pass

    @staticmethod
    def key(group_id: str, person_id: str) -> tuple[str, str]:
        return f"FOLLOW#{group_id}", person_id


class Declined(Item):
    """pk=DECLINED#<group>#<person>, sk=<the request's since>: written in the transaction that
    declines a join request, because the stream alone cannot tell a declined request from
    one its asker withdrew. Expires by TTL."""

    class Meta(BaseMeta):
        pass

    group_id = UnicodeAttribute()
    person_id = UnicodeAttribute()
    by = UnicodeAttribute()
    expires = NumberAttribute(attr_name=TTL_ATTRIBUTE)

    @staticmethod
    def key(group_id: str, person_id: str, since: str) -> tuple[str, str]:
        return f"DECLINED#{group_id}#{person_id}", since


class Reminded(Item):
    """pk=REMINDED#<post>, sk=REMINDED: the two-day reminder for this question went out."""

    class Meta(BaseMeta):
        pass

    at = UnicodeAttribute()
    expires = NumberAttribute(attr_name=TTL_ATTRIBUTE)

    @staticmethod
    def key(post_id: str) -> tuple[str, str]:
        return f"REMINDED#{post_id}", "REMINDED"


class Forgotten(Item):
    """pk=GONE#<person>#<note id>, sk=GONE: an unread note that expired (or was erased) was
    taken off the counter, so the stream's redelivery of its removal takes nothing off twice.
    Outlives the stream's 24 hours, then expires itself."""

    class Meta(BaseMeta):
        pass

    expires = NumberAttribute(attr_name=TTL_ATTRIBUTE)

    @staticmethod
    def key(person_id: str, note_id: str) -> tuple[str, str]:
        return f"GONE#{person_id}#{note_id}", "GONE"
