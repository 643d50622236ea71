"""Builds the static site with Pelican, in a subprocess so that a rebuild always reads fresh
settings and templates and a broken template cannot take the API down with it."""

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from . import search_index
from .paths import CONTENT, ROOT, SITE, THEMES


def cache_path(output: Path) -> Path:
    """Pelican's caches beside the output they belong to (`site/` → `.site.cache/`), so two
    outputs never mistake each other's pages for their own."""
    output = Path(output).resolve()
    return output.parent / f".{output.name}.cache"


def build(settings_file: Path | str = "pelicanconf.py", output: Path = SITE,
          content: Path = CONTENT, env: dict | None = None, strict: bool = False,
          search: bool = True, shard_pages: int = search_index.SHARD_PAGES) -> bool:
    """`strict` fails the build on any warning, such as a page Pelican would skip for want
    of a title: what gets published must not silently lose a page. The output folder and the
    caches are kept, so a rebuild renders only what changed (plugins/plein_incremental); the
    production settings build from scratch."""
    cmd = [sys.executable, "-m", "pelican", str(content), "-o", str(output),
           "-s", str(ROOT / settings_file), "--cache-path", str(cache_path(output)),
           *(["--fatal", "warnings"] if strict else ["-q"])]
    if subprocess.run(cmd, cwd=ROOT, env=env).returncode != 0:
        return False
    if not search:
        return True
    return index_for_search(Path(output), quiet=not strict, shard_pages=shard_pages)


def index_for_search(output: Path, quiet: bool = True,
                     shard_pages: int = search_index.SHARD_PAGES) -> bool:
    """Pagefind's index of the news and pages (what templates mark `data-pagefind-body`),
    one per language from each page's `<html lang>`, into `<output>/pagefind/`: served like
    every other file of the site, so behind the same private-site cookies. Kept in shards so
    that a rebuild re-indexes only the pages that changed (`infra/search_index.py`)."""
    return search_index.index(Path(output), cache_path(output), quiet=quiet,
                              shard_pages=shard_pages)


WATCHED = (CONTENT, THEMES, ROOT / "pelicanconf.py", ROOT / "plugins")


def watch(on_change: Callable[[], None], stop: threading.Event,
          paths: tuple[Path, ...] = WATCHED) -> threading.Thread:
    """Calls `on_change` after anything under `paths` changes (a burst counts once)."""
    from watchfiles import watch as watch_paths

    def loop():
        for _changes in watch_paths(*[p for p in paths if p.exists()], stop_event=stop,
                                    debounce=300):
            on_change()

    thread = threading.Thread(target=loop, name="site-watch", daemon=True)
    thread.start()
    return thread
