from pynamodb.attributes import NumberAttribute

from .schema import BaseMeta, Item


class RateCounter(Item):
    """pk=RATE#<person>#<action>, sk=<window start, epoch seconds>. Expires by TTL."""

    class Meta(BaseMeta):
        pass

    count = NumberAttribute(default=0)
    expires = NumberAttribute()

    @staticmethod
    def key(person_id: str, action: str, window_start: int) -> tuple[str, str]:
        return f"RATE#{person_id}#{action}", str(window_start)
