"""Installs the theme's gettext catalog (themes/<theme>/translations) into Pelican's Jinja, and
makes one language's build of the site (docs/languages.md).

Catalogs are kept as .po only and compiled in memory at build time, so no binary .mo file is
committed next to its source. DEFAULT_LANG picks the catalog.

`infra/site.py` runs one Pelican per language in `LANGUAGES`, telling each its `DEFAULT_LANG`
and the language at the root (`ROOT_LANG`). Here each build then takes its own settings:
`SHARED_URL` is the root every language shares (theme files, images, icons, the search index,
the API); `SITEURL` becomes the language's own root (`/en`) for every page link; the
language's texts and date format (`LANG_SETTINGS[lang]`) replace the root's. The theme's
files are copied once, by the root build, and content images are linked at the root's copy.
"""

import functools
import io
import locale
import logging
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from pelican import signals

log = logging.getLogger(__name__)


def load_translations(theme: str, lang: str) -> NullTranslations:
    po = Path(theme) / "translations" / lang / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        log.warning("No %s catalog at %s; showing the source strings", lang, po)
        return NullTranslations()
    return _compiled(po, lang, po.stat().st_mtime_ns)


# Each of Pelican's generators installs the catalog: parse it once a build, not four times.
@functools.lru_cache(maxsize=8)
def _compiled(po: Path, lang: str, _mtime: int) -> NullTranslations:
    with open(po, "rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def is_root(settings: dict) -> bool:
    """Is this the build at the site's root? Files both languages share are written by it."""
    return settings.get("DEFAULT_LANG") == settings.get("ROOT_LANG", settings.get("DEFAULT_LANG"))


def page_in(settings: dict, lang: str, output_file: str | None) -> str:
    """The URL of the page written to `output_file` in `lang`'s build: every language has
    the same pages at the same paths under its own prefix."""
    prefix = "" if lang == settings.get("ROOT_LANG") else f"/{lang}"
    path = "" if output_file in (None, "index.html") else output_file
    return f"{settings.get('SHARED_URL', '')}{prefix}/{path}"


def _set_locale(wanted) -> None:
    for name in [wanted] if isinstance(wanted, str) else wanted:
        try:
            locale.setlocale(locale.LC_ALL, name)
            return
        except locale.Error:
            continue
    log.warning("None of the locales %s is installed; dates use the system's", wanted)


def configure(pelican) -> None:
    """Before any content is read: this build's language, roots and texts."""
    settings = pelican.settings
    lang = settings.get("DEFAULT_LANG", "nl")
    root = settings.setdefault("ROOT_LANG", lang)
    settings["LANGUAGES"] = list(settings.get("LANGUAGES") or [root])
    base = settings.get("SITEURL", "").rstrip("/")
    settings["SHARED_URL"] = base
    own = dict((settings.get("LANG_SETTINGS") or {}).get(lang, {}))
    settings.update(own)
    if "LOCALE" in own:  # Pelican set the root's locale before plugins run
        _set_locale(own["LOCALE"])
    if lang == root:
        # A build from scratch empties the output folder: not the other languages' pages.
        others = [x for x in settings["LANGUAGES"] if x != root]
        pelican.output_retention = [*pelican.output_retention, *others]
        settings["OUTPUT_RETENTION"] = pelican.output_retention
        return
    settings["SITEURL"] = f"{base}/{lang}"
    settings["THEME_STATIC_PATHS"] = []
    # "/en/" + "../images/x.jpg" is "/images/x.jpg": the root build's copy.
    settings["STATIC_URL"] = "../{path}"


def install(generator) -> None:
    env = generator.env
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    settings = generator.settings
    env.install_gettext_translations(
        load_translations(settings["THEME"], settings.get("DEFAULT_LANG", "nl")), newstyle=True)
    env.globals["page_in"] = lambda lang, output_file: page_in(settings, lang, output_file)
    names = settings.get("CATEGORY_TITLES") or {}
    env.filters["titled"] = lambda category: names.get(str(category), str(category))


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(install)
