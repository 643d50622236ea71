"""What `plein dev`'s journal costs: each write moto accepts is appended and flushed to disk
(fdatasync) before it is answered, and replayed at start-up when the process did not stop
cleanly. Measured over HTTP against the embedded endpoint, with and without the journal, on
the data dir's file system (a temporary folder next to the repository's `.plein/`)."""

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from infra.local import journal
from infra.local.dynamo import EmbeddedAws
from infra.paths import ROOT

SCHEMA = {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
          "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
          "BillingMode": "PAY_PER_REQUEST"}


def _writes(dynamodb, table: str) -> dict:
    """One callable per kind of write the API makes."""
    counter = iter(range(10**9))
    body = "Een bericht van gemiddelde lengte. " * 8  # about a post's size

    def put():
        dynamodb.put_item(TableName=table, Item={"pk": {"S": f"P#{next(counter)}"},
                                                 "body": {"S": body}})

    def add():
        dynamodb.update_item(TableName=table, Key={"pk": {"S": "COUNT"}},
                             UpdateExpression="ADD likes :one",
                             ExpressionAttributeValues={":one": {"N": "1"}})

    def transact():
        n = next(counter)
        dynamodb.transact_write_items(TransactItems=[
            {"Put": {"TableName": table, "Item": {"pk": {"S": f"T#{n}#{i}"}, "body": {"S": body}},
                     "ConditionExpression": "attribute_not_exists(pk)"}} for i in range(3)])

    return {"PutItem": put, "UpdateItem (ADD)": add, "TransactWriteItems (3 puts)": transact}


def _time_ms(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _paired_medians(first, second, repeat: int) -> tuple[float, float]:
    """Alternates the two, so that load from other processes on the machine falls on both."""
    for _ in range(5):
        first(), second()
    a, b = [], []
    for _ in range(repeat):
        a.append(_time_ms(first))
        b.append(_time_ms(second))
    return statistics.median(a), statistics.median(b)


def _flush_ms(folder: Path, repeat: int) -> float:
    """The disk's part alone: appending 1 KB and fdatasync."""
    fd = os.open(folder / "flush.bench", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        return statistics.median(
            _time_ms(lambda: (os.write(fd, b"x" * 1024), os.fdatasync(fd)))
            for _ in range(repeat))
    finally:
        os.close(fd)


def run(repeat: int = 200) -> dict:
    # moto's backends are shared by every endpoint in a process: each side has its own table.
    with tempfile.TemporaryDirectory(dir=ROOT, prefix=".bench-journal-") as tmp:
        folder = Path(tmp)
        log = journal.Journal(folder / "journal.log")
        plain, journaled = EmbeddedAws().start(), EmbeddedAws(journal=log).start()
        log.start(0)
        try:
            writes = {}
            for name, aws in (("plain", plain), ("journaled", journaled)):
                dynamodb = aws.client("dynamodb")
                dynamodb.create_table(TableName=f"bench-{name}", **SCHEMA)
                writes[name] = _writes(dynamodb, f"bench-{name}")
            results = {"plain": {}, "journaled": {}}
            for kind in writes["plain"]:
                results["plain"][kind], results["journaled"][kind] = _paired_medians(
                    writes["plain"][kind], writes["journaled"][kind], repeat)
            records = journal.read(log.path).records
            plain.client("dynamodb").delete_table(TableName="bench-journaled")
            plain.client("dynamodb").create_table(TableName="bench-journaled", **SCHEMA)
            start = time.perf_counter()
            replayed, refused = journal.replay(plain.app, records, after=0)
            replay_s = time.perf_counter() - start
            return {**results, "flush_ms": _flush_ms(folder, repeat),
                    "journal_bytes": log.path.stat().st_size, "records": len(records),
                    "replayed": replayed, "refused": refused,
                    "replay_per_s": replayed / replay_s}
        finally:
            log.close()
            plain.stop()
            journaled.stop()


def section(r: dict) -> list[str]:
    lines = ["## Local durability (`plein dev`'s journal)", "",
             "Every write the embedded endpoint accepts is appended to `.plein/journal.log` and "
             "flushed (fdatasync) before it is answered (docs/local-stack.md). Median over "
             "HTTP to moto, per call:", "",
             "| write | without journal | with journal | cost |", "| --- | --- | --- | --- |"]
    for kind, plain in r["plain"].items():
        journaled = r["journaled"][kind]
        lines.append(f"| {kind} | {plain:.2f} ms | {journaled:.2f} ms | "
                     f"{journaled - plain:+.2f} ms |")
    lines += ["", "Samples with and without the journal alternate, so load from other processes "
              "falls on both. For comparison, appending 1 KB and fdatasync alone took "
              f"{r['flush_ms']:.2f} ms (median) in the same run; what a flush costs depends on "
              "the disk and on what else writes to it, so expect the per-write cost to move "
              "with it. "
              f"The {r['records']:,} records written ({r['journal_bytes'] / 1024:.0f} KB) "
              f"replay at {r['replay_per_s']:,.0f} writes/s at start-up "
              f"({r['refused']} refused). The journal is folded into the snapshot every 30 s "
              "while writes come in, so a restart replays at most 30 s of them.", ""]
    return lines


if __name__ == "__main__":
    import sys

    result = run(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
    print(json.dumps(result, indent=1))
    print("\n".join(section(result)))
