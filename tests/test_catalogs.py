"""Every UI string in the theme has a Dutch translation, and the catalogs match the templates."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "themes" / "plein" / "translations"


def extracted(tmp_path) -> set[str]:
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract",
                    "-F", str(ROOT / "babel.cfg"), "-o", str(pot),
                    str(ROOT / "themes" / "plein" / "templates")], check=True,
                   capture_output=True)
    with open(pot, "rb") as fh:
        return {m.id for m in read_po(fh) if m.id}


def catalog(lang: str):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=lang)


def test_every_template_string_is_translated_to_dutch(tmp_path):
    nl = {m.id: m.string for m in catalog("nl") if m.id}
    missing = sorted(i for i in extracted(tmp_path) if not nl.get(i))
    assert not missing, f"Run `make messages` and translate: {missing}"


def test_english_catalog_lists_the_same_strings(tmp_path):
    en = {m.id for m in catalog("en") if m.id}
    assert extracted(tmp_path) <= en
