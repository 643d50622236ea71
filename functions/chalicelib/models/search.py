from pynamodb.attributes import MapAttribute, NumberAttribute, UnicodeAttribute

from .schema import BaseMeta, Item


class TermEntry(Item):
    """pk=TERM#<stem>, sk=<document id>: one per stem of a post, question or comment.

    Document ids are ULIDs, so one Query of a stem's partition, newest first, lists the
    documents that contain it by recency. `part` is the feed partition of the post (FEED or
    GROUP#<id>), so a query can drop what the viewer may not read without reading the post.
    """

    class Meta(BaseMeta):
        pass

    kind = UnicodeAttribute()  # post, question or comment
    part = UnicodeAttribute()
    n = NumberAttribute(default=1)  # how often the stem occurs (capped)
    post = UnicodeAttribute(null=True)  # a comment's post
    page = UnicodeAttribute(null=True)  # a comment's static page

    @staticmethod
    def key(stem: str, doc_id: str) -> tuple[str, str]:
        return f"TERM#{stem}", doc_id


class IndexedDocument(Item):
    """pk=SEARCHDOC#<document id>, sk=TERMS: which entries a document has in the index, so an
    edit removes exactly the stems it lost and a removal needs nothing but the id."""

    class Meta(BaseMeta):
        pass

    kind = UnicodeAttribute()
    part = UnicodeAttribute()
    terms = MapAttribute(default=dict)  # stem -> n
    post = UnicodeAttribute(null=True)
    page = UnicodeAttribute(null=True)

    @staticmethod
    def key(doc_id: str) -> tuple[str, str]:
        return f"SEARCHDOC#{doc_id}", "TERMS"
