"""Local persistence: the embedded endpoint lives in memory, so its items are written to a
JSON snapshot and read back at start-up.

A snapshot is written to a temporary file and renamed over the old one, so a crash mid-write
leaves the previous snapshot intact. An unreadable snapshot stops start-up: wiping a
developer's data silently would be worse than refusing to start.
"""

import json
import os
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

FORMAT = 1


class SnapshotError(Exception):
    pass


def dump(dynamodb, table: str) -> dict:
    items = []
    for page in dynamodb.get_paginator("scan").paginate(TableName=table):
        items.extend(page["Items"])
    return {"format": FORMAT, "table": table, "items": items}


def save(dynamodb, table: str, path: Path) -> int:
    data = dump(dynamodb, table)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)
    return len(data["items"])


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
