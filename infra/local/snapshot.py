"""Local persistence: the embedded endpoint lives in memory, so its items are written to a
JSON snapshot and read back at start-up.

A snapshot is written to a temporary file, flushed to disk and renamed over the old one, so a
crash or power cut mid-write leaves the previous snapshot intact. Writes made since the last
snapshot are in the journal (`journal.py`), replayed on top of it at start-up. An unreadable
snapshot stops start-up: wiping a developer's data silently would be worse than refusing to
start.
"""

import json
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

from . import durable

FORMAT = 1


class SnapshotError(Exception):
    pass


def dump(dynamodb, table: str, journal_seq: int = 0) -> dict:
    items = []
    for page in dynamodb.get_paginator("scan").paginate(TableName=table):
        items.extend(page["Items"])
    return {"format": FORMAT, "table": table, "journal_seq": journal_seq, "items": items}


def save(dynamodb, table: str, path: Path, journal_seq: int = 0) -> int:
    """`journal_seq`: the last journal record the table holds (see `journal`)."""
    data = dump(dynamodb, table, journal_seq)
    path.parent.mkdir(parents=True, exist_ok=True)
    durable.replace(path, json.dumps(data, separators=(",", ":")).encode())
    return len(data["items"])


def journal_seq(data: dict | None) -> int:
    """Snapshots from before the journal hold no sequence number: every record is newer."""
    seq = (data or {}).get("journal_seq", 0)
    return seq if isinstance(seq, int) else 0


def read(path: Path) -> dict | None:
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise SnapshotError(f"Cannot read the local data snapshot {path}: {err}") from err
    if not isinstance(data, dict) or data.get("format") != FORMAT \
            or not isinstance(data.get("items"), list):
        raise SnapshotError(f"{path} is not a Plein data snapshot (format {FORMAT}).")
    return data


def restore(dynamodb, table: str, data: dict) -> int:
    items = data["items"]
    try:
        for start in range(0, len(items), 25):
            requests = [{"PutRequest": {"Item": item}} for item in items[start:start + 25]]
            pending = {table: requests}
            while pending:
                pending = dynamodb.batch_write_item(RequestItems=pending).get("UnprocessedItems")
    except (BotoCoreError, ClientError) as err:
        raise SnapshotError(f"The local data snapshot holds items DynamoDB refuses: {err}") from err
    return len(items)
