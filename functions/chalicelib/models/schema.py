"""The table's physical shape, shared by local start-up and the CloudFormation template.

One table, generic key names, two global secondary indexes. Each access pattern is written
down in ARCHITECTURE.md next to the key it uses.
"""

from pynamodb.attributes import UnicodeAttribute
from pynamodb.models import Model

from ..settings import settings

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
}

# Items whose per-person markers must expire carry this attribute (see the usage issue).
TTL_ATTRIBUTE = "expires"


class BaseMeta:
    table_name = settings.table
    region = settings.region
    host = settings.dynamodb_endpoint


class Item(Model):
    """Common key attributes; concrete models add their own fields."""

    class Meta(BaseMeta):
        pass

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
