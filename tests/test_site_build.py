"""Real Pelican builds over a small test site: branding comes from the settings alone."""

import re
from pathlib import Path

import pytest

from infra import site

ROOT = Path(__file__).resolve().parent.parent
TEST_CONTENT = ROOT / "tests" / "data" / "site"


def build(tmp_path: Path, **overrides) -> Path:
    lines = [
        "import sys",
        f"sys.path.insert(0, {str(ROOT)!r})",
        "from pelicanconf import *  # noqa",
        f"THEME = {str(ROOT / 'themes' / 'plein')!r}",
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]",
        "BRAND_HERO = 'images/mark.svg'",
        "BRAND_LOGO = 'images/mark.svg'",
        "BRAND_FAVICON = 'images/mark.svg'",
    ] + [f"{name} = {value!r}" for name, value in overrides.items()]
    conf = tmp_path / "conf.py"
    conf.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    assert site.build(settings_file=conf, output=out, content=TEST_CONTENT)
    return out


@pytest.fixture(scope="module")
def branded(tmp_path_factory):
    return build(
        tmp_path_factory.mktemp("branded"),
        SITENAME="Koffiehoek",
        ORGANISATION="Waterschap Testland",
        BRAND_COLOURS={"primary": "#123456", "accent": "not-a-colour"},
    )


def test_name_and_organisation_on_every_page(branded):
    for page in ("index.html", "nieuws/koffie.html", "over.html", "404.html"):
        html = (branded / page).read_text()
        assert "Koffiehoek" in html and "Waterschap Testland" in html, page


def test_colours_come_from_settings_with_fallback_for_bad_values(branded):
    css = (branded / "theme" / "css" / "brand.css").read_text()
    assert "--brand-primary: #123456;" in css
    assert "--brand-accent: #e8a33d;" in css  # the malformed value fell back


def test_logo_and_hero_come_from_settings(branded):
    html = (branded / "index.html").read_text()
    assert 'src="/images/mark.svg"' in html
    assert (branded / "images" / "mark.svg").exists()


def test_dutch_is_the_default_language(branded):
    html = (branded / "index.html").read_text()
    assert '<html lang="nl" ' in html
    assert "Naar de inhoud" in html
    assert '"signIn": "Inloggen"' in html


def test_english_catalog_when_chosen(tmp_path):
    html = (build(tmp_path, DEFAULT_LANG="en") / "index.html").read_text()
    assert '<html lang="en" ' in html
    assert "Skip to content" in html


def test_no_asset_is_loaded_from_another_host(branded):
    external = re.compile(r'(?:\bsrc=|<link[^>]*\bhref=)"(?:https?:)?//')
    for page in branded.rglob("*.html"):
        assert not external.search(page.read_text()), page


def test_pages_pass_settings_to_scripts_through_data_attributes(branded):
    html = (branded / "index.html").read_text()
    assert 'data-api="/api"' in html and 'data-stage="local"' in html


def test_a_change_in_watched_files_triggers_a_rebuild(tmp_path):
    import threading

    (tmp_path / "content").mkdir()
    rebuilt, stop = threading.Event(), threading.Event()
    site.watch(rebuilt.set, stop, paths=(tmp_path / "content",))
    try:
        # watchfiles needs a moment to register before the change counts
        for attempt in range(50):
            (tmp_path / "content" / "nieuw.md").write_text(f"Title: Nieuw {attempt}\n")
            if rebuilt.wait(0.5):
                break
        assert rebuilt.is_set()
    finally:
        stop.set()


def test_the_published_content_builds_without_a_warning(tmp_path):
    """What editors commit is checked here before it is deployed: a page Pelican would skip
    (no title, bad date, ...) fails this test instead of silently going missing."""
    assert site.build("publishconf.py", output=tmp_path / "out", strict=True)


def test_a_page_without_a_title_fails_a_strict_build(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    assert site.build(output=tmp_path / "before", content=content, strict=True)
    (content / "pages" / "kapot.md").write_text("Slug: kapot\n\nGeen titel.\n")
    assert site.build(output=tmp_path / "lenient", content=content)
    assert not site.build(output=tmp_path / "strict", content=content, strict=True)


def test_the_dashboard_knows_the_names_of_the_sites_pages(branded):
    import json

    html = (branded / "dashboard.html").read_text()
    found = re.search(r'<script type="application/json" id="page-titles">(.*?)</script>', html)
    titles = json.loads(found.group(1))
    assert titles["/over.html"] == "Over ons"
    assert titles["/groepen.html"] == "Groepen" and titles["/nieuws/koffie.html"]


def test_app_icons_are_drawn_in_the_brand_colour_as_small_palette_pngs(branded):
    from PIL import Image

    for name, size in [("icon-192", 192), ("icon-512", 512), ("icon-maskable-512", 512)]:
        icon = Image.open(branded / "icons" / f"{name}.png")
        assert icon.size == (size, size) and icon.mode == "P", name
        # Lossless: the background is exactly the brand's primary colour.
        assert icon.convert("RGB").getpixel((0, 0)) == (0x12, 0x34, 0x56), name
