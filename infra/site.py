"""Builds the static site with Pelican, in a subprocess so that a rebuild always reads fresh
settings and templates and a broken template cannot take the API down with it.

The site is built once per language (`LANGUAGES`): the default language (`DEFAULT_LANG`) at
the root, every other one under its own prefix (`/en/`), in parallel processes so that a
build takes about as long as one language's; the search index is made once, over both
(docs/languages.md)."""

import json
import runpy
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from . import search_index
from .paths import CONTENT, ROOT, SITE, THEMES


def cache_path(output: Path, lang: str | None = None) -> Path:
    """Pelican's caches beside the output they belong to (`site/` → `.site.cache/`, its English
    pages → `.site.cache/en`), so two outputs never mistake each other's pages for their own."""
    output = Path(output).resolve()
    cache = output.parent / f".{output.name}.cache"
    return cache / lang if lang else cache


def read_languages(settings_file: Path | str = "pelicanconf.py") -> tuple[str, list[str]]:
    """The language at the root (`DEFAULT_LANG`) and every language built (`LANGUAGES`). The
    settings file is run as Pelican runs it, from the project root (publishconf.py imports
    pelicanconf.py from there); the rest of each language's settings is the plein_i18n
    plugin's work, inside its own Pelican."""
    sys.path.insert(0, str(ROOT))
    try:
        found = runpy.run_path(str(ROOT / settings_file))
    finally:
        sys.path.remove(str(ROOT))
        sys.modules.pop("pelicanconf", None)  # publishconf's import: fresh on the next build
    default = found.get("DEFAULT_LANG", "nl")
    languages = list(found.get("LANGUAGES") or [default])
    return default, [default, *(x for x in languages if x != default)]


def language_overrides(default: str, languages: list[str], lang: str) -> dict:
    """What tells one Pelican which language it builds (`-e` extra settings); plein_i18n
    derives the rest: `SITEURL` under the prefix, `SHARED_URL`, the language's own texts."""
    return {"DEFAULT_LANG": lang, "ROOT_LANG": default, "LANGUAGES": languages}


def build(settings_file: Path | str = "pelicanconf.py", output: Path = SITE,
          content: Path = CONTENT, env: dict | None = None, strict: bool = False,
          search: bool = True, shard_pages: int = search_index.SHARD_PAGES) -> bool:
    """`strict` fails the build on any warning, such as a page Pelican would skip for want
    of a title: what gets published must not silently lose a page. The output folder and the
    caches are kept, so a rebuild renders only what changed (plugins/plein_incremental); the
    production settings build from scratch. Each language's Pelican runs at the same time as
    the others; the build succeeds when all of them do."""
    output = Path(output)
    default, languages = read_languages(settings_file)
    runs = []
    for lang in languages:
        target = output if lang == default else output / lang
        extra = [f"{k}={json.dumps(v)}"
                 for k, v in language_overrides(default, languages, lang).items()]
        cmd = [sys.executable, "-m", "pelican", str(content), "-o", str(target),
               "-s", str(ROOT / settings_file), "--cache-path",
               str(cache_path(output, None if lang == default else lang)),
               *(["--fatal", "warnings"] if strict else ["-q"]), "-e", *extra]
        runs.append(subprocess.Popen(cmd, cwd=ROOT, env=env))
    if not all([run.wait() == 0 for run in runs]):  # a list: wait for every one
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
