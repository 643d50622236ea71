"""Incremental builds: a page is rendered again only when something it shows has changed.

Pelican renders every page on every build. This plugin's writer first computes a fingerprint
of what a page is made of: its template, the site-wide inputs every page shares (settings,
theme and plugin files, the navigation's pages and categories) and the content it was given
(an article's text and metadata, the articles a listing shows). When the fingerprint and the
file are unchanged since the last build, the page is not rendered at all. Pelican's own
content cache (`CACHE_CONTENT`) spares the reading, so one edited article among thousands costs
little more than Pelican's start-up.

The fingerprints live in `CACHE_PATH/plein-outputs.json`, written only after a complete build:
a build that fails leaves the old ones, whose mismatch makes the next build render again.
Pages that a build no longer produces (a deleted article) are removed from the output folder.
Set `INCREMENTAL_BUILD = False` for a build from scratch (what `plein package` does).
"""

import hashlib
import json
import logging
import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

log = logging.getLogger(__name__)
MANIFEST = "plein-outputs.json"
_active: "IncrementalWriter | None" = None  # Pelican does not hand plugins its writer


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def _files(folder: Path) -> list:
    """Names, sizes and modification times: a template or a catalog edit changes them."""
    return sorted((str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns)
                  for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


_digests: dict[tuple, object] = {}  # per build: listings repeat the same articles


def _content(value: Content, listed: bool) -> str:
    """A page shows its content's text; a listing shows title, date and summary, which come
    from the text only when no summary is given."""
    key = (id(value), listed)
    if key not in _digests:
        text = value._content if not listed or "summary" not in value.metadata else ""
        _digests[key] = _digest([value.source_path, value.url, text,
                                 sorted((k, str(v)) for k, v in value.metadata.items())])
    return _digests[key]


def _shape(value, listed: bool = False):
    """What a template can show of `value`, as plain data to hash."""
    if isinstance(value, Content):
        return _content(value, listed)
    if isinstance(value, URLWrapper):
        return ["url", str(value), value.url]
    if isinstance(value, list | tuple):
        # The same lists (all articles, a tag's articles) are handed to many pages: hashed
        # once a build. The list itself is kept so that its id cannot be reused meanwhile.
        key = (id(value), "list")
        if key not in _digests:
            _digests[key] = (value, _digest([_shape(v, listed=True) for v in value]))
        return _digests[key][1]
    if isinstance(value, dict):
        return {str(k): _shape(v, listed) for k, v in value.items()}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return type(value).__name__  # anything else is part of the template's code


def site_inputs(settings: dict, context: dict) -> str:
    """What every page shares: settings, theme, plugins, and the navigation (base.html lists
    the pages and the categories). A template that starts showing another part of the shared
    context must add it here."""
    plain = {k: v for k, v in settings.items() if isinstance(v, str | int | float | bool | list
                                                                | tuple | dict | type(None))}
    folders = [Path(settings["THEME"]), *(Path(p) for p in settings.get("PLUGIN_PATHS", []))]
    nav = {"pages": [(p.url, p.title) for p in context.get("pages", [])],
           "categories": [(str(c), c.url) for c, _articles in context.get("categories", [])]}
    return _digest([plain, [_files(f) for f in folders if f.is_dir()], nav])


class IncrementalWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.manifest_path = Path(settings["CACHE_PATH"]) / MANIFEST
        try:
            self.previous = json.loads(self.manifest_path.read_text())
        except (OSError, ValueError):
            self.previous = {}
        self.current: dict[str, str] = {}
        self.rendered = self.skipped = 0
        self._site = None
        global _active
        _active = self
        _digests.clear()

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        if not name:
            return super().write_file(name, template, context, relative_urls, paginated,
                                      template_name, override_output, url, **kwargs)
        if self._site is None:
            self._site = site_inputs(self.settings, context)
        fingerprint = _digest([self._site, template.name, name, relative_urls,
                               _shape(paginated), template_name, url, _shape(kwargs)])
        outputs = self._outputs(name, paginated, template_name, url)
        for output in outputs:
            self.current[output] = fingerprint
        if all(self.previous.get(o) == fingerprint
               and os.path.exists(os.path.join(self.output_path, o)) for o in outputs):
            self.skipped += len(outputs)
            return None
        self.rendered += len(outputs)
        return super().write_file(name, template, context, relative_urls, paginated,
                                  template_name, override_output, url, **kwargs)

    def _outputs(self, name, paginated, template_name, url) -> list[str]:
        """The files one call writes: one, or one per page of a paginated listing."""
        if not paginated or template_name not in self.settings["PAGINATED_TEMPLATES"]:
            return [name]
        from pelican.paginator import Paginator

        per_page = (self.settings["PAGINATED_TEMPLATES"][template_name]
                    or self.settings["DEFAULT_PAGINATION"])
        items = next(iter(paginated.values()))
        paginator = Paginator(name, url, items, self.settings, per_page)
        return [paginator.page(n).save_as for n in range(1, paginator.num_pages + 1)]

    def finish(self) -> None:
        for stale in set(self.previous) - set(self.current):
            path = Path(self.output_path) / stale
            if path.is_file():
                path.unlink()
        self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        self.manifest_path.write_text(json.dumps(self.current, sort_keys=True))
        log.info("Incremental build: %d pages rendered, %d unchanged", self.rendered,
                 self.skipped)


def template_cache(generator) -> None:
    """Every generator has its own Jinja environment and compiles every template it uses,
    about half a second a build with our theme. Compiled templates are kept beside the other
    caches; Jinja checks each against its template's source, so an edited template is
    compiled again."""
    settings = generator.settings
    if settings.get("INCREMENTAL_BUILD", True) and settings.get("CACHE_PATH"):
        folder = Path(settings["CACHE_PATH"]) / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        generator.env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def get_writer(pelican):
    if pelican.settings.get("INCREMENTAL_BUILD", True):
        return IncrementalWriter
    return None


def finish(pelican) -> None:
    global _active
    if _active is not None:
        _active.finish()
        _active = None


def register():
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(template_cache)
    signals.finalized.connect(finish)
