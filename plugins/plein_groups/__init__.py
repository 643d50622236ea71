"""Official groups at build time: checks content/groups/*.md and lists them on the groups page.

The definitions are the same files `infra/groups_sync.py` turns into real groups (at `plein dev`
start-up, after each rebuild, and on deploy), so a broken definition fails loudly here first.
"""

import logging
from pathlib import Path

from pelican import signals

from infra.groups_sync import DefinitionError, parse

log = logging.getLogger(__name__)


def definitions(content: Path) -> list[dict]:
    found = []
    for path in sorted((content / "groups").glob("*.md")):
        try:
            definition = parse(path)
        except DefinitionError as err:
            log.error("%s", err)
            continue
        found.append({"id": definition.id, "name": definition.name,
                      "visibility": definition.visibility, "cover": definition.cover})
    return [d for d in found if d["visibility"] != "secret"]  # secret ones stay unlisted


def add_settings(pelican) -> None:
    content = Path(pelican.settings["PATH"])
    pelican.settings["OFFICIAL_GROUPS"] = definitions(content)


def register():
    signals.initialized.connect(add_settings)
