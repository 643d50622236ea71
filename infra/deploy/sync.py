"""Uploads the built site to its bucket: only what changed, with the right headers, stale
files removed, and the list of paths CloudFront must forget."""

import hashlib
import json
import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

# The standard library's own table, not the machine's /etc/mime.types, so that every machine
# uploads the same headers; plus the types the web platform wants spelled exactly.
_TYPES = mimetypes.MimeTypes()
_EXACT = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".woff2": "font/woff2",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
}
# A name carrying a content hash (app.3f2a9c1d.css, or pagefind's en_4c1f0a2.pf_fragment)
# never changes meaning, so browsers may keep it for a year.
_FINGERPRINT = re.compile(r"[._-][0-9a-f]{7,}\.[A-Za-z0-9_]+$")
IMMUTABLE = "public, max-age=31536000, immutable"
# Browsers ask every time (a cheap 304 from the edge); CloudFront keeps a copy for a day,
# since every deploy invalidates exactly the paths it changed.
REVALIDATE = "public, max-age=0, s-maxage=86400, must-revalidate"
# Past this many paths one wildcard is cheaper than listing them (CloudFront bills per path).
MAX_INVALIDATION_PATHS = 100
# Headers are not part of an object's ETag, so a change to the rules above would never reach
# files whose bytes stayed the same. The home page carries a fingerprint of the rules; when
# it differs, everything is uploaded again. The home page goes last, so an interrupted sync
# is completed by the next one.
RULES = hashlib.sha256(json.dumps([_EXACT, IMMUTABLE, REVALIDATE, _FINGERPRINT.pattern],
                                  sort_keys=True).encode()).hexdigest()[:16]
RULES_KEY, RULES_META = "index.html", "plein-rules"


def content_type(key: str) -> str:
    suffix = Path(key).suffix.lower()
    if suffix in _EXACT:
        return _EXACT[suffix]
    guessed, _encoding = _TYPES.guess_type(key, strict=True)
    return guessed or "application/octet-stream"


def cache_control(key: str) -> str:
    if key.endswith(".html"):
        return REVALIDATE
    return IMMUTABLE if _FINGERPRINT.search(key) else REVALIDATE


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()


@dataclass
class SyncPlan:
    upload: list[str] = field(default_factory=list)  # new and changed keys
    changed: list[str] = field(default_factory=list)  # keys that exist with other content
    delete: list[str] = field(default_factory=list)  # keys no longer built
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.upload or self.delete)

    def describe(self) -> str:
        lines = [f"Site: {len(self.upload)} to upload ({len(self.changed)} changed), "
                 f"{len(self.delete)} to delete, {self.unchanged} unchanged"]
        lines += [f"  + {k}" for k in self.upload]
        lines += [f"  - {k}" for k in self.delete]
        return "\n".join(lines)


def local_files(site_dir: Path) -> dict[str, Path]:
    return {p.relative_to(site_dir).as_posix(): p
            for p in sorted(site_dir.rglob("*")) if p.is_file()}


def remote_etags(s3, bucket: str) -> dict[str, str]:
    etags = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for obj in page.get("Contents", []):
            etags[obj["Key"]] = obj["ETag"].strip('"')
    return etags


def remote_rules(s3, bucket: str) -> str:
    try:
        return s3.head_object(Bucket=bucket, Key=RULES_KEY)["Metadata"].get(RULES_META, "")
    except s3.exceptions.ClientError:
        return ""


def plan(site_dir: Path, remote: dict[str, str], rules: str = RULES) -> SyncPlan:
    """Compares by MD5, which is what S3 reports as the ETag of a single-part upload (we
    never upload in parts, so the comparison holds). `rules` is the fingerprint the bucket
    was last synced with; another one means every file's headers must be written again."""
    result = SyncPlan()
    files = local_files(site_dir)
    for key, path in files.items():
        if key not in remote:
            result.upload.append(key)
        elif remote[key] != _md5(path) or rules != RULES:
            result.upload.append(key)
            result.changed.append(key)
        else:
            result.unchanged += 1
    result.delete = sorted(set(remote) - set(files))
    return result


def apply(s3, bucket: str, site_dir: Path, sync: SyncPlan,
          report: Callable[[str], None] = print) -> None:
    # Assets before pages, the home page (with the rules' fingerprint) last, and deletions
    # after that, so no page ever points at a missing file.
    order = sorted(sync.upload, key=lambda k: (k == RULES_KEY, k.endswith(".html"), k))
    for key in order:
        path = site_dir / key
        s3.put_object(Bucket=bucket, Key=key, Body=path.read_bytes(),
                      ContentType=content_type(key), CacheControl=cache_control(key),
                      Metadata={RULES_META: RULES} if key == RULES_KEY else {})
    for start in range(0, len(sync.delete), 1000):
        batch = sync.delete[start:start + 1000]
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch],
                                                 "Quiet": True})
    report(f"Site: uploaded {len(sync.upload)}, deleted {len(sync.delete)}, "
           f"{sync.unchanged} unchanged.")


def invalidation_paths(sync: SyncPlan) -> list[str]:
    """Changed and deleted paths; new ones were never cached. The root is cached apart from
    /index.html (DefaultRootObject), so it goes along with it."""
    paths = sorted({"/" + quote(k, safe="/~-_.") for k in sync.changed + sync.delete})
    if "/index.html" in paths:
        paths.insert(0, "/")
    if len(paths) > MAX_INVALIDATION_PATHS:
        return ["/*"]
    return paths


def invalidate(cloudfront, distribution_id: str, paths: list[str], reference: str) -> str:
    if not paths:
        return ""
    answer = cloudfront.create_invalidation(
        DistributionId=distribution_id,
        InvalidationBatch={"Paths": {"Quantity": len(paths), "Items": paths},
                           "CallerReference": reference})
    return answer["Invalidation"]["Id"]
