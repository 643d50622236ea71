"""Writes the list of the built site's pages (`plein-pages.json` in the output), which the API
reads to accept page comments and page hits only for real pages (see docs/hardening.md).

Walking the output after the build, rather than collecting Pelican's URLs, lists exactly the
files a browser can open, whichever generator wrote them.
"""

import json
import os
from pathlib import Path

from pelican import signals

from infra.paths import PAGES_MANIFEST
from infra.search_index import BUNDLE as SEARCH_BUNDLE

# Served for any unknown path, so its own path is never the one a browser shows.
NOT_PAGES = {"/404.html"}


def page_paths(output: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """Every page's path; `skip` names the other languages' folders: their pages are the same
    pages (comments and hits count per page, whatever the language it was read in). os.walk
    rather than Path.rglob, and the search bundle's thousands of files skipped: at 5,000
    articles rglob alone took a third of a one-change build."""
    paths = []
    for folder, dirs, files in os.walk(output):
        if folder == str(output):
            dirs[:] = [d for d in dirs if d != SEARCH_BUNDLE and d not in skip]
        relative = os.path.relpath(folder, output)
        base = "" if relative == "." else "/" + Path(relative).as_posix()
        paths += [f"{base}/{name}" for name in files if name.endswith(".html")]
    return sorted(p for p in paths if p not in NOT_PAGES)


def write_manifest(pelican) -> None:
    from plein_i18n import is_root

    settings = pelican.settings
    if not is_root(settings):
        return
    output = Path(pelican.output_path)
    pages = page_paths(output, tuple(x for x in settings.get("LANGUAGES", [])
                                     if x != settings.get("ROOT_LANG")))
    (output / PAGES_MANIFEST).write_text(json.dumps({"pages": pages}, indent=0) + "\n")


def register():
    signals.finalized.connect(write_manifest)
