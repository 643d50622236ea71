"""The organisation's name and colours for what the API sends outside the site (email).

`pelicanconf.py` is the one place branding is set. A deployed package carries the values as
`chalicelib/brand.json`, written at packaging; a checkout reads `pelicanconf.py` itself, as
`i18n` reads the theme's catalogs.
"""

import json
import re
import runpy
from functools import lru_cache
from pathlib import Path

PACKAGED = Path(__file__).resolve().parent.parent / "brand.json"
PELICANCONF = Path(__file__).resolve().parents[3] / "pelicanconf.py"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{3,8}$")
DEFAULTS = {
    "name": "Plein",
    "organisation": "",
    "colours": {"primary": "#0b5c6b", "primary-dark": "#073f4a", "accent": "#e8a33d",
                "text": "#1d2a30", "background": "#f5f7f7"},
}


def from_pelicanconf(path: Path = PELICANCONF) -> dict:
    """What a package carries: only the names and colours, checked, never the whole config."""
    conf = runpy.run_path(str(path))
    colours = dict(DEFAULTS["colours"])
    for name, value in (conf.get("BRAND_COLOURS") or {}).items():
        # They end up in inline styles (mail clients ignore style sheets): colours only.
        if isinstance(value, str) and _COLOUR.match(value):
            colours[name] = value
    return {"name": str(conf.get("SITENAME") or DEFAULTS["name"]),
            "organisation": str(conf.get("ORGANISATION") or ""), "colours": colours}


@lru_cache(maxsize=1)
def brand() -> dict:
    if PACKAGED.exists():
        return json.loads(PACKAGED.read_text())
    if PELICANCONF.exists():
        return from_pelicanconf()
    return DEFAULTS
