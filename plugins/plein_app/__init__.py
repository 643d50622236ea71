"""The installable app: the web app manifest, its icons and the service worker, at build time.

- `manifest.webmanifest` takes the name, colours and language from the settings, so a
  rebranded site installs under its own name.
- Icons (192 and 512 px, plus a maskable 512) are drawn from `BRAND_LOGO`: a raster logo is
  scaled with Pillow; an SVG logo is rasterised with resvg when it is installed, and
  otherwise the icon is the brand colour with the site's initial, so a build never fails
  for want of a rasteriser.
- The service worker lives in the theme (`static/sw.js`) but must be served from the site
  root to control every page, so it is copied to `/sw.js` with a build stamp: any change to
  the theme's files changes the worker's bytes, which is what makes browsers update it.
"""

import hashlib
import io
import json
import logging
from pathlib import Path

from pelican import signals

log = logging.getLogger(__name__)

SIZES = (192, 512)
STAMP = "__PLEIN_BUILD__"
PREFIXES = "__PLEIN_LANGUAGE_PREFIXES__"  # the languages under their own prefix: "en"


def _logo_image(source: Path, size: int):
    """The logo as a square RGBA Pillow image, or None when it cannot be drawn."""
    from PIL import Image

    if source.suffix.lower() == ".svg":
        try:
            import resvg_py
        except ImportError:
            return None
        try:
            png = bytes(resvg_py.svg_to_bytes(svg_path=str(source), width=size, height=size))
        except Exception as err:  # resvg raises its own types; any failure means "cannot draw"
            log.warning("plein_app: cannot rasterise %s: %s", source, err)
            return None
        return Image.open(io.BytesIO(png)).convert("RGBA")
    try:
        image = Image.open(source).convert("RGBA")
    except OSError:
        return None
    image.thumbnail((size, size), Image.LANCZOS)
    return image


def _icon(settings: dict, colours: dict, size: int, padding: float):
    from PIL import Image, ImageDraw

    background = colours.get("primary", "#0b5c6b")
    icon = Image.new("RGBA", (size, size), background)
    inner = round(size * (1 - 2 * padding))
    logo = _logo_image(Path(settings["PATH"]) / settings.get("BRAND_LOGO", ""), inner)
    if logo is not None:
        icon.alpha_composite(logo, ((size - logo.width) // 2, (size - logo.height) // 2))
    else:
        draw = ImageDraw.Draw(icon)
        letter = (settings.get("SITENAME") or "P")[:1].upper()
        draw.text((size / 2, size / 2), letter, fill="#ffffff", anchor="mm",
                  font_size=round(size * 0.6))
    return icon.convert("RGB")


def manifest(settings: dict, colours: dict) -> dict:
    base = settings.get("SHARED_URL", settings.get("SITEURL", ""))
    icons = [{"src": f"{base}/icons/icon-{s}.png", "sizes": f"{s}x{s}", "type": "image/png"}
             for s in SIZES]
    icons.append({"src": f"{base}/icons/icon-maskable-512.png", "sizes": "512x512",
                  "type": "image/png", "purpose": "maskable"})
    return {
        "name": f"{settings.get('SITENAME', 'Plein')} · {settings.get('ORGANISATION', '')}"
                .strip(" ·"),
        "short_name": settings.get("SITENAME", "Plein"),
        "description": settings.get("SITESUBTITLE", ""),
        "lang": settings.get("DEFAULT_LANG", "nl"),
        "start_url": f"{base}/",
        "scope": f"{base}/",
        "display": "standalone",
        "background_color": colours.get("background", "#f5f7f7"),
        "theme_color": colours.get("primary", "#0b5c6b"),
        "icons": icons,
    }


def _save_png(image, path: Path) -> None:
    """A logo on a plain background has a few dozen colours: then a palette PNG holds exactly
    the same pixels in half the bytes (Chrome fetches the 192 px icon on every first visit, to
    decide the site is installable). A photographic logo stays full colour."""
    if image.getcolors(256) is not None:
        image = image.quantize(256)
    image.save(path, optimize=True)


def _stamp(theme: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((theme / "static").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(theme)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def write_app(pelican) -> None:
    from plein_brand import colours as brand_colours
    from plein_i18n import is_root

    settings = pelican.settings
    if not is_root(settings):
        return  # one app for every language: the worker's scope and start_url are the root's
    output = Path(settings["OUTPUT_PATH"])
    colours = brand_colours(settings)
    (output / "manifest.webmanifest").write_text(
        json.dumps(manifest(settings, colours), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8")
    icons = output / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        _save_png(_icon(settings, colours, size, 0.08), icons / f"icon-{size}.png")
    # Maskable icons may be cropped to a circle: keep the logo inside the safe zone.
    _save_png(_icon(settings, colours, 512, 0.2), icons / "icon-maskable-512.png")
    theme = Path(settings["THEME"])
    worker = (theme / "static" / "sw.js").read_text(encoding="utf-8")
    prefixes = ",".join(x for x in settings.get("LANGUAGES", []) if x != settings.get("ROOT_LANG"))
    worker = worker.replace(STAMP, _stamp(theme)).replace(PREFIXES, prefixes)
    (output / "sw.js").write_text(worker, encoding="utf-8")


def register():
    signals.finalized.connect(write_app)
