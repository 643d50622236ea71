import random
import time

from pynamodb.attributes import ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.transactions import TransactWrite

from .schema import BaseMeta, Item

HOME_FEED = "FEED"


def group_feed(group_id: str) -> str:
    """The gsi1 partition of a group's posts: one Query answers a group stream."""
    return f"GROUP#{group_id}"


class FeedIndex(GlobalSecondaryIndex):
    """gsi1: a feed partition (FEED, or GROUP#<id>), newest first by sortable post id."""

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
    body = UnicodeAttribute()
    kind = UnicodeAttribute(default="update")
    group_id = UnicodeAttribute(null=True)
    photos = ListAttribute(of=Photo, default=list)
    mentions = MapAttribute(default=dict)  # handle -> person id, resolved when written
    answer = UnicodeAttribute(null=True)  # comment id, for questions
    likes = NumberAttribute(default=0)
    comments = NumberAttribute(default=0)
    created = UnicodeAttribute()
    edited = UnicodeAttribute(null=True)

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


class Reaction(Item):
    """pk=POST#<post id>, sk=REACT#<kind>#<person id>: one per person, kind and post."""

    class Meta(BaseMeta):
        pass

    created = UnicodeAttribute()

    @staticmethod
    def key(post_id: str, kind: str, person_id: str) -> tuple[str, str]:
        return f"POST#{post_id}", f"REACT#{kind}#{person_id}"


CONFLICT_ATTEMPTS = 5


def only_lost_a_race(err: Exception) -> bool:
    """DynamoDB cancels a transaction that touched an item another one was writing at the same
    moment; each reason is then a TransactionConflict or nothing, and sending it again is safe
    (its conditions are checked again)."""
    codes = {r.code for r in getattr(err, "cancellation_reasons", None) or [] if r}
    return codes == {"TransactionConflict"}


class RetryingTransactWrite(TransactWrite):
    """Sends a commit that only lost a race again, a few times with jittered backoff: the
    day's usage counters are in many transactions, so such races are expected."""

    def __init__(self, sleep=time.sleep, **kwargs):
        super().__init__(**kwargs)
        self._sleep = sleep

    def _commit(self):
        for attempt in range(CONFLICT_ATTEMPTS):
            try:
                return super()._commit()
            except TransactWriteError as err:
                if attempt == CONFLICT_ATTEMPTS - 1 or not only_lost_a_race(err):
                    raise
                self._sleep(random.uniform(0, 0.02 * 2 ** attempt))


def transaction(connection: Connection | None = None, sleep=time.sleep) -> TransactWrite:
    """A TransactWrite on the table's own endpoint: multi-item changes land together or not."""
    return RetryingTransactWrite(
        connection=connection or Connection(region=BaseMeta.region, host=BaseMeta.host),
        sleep=sleep)
