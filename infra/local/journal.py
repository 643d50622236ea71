"""An append-only journal of the writes the embedded endpoint accepted, so that a write
`plein dev` answered survives `kill -9` or a power cut, not only a clean exit.

moto keeps everything in memory and the snapshot is written every 30 s. In between, every
DynamoDB item write and S3 object write that moto accepted (a 2xx answer) is appended here as
the HTTP request itself and flushed to disk (fdatasync) before moto's answer leaves: the API
answers its caller only after that, so whatever a browser saw succeed is on disk.

At start-up the requests are replayed, in order, on top of the snapshot. Replaying a request is
not idempotent (an UpdateItem that ADDs counts twice), so each record has a sequence number and
the snapshot notes the last one it includes: a crash between writing a snapshot and emptying
the journal replays nothing twice. Writing a snapshot pauses writes (`paused`), so the
snapshot, the photos' mirror and the sequence number it notes agree.

Record: one JSON line (`seq`, the request's CGI variables, body `length` and `crc`), the raw
body, a newline. A crash while appending leaves a torn last record, which is dropped: its write
was never answered.
"""

import io
import json
import os
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from werkzeug.test import create_environ, run_wsgi_app
from werkzeug.wsgi import get_input_stream

from . import durable

DYNAMODB_WRITES = frozenset({"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
                             "TransactWriteItems"})
S3_WRITES = frozenset({"PUT", "POST", "DELETE"})
# What moto reads from a request besides its headers (HTTP_*) and body.
_CGI = ("REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE",
        "SERVER_NAME", "SERVER_PORT", "SERVER_PROTOCOL", "REQUEST_URI", "RAW_URI",
        "wsgi.url_scheme")
# Fast enough for every write: only the file's data must reach the disk, not its mtime.
_flush = getattr(os, "fdatasync", os.fsync)


def is_write(environ: dict) -> bool:
    """An item write to DynamoDB or an object write to S3 (moto's own /moto-api is neither)."""
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        service, _, operation = target.partition(".")
        return service.startswith("DynamoDB_") and operation in DYNAMODB_WRITES
    return (environ.get("REQUEST_METHOD") in S3_WRITES
            and not environ.get("PATH_INFO", "").startswith("/moto-api"))


@dataclass
class Record:
    seq: int
    environ: dict
    body: bytes


@dataclass
class Contents:
    records: list[Record]
    torn_bytes: int  # bytes after the last whole record: a write that was never answered


def read(path: Path) -> Contents:
    if not path.exists():
        return Contents([], 0)
    data = path.read_bytes()
    records, at = [], 0
    while at < len(data):
        end = data.find(b"\n", at)
        if end < 0:
            break
        try:
            head = json.loads(data[at:end])
            stop = end + 1 + head["length"]
            body = data[end + 1:stop]
            if data[stop:stop + 1] != b"\n" or zlib.crc32(body) != head["crc"]:
                break
            records.append(Record(head["seq"], head["environ"], body))
        except (ValueError, KeyError, TypeError):
            break
        at = stop + 1
    return Contents(records, len(data) - at)


def replay(app, records: list[Record], after: int) -> tuple[int, int]:
    """Sends the records later than the snapshot's `after` to `app` (moto, without the
    journal): (replayed, refused). A refusal means the snapshot and journal disagree."""
    replayed = refused = 0
    for record in records:
        if record.seq <= after:
            continue
        environ = create_environ()
        environ.update(record.environ)
        environ["wsgi.input"] = io.BytesIO(record.body)
        environ["CONTENT_LENGTH"] = str(len(record.body))
        _body, status, _headers = run_wsgi_app(app, environ, buffered=True)
        replayed += 1
        refused += not status.startswith("2")
    return replayed, refused


class Journal:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.seq = 0  # the last sequence number written (or replayed)
        self.pending = 0  # records since the journal was last emptied
        self._gate = threading.Lock()  # held by each write, and by a snapshot being written
        self._fd: int | None = None

    def start(self, seq: int) -> None:
        """Starts recording after `seq`; before this, writes (restore, seed) are not
        journaled: the snapshot written at the end of start-up holds them."""
        self.seq = seq
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        durable.sync_dir(self.path.parent)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Writes wait while the snapshot is taken; reads (the snapshot's own Scan) go on."""
        with self._gate:
            yield

    def empty(self) -> None:
        """After a snapshot holding everything up to `seq` is on disk (call while paused)."""
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            _flush(self._fd)
        elif self.path.exists():
            os.truncate(self.path, 0)
        self.pending = 0

    def _append(self, environ: dict, body: bytes) -> None:
        self.seq += 1
        kept = {k: v for k, v in environ.items()
                if isinstance(v, str) and (k in _CGI or k.startswith("HTTP_"))}
        head = json.dumps({"seq": self.seq, "environ": kept, "length": len(body),
                           "crc": zlib.crc32(body)}, separators=(",", ":")).encode()
        os.write(self._fd, b"".join((head, b"\n", body, b"\n")))
        _flush(self._fd)
        self.pending += 1

    def wrap(self, app):
        """WSGI middleware over the endpoint: an accepted write is on disk before its answer
        is sent (werkzeug sends nothing before the body is returned)."""

        def journaled(environ, start_response):
            if self._fd is None or not is_write(environ):
                return app(environ, start_response)
            body = get_input_stream(environ).read()
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            environ.pop("wsgi.input_terminated", None)
            status = []

            def seen(line, headers, exc_info=None):
                status.append(line)
                return start_response(line, headers, exc_info)

            with self._gate:  # one write at a time: the journal's order is moto's order
                answer = list(app(environ, seen))
                if status and status[-1].startswith("2"):
                    self._append(environ, body)
            return answer

        return journaled
