"""Builds the static site with Pelican, in a subprocess so that a rebuild always reads fresh
settings and templates and a broken template cannot take the API down with it."""

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from .paths import CONTENT, ROOT, SITE, THEMES


def build(settings_file: Path | str = "pelicanconf.py", output: Path = SITE,
          content: Path = CONTENT, env: dict | None = None, strict: bool = False) -> bool:
    """`strict` fails the build on any warning, such as a page Pelican would skip for want
    of a title: what gets published must not silently lose a page."""
    cmd = [sys.executable, "-m", "pelican", str(content), "-o", str(output),
           "-s", str(ROOT / settings_file), "--delete-output-directory",
           *(["--fatal", "warnings"] if strict else ["-q"])]
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode == 0


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
