"""Writing files so that they survive a crash or a power cut, not only a clean exit.

A rename is atomic but not durable by itself: until the file's data and the directory entry
reach the disk, a power cut can leave an empty file under the new name. The journal is only
truncated after a snapshot was written this way, so the snapshot must really be on disk.
"""

import os
from pathlib import Path


def sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace(path: Path, data: bytes) -> None:
    """Writes `data` to a temporary file, flushes it, renames it over `path`, flushes the
    directory: afterwards `path` holds the old bytes or the new ones, never a mix or nothing."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    sync_dir(path.parent)
