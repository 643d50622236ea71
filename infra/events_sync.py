"""Events editors publish by git commit: `content/events/<id>.md`; `sync` makes them exist.

A definition is Markdown with Pelican-style metadata, as for official groups:

    Title: Nieuwjaarsreceptie
    Start: 2027-01-08 16:00          (local time; a date alone for an all-day event)
    End: 2027-01-08 18:30            (optional for all-day events)
    Location: Stadhuis, Burgerzaal
    Online: https://...              (optional)
    Capacity: 150                    (optional: no limit)
    Deadline: 2027-01-06 12:00       (optional: enrolment closes at the start)
    Group: personeelsvereniging      (optional: the organisation's own)
    Organisers: esther.smit@voorbeeld.nl
    Cover: /images/markt.jpg
    Status: cancelled                (optional: cancels it)

    The description, in Markdown.

The file name is the event's id; Pelican builds its page at `evenementen/<id>.html`
(plugins/plein_events) and employees enrol there through the API. `plein dev` syncs after the
official groups (at start-up and after every rebuild), `plein deploy` after them too. Syncing
is idempotent: it creates what is missing and updates what changed (raising the event's
SEQUENCE only then); a capacity below those already going is not applied (a warning says so).
A removed file leaves the event and its enrolments as they are, with the site's own event page.
"""

import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import markdown

log = logging.getLogger(__name__)

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
PAGE = "evenementen/{id}.html"  # pelicanconf's EVENT_PAGE_SAVE_AS: where the plugin builds it


class DefinitionError(ValueError):
    pass


@dataclass(frozen=True)
class Definition:
    id: str
    title: str
    description: str
    start: str  # as the API takes it: "YYYY-MM-DDTHH:MM" local, or a date when all_day
    end: str
    all_day: bool
    location: str = ""
    online_url: str | None = None
    capacity: int | None = None
    deadline: str | None = None
    group: str | None = None
    organisers: tuple[str, ...] = ()
    cover: str | None = None
    cancelled: bool = False
    source: Path | None = field(default=None, compare=False)

    def fields(self) -> dict:
        """The event's fields in the API's own terms, for the same checks a request gets."""
        return {"title": self.title, "description": self.description, "all_day": self.all_day,
                "start": self.start, "end": self.end, "location": self.location,
                "online_url": self.online_url, "capacity": self.capacity,
                "deadline": self.deadline}


def _moment(value: str) -> str:
    return value.strip().replace(" ", "T", 1) if value else value


def parse(path: Path) -> Definition:
    """One definition file; a DefinitionError names the file and what is wrong."""
    event_id = path.stem
    if not _ID.match(event_id):
        raise DefinitionError(f"{path}: the file name must be lower-case letters, digits, '-'")
    md = markdown.Markdown(extensions=["meta"])
    body = md.preprocessors["meta"].run(path.read_text(encoding="utf-8").split("\n"))
    meta = {k: " ".join(v).strip() for k, v in md.Meta.items()}
    title = meta.get("title", "")
    if not title:
        raise DefinitionError(f"{path}: 'Title:' is missing")
    start = meta.get("start", "")
    if not start:
        raise DefinitionError(f"{path}: 'Start:' is missing")
    all_day = bool(_DAY.match(start))
    end = meta.get("end") or (start if all_day else "")
    if not end:
        raise DefinitionError(f"{path}: 'End:' is missing")
    capacity = meta.get("capacity") or None
    if capacity is not None and not capacity.isdigit():
        raise DefinitionError(f"{path}: 'Capacity:' must be a whole number")
    organisers = tuple(m.strip().lower() for m in re.split(r"[,\s]+", meta.get("organisers", ""))
                       if m.strip())
    if not all("@" in m for m in organisers):
        raise DefinitionError(f"{path}: 'Organisers:' must list email addresses")
    status = (meta.get("status") or "active").lower()
    if status not in ("active", "cancelled"):
        raise DefinitionError(f"{path}: 'Status:' must be active or cancelled")
    return Definition(
        id=event_id, title=title, description="\n".join(body).strip(),
        start=_moment(start), end=_moment(end), all_day=all_day,
        location=meta.get("location", ""), online_url=meta.get("online") or None,
        capacity=int(capacity) if capacity else None,
        deadline=_moment(meta.get("deadline", "")) or None,
        group=meta.get("group") or None, organisers=organisers,
        cover=meta.get("cover") or None, cancelled=status == "cancelled", source=path)


def read_definitions(content_dir: Path) -> list[Definition]:
    folder = Path(content_dir) / "events"
    if not folder.is_dir():
        return []
    return [parse(path) for path in sorted(folder.glob("*.md"))]


def sync(content_dir: Path, clock=None) -> dict:
    """Makes every event defined in content/events/ exist as defined. Needs the API's
    environment configured (table and endpoint), as `plein dev` and the deploy do."""
    from chalicelib.clock import system_clock
    from chalicelib.domain.events import official

    outcome = {"created": [], "updated": [], "unchanged": [], "skipped": []}
    for definition in read_definitions(content_dir):
        try:
            result = official.upsert(definition, clock or system_clock,
                                     PAGE.format(id=definition.id))
        except official.Refused as err:
            log.warning("event %s not synced: %s", definition.id, err)
            result = "skipped"
        outcome[result].append(definition.id)
    return outcome


def main(argv: list[str] | None = None) -> int:
    """`python -m infra.events_sync CONTENT_DIR`, for the deploy (see infra/groups_sync.py for
    why a fresh interpreter). Prints the outcome as JSON on the last line."""
    import argparse
    import json

    args = argparse.ArgumentParser(prog="python -m infra.events_sync")
    args.add_argument("content_dir", type=Path)
    options = args.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    from .local import env

    env.add_functions_path()
    try:
        outcome = sync(options.content_dir)
    except DefinitionError as err:
        print(err, file=sys.stderr)
        return 2
    print(json.dumps(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main())
