"""The table's physical shape, shared by local start-up and the CloudFormation template.

One table, generic key names, two global secondary indexes. Each access pattern is written
down in ARCHITECTURE.md next to the key it uses.
"""

from functools import lru_cache

from pynamodb.attributes import UnicodeAttribute
from pynamodb.connection import Connection
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from ..settings import Settings, settings

KEY_ATTRIBUTES = ("pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk")

TABLE_SCHEMA = {
    "AttributeDefinitions": [{"AttributeName": a, "AttributeType": "S"} for a in KEY_ATTRIBUTES],
    "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
    "GlobalSecondaryIndexes": [
        {
            "IndexName": name,
            "KeySchema": [
                {"AttributeName": f"{name}pk", "KeyType": "HASH"},
                {"AttributeName": f"{name}sk", "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "ALL"},
        }
        for name in ("gsi1", "gsi2")
    ],
    "BillingMode": "PAY_PER_REQUEST",
    # Work after the request (notifications, search indexing) runs from the stream; the
    # consumers need the old image to see what changed (an answer marked, a state moved).
    "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
}

# Items whose per-person markers must expire carry this attribute (see the usage issue).
TTL_ATTRIBUTE = "expires"


class BaseMeta:
    """Every model's table and endpoint: the process's settings until `bind` says otherwise."""

    table_name = settings.table
    region = settings.region
    host = settings.dynamodb_endpoint


class Gsi1(GlobalSecondaryIndex):
    """The table's gsi1 (TABLE_SCHEMA): each model's index names what its partitions hold."""

    class Meta:
        index_name = "gsi1"
        projection = AllProjection()

    gsi1pk = UnicodeAttribute(hash_key=True)
    gsi1sk = UnicodeAttribute(range_key=True)


class Gsi2(GlobalSecondaryIndex):
    """The table's gsi2 (TABLE_SCHEMA)."""

    class Meta:
        index_name = "gsi2"
        projection = AllProjection()

    gsi2pk = UnicodeAttribute(hash_key=True)
    gsi2sk = UnicodeAttribute(range_key=True)


class Item(Model):
    """Common key attributes; concrete models add their own fields."""

    class Meta(BaseMeta):
        pass

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)

    @classmethod
    def _get_connection(cls):
        """PynamoDB gives each model class its own botocore client, and building one parses
        the service model again, once per model class a cold Lambda touches (a fresh
        process's first home stream: 290 ms, against 90 ms shared). All models share the
        transactions' client instead; each keeps its own table metadata."""
        table = super()._get_connection()
        if table.connection._client is None:
            table.connection._client = shared_connection().client
        return table


@lru_cache(maxsize=1)
def shared_connection() -> Connection:
    """The process's one connection for transactions: a new Connection per transaction would
    build a new botocore client, parsing the DynamoDB service model again each time."""
    return Connection(region=BaseMeta.region, host=BaseMeta.host)


def bind(bound: Settings) -> None:
    """Points every model (and the shared connection) at `bound`'s table and endpoint, so a
    test or a tool can use settings it built itself instead of the environment's."""
    BaseMeta.table_name, BaseMeta.region = bound.table, bound.region
    BaseMeta.host = bound.dynamodb_endpoint
    shared_connection.cache_clear()
    pending = [Item]
    while pending:  # each model class caches a connection to the table it was bound to
        model = pending.pop()
        model._connection = None
        pending += model.__subclasses__()
