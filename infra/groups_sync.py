"""Official groups: editors define them in `content/groups/*.md`; `sync` makes them exist.

A definition is Markdown with Pelican-style metadata (read by Python-Markdown's `meta`
extension, the same header syntax editors use for news):

    Title: Personeelsvereniging
    Visibility: open
    Managers: fatima.el.amrani@voorbeeld.nl, esther.smit@voorbeeld.nl
    Cover: /images/markt.jpg

    The description, in Markdown.

The file name is the group's id (`personeelsvereniging.md` → `groep.html?id=personeelsvereniging`).
`plein dev` syncs at start-up and after every rebuild; `plein deploy` runs `main` in a
subprocess once the stack is up, naming its table and uploads bucket. Syncing is idempotent:
it creates what is missing, updates name, description, visibility and cover (deleting the
files of an uploaded cover that a `Cover:` replaces), and makes listed managers managers. It
never removes members or managers (people leave through the site, and a manager dropped from
the file stays one until they step down or another manager demotes them), it leaves a group
an admin deleted deleted, and a group whose file was removed stays with its members and posts
but is no longer marked official.
"""

import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import markdown

log = logging.getLogger(__name__)

VISIBILITIES = ("open", "closed", "secret")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


class DefinitionError(ValueError):
    pass


@dataclass(frozen=True)
class Definition:
    id: str
    name: str
    description: str
    visibility: str
    managers: tuple[str, ...]
    cover: str | None = None
    source: Path | None = field(default=None, compare=False)


def parse(path: Path) -> Definition:
    """One definition file; a DefinitionError names the file and what is wrong."""
    group_id = path.stem
    if not _ID.match(group_id):
        raise DefinitionError(f"{path}: the file name must be lower-case letters, digits, '-'")
    md = markdown.Markdown(extensions=["meta"])
    body = md.preprocessors["meta"].run(path.read_text(encoding="utf-8").split("\n"))
    meta = {k: " ".join(v).strip() for k, v in md.Meta.items()}
    name = meta.get("title") or meta.get("name") or ""
    if not name:
        raise DefinitionError(f"{path}: 'Title:' is missing")
    visibility = (meta.get("visibility") or "open").lower()
    if visibility not in VISIBILITIES:
        raise DefinitionError(f"{path}: Visibility must be one of {', '.join(VISIBILITIES)}")
    managers = tuple(m.strip().lower() for m in re.split(r"[,\s]+", meta.get("managers", ""))
                     if m.strip())
    if not managers or not all("@" in m for m in managers):
        raise DefinitionError(f"{path}: 'Managers:' must list email addresses")
    return Definition(id=group_id, name=name, description="\n".join(body).strip(),
                      visibility=visibility, managers=managers,
                      cover=meta.get("cover") or None, source=path)


def read_definitions(content_dir: Path) -> list[Definition]:
    folder = Path(content_dir) / "groups"
    if not folder.is_dir():
        return []
    return [parse(path) for path in sorted(folder.glob("*.md"))]


def sync(content_dir: Path, clock=None, discard=None) -> dict:
    """Makes every official group exist as defined. Needs the API's environment configured
    (table and endpoint), as `plein dev` and the deploy do before calling it. `discard`
    (photos.discard) deletes an uploaded cover a definition's `Cover:` replaces."""
    from chalicelib.clock import system_clock
    from chalicelib.domain import official

    definitions = read_definitions(content_dir)
    outcome = {"created": [], "updated": [], "skipped": [], "unofficial": []}
    for definition in definitions:
        result = official.upsert(definition, clock or system_clock, discard)
        outcome[result].append(definition.id)
        if result == "skipped":
            log.warning("official group %s was deleted by an admin; left deleted",
                        definition.id)
    for group_id in _removed(official, definitions):
        official.unmark(group_id)
        outcome["unofficial"].append(group_id)
    return outcome


def preview(content_dir: Path) -> dict:
    """What `sync` would do, read from the table without writing to it."""
    from chalicelib.domain import official

    definitions = read_definitions(content_dir)
    outcome = {"created": [], "updated": [], "skipped": [], "unofficial": []}
    for definition in definitions:
        outcome[official.outcome(definition)].append(definition.id)
    outcome["unofficial"] = _removed(official, definitions)
    return outcome


def _removed(official, definitions: list[Definition]) -> list[str]:
    """Groups marked official whose file is gone."""
    defined = {d.id for d in definitions}
    return sorted(set(official.official_ids()) - defined)


def main(argv: list[str] | None = None) -> int:
    """`python -m infra.groups_sync CONTENT_DIR [--dry-run]`: the deploy runs this in a fresh
    interpreter whose environment names the deployed table, because the API's settings and
    models bind to a table once, at import. Prints the outcome as JSON on the last line."""
    import argparse
    import json

    args = argparse.ArgumentParser(prog="python -m infra.groups_sync")
    args.add_argument("content_dir", type=Path)
    args.add_argument("--dry-run", action="store_true")
    options = args.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    from .local import env

    env.add_functions_path()
    from chalicelib.domain import photos

    # The bucket setting has a local default; only a bucket the caller named (the deploy
    # passes its stack's) may lose a replaced cover's files.
    discard = photos.discard if os.environ.get("PLEIN_UPLOADS_BUCKET") else None
    try:
        outcome = (preview(options.content_dir) if options.dry_run
                   else sync(options.content_dir, discard=discard))
    except DefinitionError as err:
        print(err, file=sys.stderr)
        return 2
    print(json.dumps(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main())
