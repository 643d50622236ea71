"""The API translates with the theme's catalogs: compiled in memory from a checkout, or from the
`.mo` files a package carries."""

import gettext

from chalicelib.domain import i18n


def test_translator_uses_the_theme_catalogs():
    assert i18n.translator("nl")("Sign in") == "Inloggen"
    assert i18n.translator("en")("Sign in") == "Sign in"


def test_unknown_language_falls_back_to_dutch():
    assert i18n.language("fr") == "nl"
    assert i18n.translator(None)("Sign in") == "Inloggen"


def test_compiled_catalogs_say_the_same(tmp_path):
    written = i18n.compile_catalogs(tmp_path)
    assert sorted(p.name for p in written) == ["en.mo", "nl.mo"]
    with open(tmp_path / "nl.mo", "rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("Sign in") == "Inloggen"
