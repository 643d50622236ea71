"""The `plein` command."""

import argparse
import sys
from pathlib import Path

from .paths import DEFAULT_DATA_DIR, SITE


def _dev(args) -> int:
    from .local.dev import run

    return run(port=args.port, data_dir=Path(args.data_dir), site_dir=Path(args.site_dir),
               watch=not args.no_watch, build=not args.no_build,
               snapshot_seconds=args.snapshot_every)


def _build(args) -> int:
    from . import site

    return 0 if site.build(args.settings) else 1


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="plein", description="Plein, a static-first intranet.")
    sub = top.add_subparsers(dest="command", required=True)

    dev = sub.add_parser("dev", help="run the intranet locally on one port")
    dev.add_argument("--port", type=int, default=8000)
    dev.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR),
                     help="where local data is kept between runs (default: .plein/)")
    dev.add_argument("--site-dir", default=str(SITE), help="where the site is built (site/)")
    dev.add_argument("--no-watch", action="store_true", help="do not rebuild on changes")
    dev.add_argument("--no-build", action="store_true", help="serve the site as already built")
    dev.add_argument("--snapshot-every", type=float, default=30, metavar="SECONDS",
                     help="how often local data is saved while running (default 30)")
    dev.set_defaults(func=_dev)

    build = sub.add_parser("build", help="build the static site into site/")
    build.add_argument("--settings", default="pelicanconf.py")
    build.set_defaults(func=_build)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
