"""Copies the theme's `root/` files to the top of the output: a service worker controls only
pages at or below its own path, so `sw.js` must be served from `/`, not from `/theme/`."""

import shutil
from pathlib import Path

from pelican import signals


def copy_root(pelican) -> None:
    source = Path(pelican.settings["THEME"]) / "root"
    if not source.is_dir():
        return
    for path in sorted(source.iterdir()):
        if path.is_file():
            shutil.copyfile(path, Path(pelican.settings["OUTPUT_PATH"]) / path.name)


def register():
    signals.finalized.connect(copy_root)
