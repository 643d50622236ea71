"""Responsive WebP sizes of the site's own images, made at build time with Pillow.

The hero and the news images are JPEGs of 100 to 170 KB; a phone needs a fraction of that.
Templates call the `responsive` filter (`{% set img = BRAND_HERO|responsive %}`), which
answers the `src`, `srcset`, `width` and `height` to put on an `<img>`; the WebP files
themselves are written when the build finishes (`images/web/<name>-<width>.webp`), and only
when missing or older than their source, so an incremental build redoes nothing. An image
Pillow cannot read (an SVG logo) is passed through as it is, with no srcset.
"""

import html
import logging
import re
from pathlib import Path

from pelican import signals

log = logging.getLogger(__name__)

WIDTHS = (480, 960, 1600)
QUALITY = 78
FOLDER = "images/web"
_wanted: dict[str, Path] = {}  # site path of a source image -> its file, for this build


def _open(path: Path):
    from PIL import Image, UnidentifiedImageError

    try:
        return Image.open(path)
    except (OSError, UnidentifiedImageError):
        return None


def variants(site_path: str, width: int) -> list[tuple[int, str]]:
    """The widths made for an image `width` pixels wide, and where each one is served."""
    stem = Path(site_path).stem
    chosen = [w for w in WIDTHS if w < width] + [min(width, WIDTHS[-1])]
    return [(w, f"{FOLDER}/{stem}-{w}.webp") for w in sorted(set(chosen))]


def responsive(settings: dict, site_path: str) -> dict:
    source = Path(settings["PATH"]) / site_path
    base = settings.get("SHARED_URL", settings.get("SITEURL", ""))  # one copy for every language
    image = _open(source) if source.is_file() else None
    if image is None:
        return {"src": f"{base}/{site_path}", "srcset": "", "width": None, "height": None}
    width, height = image.size
    image.close()
    _wanted[site_path] = source
    made = variants(site_path, width)
    middle = next((path for w, path in made if w >= 960), made[-1][1])
    return {
        "src": f"{base}/{middle}",
        "srcset": ", ".join(f"{base}/{path} {w}w" for w, path in made),
        "width": width, "height": height,
    }


def write_variants(pelican) -> None:
    from PIL import Image
    from plein_i18n import is_root

    if not is_root(pelican.settings):  # the other languages show the root build's sizes
        return
    output = Path(pelican.settings["OUTPUT_PATH"])
    for site_path, source in sorted(_wanted.items()):
        with Image.open(source) as image:
            image = image.convert("RGB")
            for width, path in variants(site_path, image.width):
                target = output / path
                if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                height = round(image.height * width / image.width)
                image.resize((width, height), Image.LANCZOS).save(
                    target, "WEBP", quality=QUALITY, method=6)
                log.info("plein_images: wrote %s", path)


def _hero_and_article_images(pelican) -> None:
    """Known before any page renders: an incremental build that renders no page still keeps
    (and, when the output folder was emptied, makes again) every image's sizes."""
    _wanted.clear()  # one process may build several sites (the tests do)
    settings = pelican.settings
    for name in ("BRAND_HERO",):
        if settings.get(name):
            responsive(settings, settings[name])


def add_filter(generator) -> None:
    settings = generator.settings
    generator.env.filters["responsive"] = lambda path: responsive(settings, path)


def collect_articles(generator) -> None:
    for article in getattr(generator, "articles", []):
        image = article.metadata.get("image")
        if image:
            responsive(generator.settings, image)


_IMG = re.compile(r"<img\s[^>]*>")
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
TEXT_SIZES = "(min-width: 50rem) 46rem, 100vw"


def _sized(tag: str, settings: dict) -> str:
    """One `<img>` of Markdown's output with the WebP sizes, width and height of the site's
    own image it shows; other images (another host, an SVG, sized already) are left alone."""
    attrs = dict(_ATTR.findall(tag))
    base = settings.get("SHARED_URL", settings.get("SITEURL", ""))
    src = html.unescape(attrs.get("src", ""))
    if "width" in attrs or not src.startswith(base + "/") or "//" in src[len(base):]:
        return tag
    found = responsive(settings, src[len(base) + 1:])
    if not found["srcset"]:
        return tag
    extra = (f' srcset="{found["srcset"]}" sizes="{TEXT_SIZES}" width="{found["width"]}"'
             f' height="{found["height"]}" loading="lazy" decoding="async"')
    return tag[:-1].rstrip("/ ") + extra + ">"


def size_images_in_text(content) -> None:
    """Images in an article's text get width and height (nothing jumps as they load) and
    their WebP sizes, like the images the theme writes itself."""
    if getattr(content, "_content", None) and "<img" in content._content:
        content._content = _IMG.sub(lambda m: _sized(m.group(0), content.settings),
                                    content._content)


def register():
    signals.initialized.connect(_hero_and_article_images)
    signals.generator_init.connect(add_filter)
    signals.article_generator_finalized.connect(collect_articles)
    signals.content_object_init.connect(size_images_in_text)
    signals.finalized.connect(write_variants)
