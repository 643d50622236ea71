"""The table's DynamoDB Stream, turned into plain `Change`s for every consumer.

Lambda hands the handler a batch of records in DynamoDB JSON (`plein dev` and the tests build
the same shape from the embedded endpoint's stream). Each record becomes a `Change` with plain
Python values and goes to every consumer in `consumers.CONSUMERS`, in order.

Records arrive at least once, so consumers must be idempotent (notification ids come from
their source). A consumer that fails fails the whole batch: the event source mapping retries
it, halving it on error (BisectBatchOnFunctionError) until the poisoned record is alone, and
after the last retry sends its description to the failure queue. Nothing is dropped quietly.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

log = logging.getLogger("plein.stream")

# Chalice wants the stream's ARN when the app is loaded, but the table (and so its stream) is
# made by the same CloudFormation stack: `plein package`'s merge template replaces this with
# the table's `StreamArn` (infra/deploy/resources.py), and nothing else ever reads it.
PACKAGED_STREAM_ARN = ("arn:aws:dynamodb:eu-west-1:000000000000:table/plein/stream/"
                       "replaced-by-plein-package")



@lru_cache(maxsize=1)
def _deserializer():
    """boto3's decoder, imported by the stream's Lambda when its first record arrives: the
    API's Lambda loads this module too and never needs all of boto3."""
    from boto3.dynamodb.types import TypeDeserializer

    return TypeDeserializer()

@dataclass(frozen=True)
class Change:
    event: str  # INSERT, MODIFY or REMOVE
    keys: dict
    new: dict | None
    old: dict | None

    @property
    def pk(self) -> str:
        return self.keys.get("pk", "")

    @property
    def sk(self) -> str:
        return self.keys.get("sk", "")

    @property
    def image(self) -> dict:
        """The item as it is now, or as it was before it went."""
        return self.new if self.new is not None else (self.old or {})


def _plain(value):
    """Numbers as int where they are whole (counters, epoch seconds), sets as sets."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, set):
        return {_plain(v) for v in value}
    return value


def _image(raw: dict | None) -> dict | None:
    if raw is None:
        return None
    return {k: _plain(_deserializer().deserialize(v)) for k, v in raw.items()}


def change(record: dict) -> Change:
    data = record.get("dynamodb", {})
    return Change(event=record["eventName"], keys=_image(data.get("Keys")) or {},
                  new=_image(data.get("NewImage")), old=_image(data.get("OldImage")))


def dispatch(records: Iterable[dict],
             consumers: Iterable[Callable[[Change], None]] | None = None) -> int:
    """Every record to every consumer; raises (after logging which record) when one fails."""
    if consumers is None:
        from .consumers import CONSUMERS as consumers
    consumers = tuple(consumers)
    count = 0
    for record in records:
        item = change(record)
        for consumer in consumers:
            try:
                consumer(item)
            except Exception:
                log.exception("stream consumer %s failed on %s %s/%s",
                              getattr(consumer, "__qualname__", consumer), item.event,
                              item.pk, item.sk)
                raise
        count += 1
    return count


def handle(event) -> int:
    """The Lambda handler's body: `event` is Chalice's DynamoDBEvent or the raw event dict."""
    raw = event.to_dict() if hasattr(event, "to_dict") else event
    return dispatch(raw.get("Records", []))
