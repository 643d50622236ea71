"""Words the API itself says to a person (notification texts, emails) in that person's language.

They come from the theme's gettext catalogs, the ones the pages use, so a string is translated
once for site, API and mail. A deployed package carries them compiled
(`chalicelib/translations/<lang>.mo`, written at packaging); a checkout compiles the theme's
`.po` files in memory on first use, as the Pelican plugin does.
"""

import gettext
import io
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
PACKAGED = Path(__file__).resolve().parent.parent / "translations"
THEME_CATALOGS = Path(__file__).resolve().parents[3] / "themes" / "plein" / "translations"


def language(value: str | None) -> str:
    """A language we have a catalog for; anything else falls back to the default."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> gettext.NullTranslations:
    lang = language(lang)
    compiled = PACKAGED / f"{lang}.mo"
    if compiled.exists():
        with open(compiled, "rb") as fh:
            return gettext.GNUTranslations(fh)
    po = THEME_CATALOGS / lang / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return gettext.NullTranslations()
    # Babel is a build-time dependency: a deployed Lambda never reaches this line.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po, "rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translator(lang: str | None):
    """`_` for one person's language: `translator("en")("Sign in")`."""
    return translations(language(lang)).gettext


def compile_catalogs(out: Path) -> list[Path]:
    """Writes `<lang>.mo` for every language into `out`: what a package carries."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGUAGES:
        with open(THEME_CATALOGS / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
            catalog = read_po(fh, locale=lang)
        with open(out / f"{lang}.mo", "wb") as fh:
            write_mo(fh, catalog)
        written.append(out / f"{lang}.mo")
    return written
