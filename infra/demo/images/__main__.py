"""Command line entry point: ``python -m infra.demo.images [output_dir]``."""

import sys
from pathlib import Path

from PIL import Image

from ...paths import CONTENT
from .scenes import SCENES

# A budget per photo keeps the demo site's pages light.
MAX_BYTES = 250 * 1024


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    out_dir = Path(argv[0]) if argv else CONTENT / "images"
    out_dir.mkdir(parents=True, exist_ok=True)
    too_big = []
    for name, draw in SCENES.items():
        path = draw(out_dir / name)
        size = path.stat().st_size
        with Image.open(path) as im:
            print(f"{name:14s} {im.width}x{im.height} {size / 1024:6.1f} KB")
        if size > MAX_BYTES:
            too_big.append(name)
    if too_big:
        print("warning: larger than 250 KB:", ", ".join(too_big), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
