from pynamodb.attributes import BooleanAttribute, MapAttribute, NumberAttribute, UnicodeAttribute

from .schema import BaseMeta, Gsi1, Gsi2, Item


class ThreadIndex(Gsi1):
    """gsi1: THREAD#<thread key>, oldest first by comment id."""


class AuthorIndex(Gsi2):
    """gsi2: COMMENTS#<person> by comment id, so own data finds a person's comments."""


class Comment(Item):
    """pk=COMMENT#<id>, sk=COMMENT. The thread key is `post:<post id>` or `page:<path>`."""

    class Meta(BaseMeta):
        pass

    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    # Absent on comments written before own data covered them, and once anonymised.
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    id = UnicodeAttribute()
    thread = UnicodeAttribute()
    post_id = UnicodeAttribute(null=True)
    parent = UnicodeAttribute(null=True)  # one level of replies: parents are top-level
    author_id = UnicodeAttribute()
    author_name = UnicodeAttribute()
    body = UnicodeAttribute()
    mentions = MapAttribute(default=dict)
    replies = NumberAttribute(default=0)
    deleted = BooleanAttribute(default=False)
    created = UnicodeAttribute()
    edited = UnicodeAttribute(null=True)
    hidden = MapAttribute(null=True)  # {"by", "at", "reason"}, as on posts

    in_thread = ThreadIndex()
    by_author = AuthorIndex()

    @staticmethod
    def key(comment_id: str) -> tuple[str, str]:
        return f"COMMENT#{comment_id}", "COMMENT"

    @staticmethod
    def thread_partition(thread: str) -> str:
        return f"THREAD#{thread}"

    @staticmethod
    def author_partition(person_id: str) -> str:
        return f"COMMENTS#{person_id}"
