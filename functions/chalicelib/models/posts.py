from pynamodb.attributes import UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from .schema import BaseMeta, Item


class FeedIndex(GlobalSecondaryIndex):
    """gsi1: a feed partition (FEED for the home stream), newest first by sortable post id."""

    class Meta:
        index_name = "gsi1"
        projection = AllProjection()

    gsi1pk = UnicodeAttribute(hash_key=True)
    gsi1sk = UnicodeAttribute(range_key=True)


class AuthorIndex(GlobalSecondaryIndex):
    """gsi2: AUTHOR#<person id>, newest first: the per-author stream."""

    class Meta:
        index_name = "gsi2"
        projection = AllProjection()

    gsi2pk = UnicodeAttribute(hash_key=True)
    gsi2sk = UnicodeAttribute(range_key=True)


class Post(Item):
    """pk=POST#<id>, sk=POST. Ids are ULIDs, so sorting by id sorts by creation time."""

    class Meta(BaseMeta):
        pass

    gsi1pk = UnicodeAttribute(default="FEED")
    gsi1sk = UnicodeAttribute()
    gsi2pk = UnicodeAttribute()
    gsi2sk = UnicodeAttribute()
    id = UnicodeAttribute()
    author_id = UnicodeAttribute()
    author_name = UnicodeAttribute()
    body = UnicodeAttribute()
    kind = UnicodeAttribute(default="update")
    created = UnicodeAttribute()
    edited = UnicodeAttribute(null=True)

    feed = FeedIndex()
    by_author = AuthorIndex()

    @staticmethod
    def key(post_id: str) -> tuple[str, str]:
        return f"POST#{post_id}", "POST"
