"""Usage counters: pre-aggregated daily items, expiring per-person markers, seen-by counters.

No item here holds a page path next to a person: markers carry a keyed pseudonym of the person
for one period (or one post) only, and expire through the table's TTL attribute.
"""

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from .schema import TTL_ATTRIBUTE, BaseMeta, Item

USAGE_PK = "USAGE"


class Tally(Item):
    """pk=USAGE, sk=D#<date>#V|A|C, W#<week>, M#<month> or EMPLOYEES.

    Fixed counters are declared; per-page (`p:<path>`) and per-group (`g:<id>:<kind>:<side>`)
    counters are top-level attributes with dynamic names, because DynamoDB's atomic ADD works
    on top-level attributes only. They are written and read through the table connection.
    """

    class Meta(BaseMeta):
        pass

    total = NumberAttribute(null=True)

    @staticmethod
    def key(sort_key: str) -> tuple[str, str]:
        return USAGE_PK, sort_key


class Marker(Item):
    """pk=MARK#<scope>#<pseudonym>, sk=MARK: "this pseudonym was already counted in <scope>".

    `expires` (epoch seconds) is the table's TTL attribute; reads treat a passed one as absent,
    because local emulators never delete expired items.
    """

    class Meta(BaseMeta):
        pass

    expires = NumberAttribute(attr_name=TTL_ATTRIBUTE)

    @staticmethod
    def key(scope: str, pseudonym: str) -> tuple[str, str]:
        return f"MARK#{scope}#{pseudonym}", "MARK"


class SeenCount(Item):
    """pk=SEEN#<post id>, sk=COUNT: distinct colleagues who saw a post."""

    class Meta(BaseMeta):
        pass

    seen = NumberAttribute(default=0)

    @staticmethod
    def key(post_id: str) -> tuple[str, str]:
        return f"SEEN#{post_id}", "COUNT"


class OpenQuestionIndex(Item):
    """pk=USAGE#OPEN, sk=<post id>: a question still unanswered, so the dashboard can list the
    organisation's oldest open questions with one Query (post ids sort by time)."""

    class Meta(BaseMeta):
        pass

    group_id = UnicodeAttribute(null=True)

    @staticmethod
    def key(post_id: str) -> tuple[str, str]:
        return "USAGE#OPEN", post_id
