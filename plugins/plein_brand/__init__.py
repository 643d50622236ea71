"""Writes theme/css/brand.css from BRAND_COLOURS in the settings.

Colours become CSS custom properties in a file rather than an inline <style>, so the pages can
keep a Content-Security-Policy without 'unsafe-inline'.
"""

import logging
import re
from pathlib import Path

from pelican import signals

log = logging.getLogger(__name__)

_COLOUR = re.compile(r"^#[0-9a-fA-F]{3,8}$")
DEFAULT_COLOURS = {
    "primary": "#0b5c6b",
    "primary-dark": "#073f4a",
    "accent": "#e8a33d",
    "text": "#1d2a30",
    "background": "#f5f7f7",
}


def colours(settings: dict) -> dict:
    """The configured colours; a malformed one is logged and falls back to the default."""
    chosen = dict(DEFAULT_COLOURS)
    configured = settings.get("BRAND_COLOURS") or {}
    if not isinstance(configured, dict):
        log.warning("BRAND_COLOURS must be a dict; using the defaults")
        return chosen
    for name, value in configured.items():
        if isinstance(value, str) and _COLOUR.match(value):
            chosen[name] = value
        else:
            log.warning("BRAND_COLOURS[%r] = %r is not a hex colour; using the default", name,
                        value)
    return chosen


def write_css(pelican) -> None:
    from plein_i18n import is_root

    settings = pelican.settings
    if not is_root(settings):  # every language links the root build's theme files
        return
    lines = [f"  --brand-{name}: {value};" for name, value in colours(settings).items()]
    target = Path(settings["OUTPUT_PATH"]) / settings["THEME_STATIC_DIR"] / "css" / "brand.css"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(":root {\n" + "\n".join(lines) + "\n}\n", encoding="utf-8")


def register():
    signals.finalized.connect(write_css)
