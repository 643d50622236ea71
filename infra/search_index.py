"""Pagefind's index of the news and pages, kept in shards so that a rebuild re-indexes only
the shards whose pages changed.

Pagefind has no incremental mode: one bundle for the whole site means re-reading every page
after every edit (7 s of CPU at 5,000 articles). Here each page belongs to one shard, chosen
by a stable hash of its path, and each shard is an ordinary Pagefind bundle in
`<output>/pagefind/<n>/`. The browser loads the first and merges the others into it
(`mergeIndex`, Pagefind's own multi-index search), listed in `<output>/pagefind/shards.js`.

What was indexed is remembered in the build cache (`search-shards.json` beside Pelican's
caches): each page's size and modification time, and whether it is indexable at all (templates
mark indexable pages `data-pagefind-body`). A page whose file is unchanged is not read again;
a page written, added or removed makes its shard dirty. The incremental writer only rewrites
pages whose content changed, so one edited article dirties one shard.
"""

import json
import math
import os
import shutil
import subprocess
import tempfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BUNDLE = "pagefind"
MANIFEST = "shards.js"  # a module, so the page imports it like the bundle itself
STATE = "search-shards.json"
MARK = b"data-pagefind-body"
# Pages a shard aims at. Indexing a shard costs about 0.2 s to start plus 1.2 ms a page on
# this machine, and every shard is one more index for the browser to fetch on a first search,
# so shards are neither tiny nor huge: 5,000 articles make 13 of them.
SHARD_PAGES = 400
STATE_VERSION = 1


def _pages(output: Path) -> dict[str, tuple[int, int]]:
    """Every HTML file of the site but Pagefind's own, with its size and modification time."""
    found = {}
    for folder, dirs, files in os.walk(output):
        if Path(folder) == output:
            dirs[:] = [d for d in dirs if d != BUNDLE]
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                st = os.stat(path)
                found[os.path.relpath(path, output)] = (st.st_size, st.st_mtime_ns)
    return found


def shard_count(pages: int, previous: int | None, aim: int = SHARD_PAGES) -> int:
    """Keeps the previous count while shards stay within half to twice their aim, so a site
    that grows by one article does not re-shard everything."""
    if previous and aim / 2 <= pages / previous <= aim * 2:
        return previous
    return max(1, math.ceil(pages / aim))


def shard_of(path: str, count: int) -> int:
    return zlib.crc32(path.encode()) % count


def _load(state_file: Path) -> dict:
    try:
        state = json.loads(state_file.read_text())
    except (OSError, ValueError):
        return {}
    return state if state.get("version") == STATE_VERSION else {}


def _indexable(output: Path, path: str) -> bool:
    with open(output / path, "rb") as fh:
        return MARK in fh.read()


def _executable() -> str:
    import pagefind_bin

    return str(pagefind_bin.get_executable())


def _index_shard(output: Path, paths: list[str], number: int, quiet: bool) -> bool:
    """One shard: its pages linked into a scratch folder (so their URLs stay the same), indexed
    by the Pagefind binary, and the new bundle swapped in for the old."""
    bundle = output / BUNDLE
    target, fresh = bundle / str(number), bundle / f"{number}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    if not paths:  # Pagefind writes nothing useful for no pages; the manifest leaves it out
        shutil.rmtree(target, ignore_errors=True)
        return True
    with tempfile.TemporaryDirectory(dir=bundle) as scratch:
        for path in paths:
            link = Path(scratch) / path
            link.parent.mkdir(parents=True, exist_ok=True)
            os.link(output / path, link)
        cmd = [_executable(), "--site", scratch, "--output-path", str(fresh),
               *(["--quiet"] if quiet else [])]
        if subprocess.run(cmd).returncode != 0:
            return False
    shutil.rmtree(target, ignore_errors=True)
    fresh.rename(target)
    return True


def index(output: Path, cache: Path, quiet: bool = True, shard_pages: int = SHARD_PAGES) -> bool:
    """Brings `<output>/pagefind/` up to date with the pages in `output`; True when it is."""
    output, bundle = Path(output), Path(output) / BUNDLE
    state_file = Path(cache) / STATE
    state = _load(state_file)
    known = state.get("pages", {})
    found = _pages(output)

    pages: dict[str, list] = {}  # path -> [size, mtime, indexable]
    changed = set()
    for path, (size, mtime) in found.items():
        old = known.get(path)
        if old and old[0] == size and old[1] == mtime:
            pages[path] = old
        else:
            pages[path] = [size, mtime, _indexable(output, path)]
            if pages[path][2] or (old and old[2]):
                changed.add(path)
    changed |= {p for p, old in known.items() if p not in found and old[2]}

    indexed = sorted(p for p, (_s, _m, yes) in pages.items() if yes)
    count = shard_count(len(indexed), state.get("shards"), shard_pages)
    if count != state.get("shards"):
        shutil.rmtree(bundle, ignore_errors=True)  # another layout: every shard anew
        dirty = set(range(count))
    else:
        dirty = {shard_of(p, count) for p in changed}
        dirty |= {n for n in range(count) if not (bundle / str(n)).is_dir()}
    bundle.mkdir(parents=True, exist_ok=True)

    members: dict[int, list[str]] = {n: [] for n in range(count)}
    for path in indexed:
        members[shard_of(path, count)].append(path)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = list(pool.map(lambda n: _index_shard(output, members[n], n, quiet),
                                sorted(dirty)))
    if not all(results):
        state_file.unlink(missing_ok=True)  # the next build starts over
        return False

    for stale in bundle.iterdir():  # a legacy single bundle's files, or shards past `count`
        if not (stale.name == MANIFEST or stale.name.isdigit() and int(stale.name) < count):
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    shards = [f"{n}/" for n in range(count) if members[n]]
    (bundle / MANIFEST).write_text(f"export default {json.dumps(shards)};\n")
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_text(json.dumps({"version": STATE_VERSION, "shards": count,
                                      "pages": pages}))
    return True
