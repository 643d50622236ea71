"""Real Pelican builds of the real theme: the manifest, icons and service worker follow the
settings, and the worker's bytes change when the theme does."""

import json
import shutil

import pytest
from PIL import Image

from infra import site
from infra.paths import CONTENT, ROOT


def build(root, content, **overrides):
    lines = ["import sys", f"sys.path.insert(0, {str(ROOT)!r})", "from pelicanconf import *",
             f"THEME = {str(root / 'theme')!r}",
             f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]"]
    lines += [f"{name} = {value!r}" for name, value in overrides.items()]
    conf = root / "conf.py"
    conf.write_text("\n".join(lines) + "\n")
    output = root / "site"
    assert site.build(settings_file=conf, output=output, content=content)
    return output


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("app")
    shutil.copytree(ROOT / "themes" / "plein", root / "theme")
    return root, build(root, CONTENT, SITENAME="Koffiehoek", ORGANISATION="Waterschap Testland",
                       BRAND_COLOURS={"primary": "#123456"})


def test_manifest_takes_name_colours_and_language_from_the_settings(built):
    _root, output = built
    manifest = json.loads((output / "manifest.webmanifest").read_text())
    assert manifest["short_name"] == "Koffiehoek"
    assert manifest["name"] == "Koffiehoek · Waterschap Testland"
    assert manifest["theme_color"] == "#123456" and manifest["lang"] == "nl"
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    assert {"maskable"} <= {icon.get("purpose") for icon in manifest["icons"]}
    html = (output / "index.html").read_text()
    assert 'rel="manifest" href="/manifest.webmanifest"' in html


def test_icons_are_drawn_from_the_logo_in_the_sizes_the_manifest_names(built):
    _root, output = built
    manifest = json.loads((output / "manifest.webmanifest").read_text())
    for icon in manifest["icons"]:
        with Image.open(output / icon["src"].lstrip("/")) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
            # the logo is drawn on the brand colour: more than the one colour of the background
            assert len(image.getcolors(1 << 16) or range(2)) > 1


def test_the_worker_is_served_from_the_root_and_changes_with_the_theme(built):
    root, output = built
    first = (output / "sw.js").read_text()
    assert "__PLEIN_BUILD__" not in first and 'const PAGES_CACHE = "plein-pages"' in first
    # One worker at /sw.js does offline reading and push: a second one would replace it.
    assert 'addEventListener("push"' in first and "notificationclick" in first
    css = root / "theme" / "static" / "css" / "plein.css"
    css.write_text(css.read_text() + "\n/* changed */\n")
    again = build(root, CONTENT, SITENAME="Koffiehoek", ORGANISATION="Waterschap Testland",
                  BRAND_COLOURS={"primary": "#123456"})
    assert (again / "sw.js").read_text() != first
