"""Installs the theme's gettext catalog (themes/<theme>/translations) into Pelican's Jinja.

Catalogs are kept as .po only and compiled in memory at build time, so no binary .mo file is
committed next to its source. DEFAULT_LANG picks the catalog.
"""

import functools
import io
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


def install(generator) -> None:
    env = generator.env
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    settings = generator.settings
    env.install_gettext_translations(
        load_translations(settings["THEME"], settings.get("DEFAULT_LANG", "nl")), newstyle=True)


def register():
    signals.generator_init.connect(install)
