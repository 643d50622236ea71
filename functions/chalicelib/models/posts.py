from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
)

from .schema import BaseMeta, Gsi1, Gsi2, Item

HOME_FEED = "FEED"
PAGE = "PAGE#"  # the partition of a site page's reactions: PAGE#<path>


def group_feed(group_id: str) -> str:
    """The gsi1 partition of a group's posts: one Query answers a group stream."""
    return f"GROUP#{group_id}"


class FeedIndex(Gsi1):
    """gsi1: a feed partition (FEED, or GROUP#<id>), newest first by sortable post id."""


class AuthorIndex(Gsi2):
    """gsi2: AUTHOR#<person id>, newest first: the per-author stream."""


class Photo(MapAttribute):
    """A processed upload: web sizes live at media/<id>/{400,1200}.webp in the uploads bucket."""

    id = UnicodeAttribute()
    width = NumberAttribute()  # of the large size
    height = NumberAttribute()
    small_width = NumberAttribute()
    alt = UnicodeAttribute(default="")


class Post(Item):
    """pk=POST#<id>, sk=POST. Ids are ULIDs, so sorting by id sorts by creation time."""

    class Meta(BaseMeta):
        pass

    gsi1pk = UnicodeAttribute(default=HOME_FEED)
    gsi1sk = UnicodeAttribute()
    gsi2pk = UnicodeAttribute()
    gsi2sk = UnicodeAttribute()
    id = UnicodeAttribute()
    author_id = UnicodeAttribute()
    author_name = UnicodeAttribute()
    author_ambassador = BooleanAttribute(default=False)  # when the post was written
    body = UnicodeAttribute()
    kind = UnicodeAttribute(default="update")
    group_id = UnicodeAttribute(null=True)
    photos = ListAttribute(of=Photo, default=list)
    mentions = MapAttribute(default=dict)  # handle -> person id, resolved when written
    answer = UnicodeAttribute(null=True)  # comment id, for questions
    # One counter per reaction kind (domain/reactions.py), each moved by atomic ADDs. `likes`
    # keeps its name from when "like" was the only kind, so older posts need no migration.
    likes = NumberAttribute(default=0)
    thanks = NumberAttribute(null=True)
    celebrations = NumberAttribute(null=True)
    insightful = NumberAttribute(null=True)
    comments = NumberAttribute(default=0)
    created = UnicodeAttribute()
    edited = UnicodeAttribute(null=True)
    # {"by", "at", "reason"} while a moderator hides it: every reader (streams, search,
    # notifications) leaves out a post that carries it (docs/community.md).
    hidden = MapAttribute(null=True)
    must_read = BooleanAttribute(default=False)
    audience = NumberAttribute(null=True)  # how many should confirm, fixed when posted
    confirmed = NumberAttribute(default=0)
    pinned_until = UnicodeAttribute(null=True)

    feed = FeedIndex()
    by_author = AuthorIndex()

    @staticmethod
    def key(post_id: str) -> tuple[str, str]:
        return f"POST#{post_id}", "POST"

    @property
    def partition(self) -> str:
        return self.gsi1pk


class OpenQuestion(Item):
    """pk=OPEN#<feed partition>, sk=<post id>: exists while a question is unanswered, so the
    unanswered filter is one Query of the base table (and a BatchGet of the posts)."""

    class Meta(BaseMeta):
        pass

    @staticmethod
    def key(partition: str, post_id: str) -> tuple[str, str]:
        return f"OPEN#{partition}", post_id


class ReactorIndex(Gsi2):
    """gsi2: REACTIONS#<person> / <post id> (or page:<path>), so own data finds a person's
    reactions."""


class Reaction(Item):
    """pk=POST#<post id>, sk=REACT#<person id>, with the chosen `kind`: one per person and
    post, so "my reaction" is one GetItem and "who reacted" one Query of the post's partition.
    A site page's reactions are the same markers in the page's partition, pk=PAGE#<path>
    (`PageReactions` holds that page's counters).

    Markers written while "like" was the only kind are keyed sk=REACT#like#<person id> and
    carry no `kind`; they are read as likes and rewritten in the new shape by their person's
    next change (docs/reactions.md)."""

    class Meta(BaseMeta):
        pass

    created = UnicodeAttribute()
    kind = UnicodeAttribute(null=True)  # absent on the older like markers
    name = UnicodeAttribute(null=True)  # the person's name when they reacted
    gsi2pk = UnicodeAttribute(null=True)  # absent on reactions from before own data had them
    gsi2sk = UnicodeAttribute(null=True)

    by_person = ReactorIndex()

    PREFIX = "REACT#"
    LEGACY = "REACT#like#"

    @staticmethod
    def key(post_id: str, person_id: str) -> tuple[str, str]:
        return f"POST#{post_id}", f"REACT#{person_id}"

    @staticmethod
    def key_in(partition: str, person_id: str) -> tuple[str, str]:
        """The key of a person's marker in any reacted-to partition (a post's or a page's)."""
        return partition, f"REACT#{person_id}"

    @staticmethod
    def legacy_key(post_id: str, person_id: str) -> tuple[str, str]:
        """The key of a like from before there were other kinds."""
        return f"POST#{post_id}", f"REACT#like#{person_id}"

    @staticmethod
    def person_key(post_id: str, person_id: str) -> tuple[str, str]:
        """The gsi2 key that lists the reaction under its person."""
        return f"REACTIONS#{person_id}", post_id

    @property
    def post_id(self) -> str | None:
        return self.pk.removeprefix("POST#") if self.pk.startswith("POST#") else None

    @property
    def page(self) -> str | None:
        """The page's path, for a reaction on a site page."""
        return self.pk.removeprefix(PAGE) if self.pk.startswith(PAGE) else None

    @property
    def legacy(self) -> bool:
        return self.sk.startswith(self.LEGACY)

    @property
    def person_id(self) -> str:
        return self.sk.removeprefix(self.LEGACY if self.legacy else self.PREFIX)

    @property
    def chosen(self) -> str:
        """The kind, also for an older like marker, which has none stored."""
        return "like" if self.legacy else self.kind


class PageReactions(Item):
    """pk=PAGE#<path>, sk=REACTIONS: a site page's reaction counts, one counter per kind with
    the names a post's counters have (domain/reaction_kinds.py), moved by ADD in the same
    transaction as the page's markers. The first reaction's ADD creates it; a page nobody
    reacted to has none (all counts 0)."""

    class Meta(BaseMeta):
        pass

    likes = NumberAttribute(null=True)
    thanks = NumberAttribute(null=True)
    celebrations = NumberAttribute(null=True)
    insightful = NumberAttribute(null=True)

    @staticmethod
    def partition(path: str) -> str:
        return f"{PAGE}{path}"

    @staticmethod
    def key(path: str) -> tuple[str, str]:
        return f"{PAGE}{path}", "REACTIONS"
