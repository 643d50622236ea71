"""The embedded endpoint's DynamoDB Stream, read the way Lambda's event source mapping reads
it, and handed to the very handler AWS calls (`app.table_changes`), in Lambda's event shape.

`plein dev` polls it in a thread; tests call `drain()` right after an API call, so what the
stream does is part of the test without any waiting. What differs from AWS is written down
in docs/notifications.md.
"""

import logging
import sys
import threading
from collections.abc import Callable

log = logging.getLogger("plein.streams")
BATCH_SIZE = 100  # as the deployed event source mapping
MAX_ATTEMPTS = 3  # a batch that keeps failing is reported and skipped, like a retry limit


def lambda_record(record: dict, stream_arn: str) -> dict:
    """boto3's record as Lambda delivers it: creation time in epoch seconds, the source ARN."""
    data = dict(record["dynamodb"])
    created = data.get("ApproximateCreationDateTime")
    if hasattr(created, "timestamp"):
        data["ApproximateCreationDateTime"] = int(created.timestamp())
    return {**record, "dynamodb": data, "eventSourceARN": stream_arn}


class TableStream:
    """One table's stream from `position` (LATEST: what is written from now on)."""

    def __init__(self, dynamodb, streams, table: str, handler: Callable,
                 batch_size: int = BATCH_SIZE):
        self.dynamodb, self.streams, self.table = dynamodb, streams, table
        self.handler, self.batch_size = handler, batch_size
        self._iterator: str | None = None
        self._arn: str | None = None
        self._failures = 0
        self._lock = threading.Lock()

    def start(self, position: str = "LATEST") -> "TableStream":
        self._arn = self.dynamodb.describe_table(TableName=self.table)["Table"]["LatestStreamArn"]
        shard = self.streams.describe_stream(StreamArn=self._arn)["StreamDescription"][
            "Shards"][0]["ShardId"]
        self._iterator = self.streams.get_shard_iterator(
            StreamArn=self._arn, ShardId=shard, ShardIteratorType=position)["ShardIterator"]
        return self

    def drain(self) -> int:
        """Hands every record written so far to the handler, a batch at a time; returns how
        many. A failing handler raises, and the same batch is read again next time."""
        handled = 0
        with self._lock:
            while True:
                reply = self.streams.get_records(ShardIterator=self._iterator,
                                                 Limit=self.batch_size)
                records = reply["Records"]
                if not records:
                    return handled
                event = {"Records": [lambda_record(r, self._arn) for r in records]}
                self.handler(event, None)
                self._iterator = reply["NextShardIterator"]
                handled += len(records)

    def poll(self, stopping: Callable[[], bool] = lambda: False) -> int:
        """For the dev server's thread: a batch that failed MAX_ATTEMPTS times is reported on
        stderr (the deployed stack's failure queue) and skipped."""
        try:
            handled = self.drain()
        except Exception as err:  # noqa: BLE001 - reported, then retried like Lambda does
            if stopping():  # the endpoint went away under a last poll: nothing to report
                return 0
            self._failures += 1
            log.exception("stream handler failed (attempt %d)", self._failures)
            if self._failures >= MAX_ATTEMPTS:
                print(f"plein dev: skipped a stream batch after {MAX_ATTEMPTS} failures: "
                      f"{err!r}", file=sys.stderr)
                self._skip()
            return 0
        self._failures = 0
        return handled

    def _skip(self) -> None:
        with self._lock:
            reply = self.streams.get_records(ShardIterator=self._iterator, Limit=self.batch_size)
            self._iterator = reply["NextShardIterator"]
            self._failures = 0


def poll_forever(stream: TableStream, stop: threading.Event, seconds: float = 0.5) -> None:
    while not stop.wait(seconds):
        stream.poll(stopping=stop.is_set)
