"""What email and push delivery keep: a person's devices, their one-click opt-outs, and the
"digest already sent" markers. No HTTP in here."""

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UnicodeSetAttribute

from .schema import TTL_ATTRIBUTE, BaseMeta, Item

PUSH_PREFIX = "PUSH#"


class PushSubscription(Item):
    """pk=PERSON#<id>, sk=PUSH#<hash of the endpoint>: one browser on one device.

    In the person's own partition, so "all my devices" is one bounded Query and the account's
    deletion finds them by key."""

    class Meta(BaseMeta):
        pass

    endpoint = UnicodeAttribute()
    p256dh = UnicodeAttribute()
    auth = UnicodeAttribute()
    created = UnicodeAttribute()

    @staticmethod
    def key(person_id: str, endpoint_hash: str) -> tuple[str, str]:
        return f"PERSON#{person_id}", f"{PUSH_PREFIX}{endpoint_hash}"


class PushEndpoint(Item):
    """pk=PUSHEP#<hash of the endpoint>, sk=OWNER: whose device a browser is now. A browser
    has one endpoint, so when a colleague signs in on a shared computer and turns push on,
    the previous person's subscription for it is removed in the same transaction: nobody gets
    another person's notifications."""

    class Meta(BaseMeta):
        pass

    person_id = UnicodeAttribute()

    @staticmethod
    def key(endpoint_hash: str) -> tuple[str, str]:
        return f"PUSHEP#{endpoint_hash}", "OWNER"


class MailOptOut(Item):
    """pk=PERSON#<id>, sk=MAILOFF: the email kinds turned off by a one-click unsubscribe link.

    `kinds` holds notification types and `digest:daily` / `digest:weekly`; it only grows, by
    an atomic ADD, so a link clicked twice (or by two mail scanners at once) changes nothing."""

    class Meta(BaseMeta):
        pass

    kinds = UnicodeSetAttribute(default=set)

    @staticmethod
    def key(person_id: str) -> tuple[str, str]:
        return f"PERSON#{person_id}", "MAILOFF"


class DigestMarker(Item):
    """pk=DIGEST#<period>#<date or ISO week>, sk=PERSON#<id>: this person's digest for that day
    (or week) was claimed by a run. Written with `attribute_not_exists`, so a rerun of the job
    mails nobody twice; expires by TTL."""

    class Meta(BaseMeta):
        pass

    expires = NumberAttribute(attr_name=TTL_ATTRIBUTE)
    sent = NumberAttribute(default=0)

    @staticmethod
    def key(period: str, stamp: str, person_id: str) -> tuple[str, str]:
        return f"DIGEST#{period}#{stamp}", f"PERSON#{person_id}"
