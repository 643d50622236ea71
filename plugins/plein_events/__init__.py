"""Events editors publish in content/events/*.md: one page each, built with the theme's
`event.html`, at EVENT_PAGE_SAVE_AS (`evenementen/{id}.html`).

The definitions are the same files `infra/events_sync.py` turns into events in the table (at
`plein dev` start-up, after each rebuild, and on deploy), so a broken definition fails the
build here first, naming the file. The page carries the text; enrolment on it is live, through
the API, by the event's id (the file name).
"""

import logging
import os
from pathlib import Path

import markdown
from pelican import signals
from pelican.generators import Generator

from infra.events_sync import DefinitionError, parse

log = logging.getLogger(__name__)
DEFAULT_SAVE_AS = "evenementen/{id}.html"


def definitions(content: Path) -> list[dict]:
    found = []
    for path in sorted((content / "events").glob("*.md")):
        try:
            definition = parse(path)
        except DefinitionError as err:
            log.error("%s", err)
            continue
        found.append({"id": definition.id, "title": definition.title,
                      "html": markdown.markdown(definition.description,
                                                extensions=["extra"], output_format="html5"),
                      "start": definition.start, "group": definition.group})
    return found


class EventPages(Generator):
    def generate_context(self):
        self.events = definitions(Path(self.settings["PATH"]))
        self.context["CONTENT_EVENTS"] = self.events

    def generate_output(self, writer):
        pattern = self.settings.get("EVENT_PAGE_SAVE_AS", DEFAULT_SAVE_AS)
        template = self.get_template("event")
        for event in self.events:
            save_as = pattern.format(id=event["id"])
            writer.write_file(save_as, template, self.context, event_definition=event,
                              template_name="event", page_name=os.path.splitext(save_as)[0],
                              url=save_as, relative_urls=self.settings["RELATIVE_URLS"])


def get_generators(pelican):
    return EventPages


def register():
    signals.get_generators.connect(get_generators)
