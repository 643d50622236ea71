"""Local persistence for the uploads bucket: moto keeps objects in memory, so they are mirrored
to `<data dir>/uploads/` (one file per key, plus `uploads.json` with each object's headers)
and put back at start-up. Files are flushed to disk before the journal that recorded their
upload is emptied. Objects are immutable once written, so a save only copies new keys and
removes deleted ones."""

import json
from pathlib import Path

from . import durable


def _meta_path(folder: Path) -> Path:
    return folder.parent / "uploads.json"


def save(s3, bucket: str, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    meta_path = _meta_path(folder)
    known = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    present = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            key = item["Key"]
            if ".." in key or key.startswith("/"):
                continue
            if key in known and (folder / key).exists():
                present[key] = known[key]
                continue
            obj = s3.get_object(Bucket=bucket, Key=key)
            target = folder / key
            target.parent.mkdir(parents=True, exist_ok=True)
            durable.replace(target, obj["Body"].read())
            present[key] = {"ContentType": obj.get("ContentType", "application/octet-stream"),
                            "CacheControl": obj.get("CacheControl", ""),
                            "Metadata": obj.get("Metadata", {})}
    for gone in set(known) - set(present):
        (folder / gone).unlink(missing_ok=True)
    durable.replace(meta_path, json.dumps(present, separators=(",", ":")).encode())
    return len(present)


def restore(s3, bucket: str, folder: Path) -> int:
    meta_path = _meta_path(folder)
    if not meta_path.exists():
        return 0
    known = json.loads(meta_path.read_text())
    restored = 0
    for key, headers in known.items():
        path = folder / key
        if not path.exists():
            continue
        extra = {k: v for k, v in headers.items() if v}
        s3.put_object(Bucket=bucket, Key=key, Body=path.read_bytes(), **extra)
        restored += 1
    return restored


def ensure_bucket(s3, bucket: str, region: str = "eu-west-1") -> None:
    names = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
    if bucket not in names:
        s3.create_bucket(Bucket=bucket,
                         CreateBucketConfiguration={"LocationConstraint": region})
