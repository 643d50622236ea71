"""Real Pelican builds of the real theme: the news page's hero and the news images are served
as responsive WebP sizes, made at build time, and only the hero's page has the hero."""

import re

import pytest
from PIL import Image

from infra import site


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    out = tmp_path_factory.mktemp("images") / "site"
    assert site.build(output=out)
    return out


def test_the_hero_is_on_the_news_page_in_webp_sizes(output):
    news = (output / "nieuws.html").read_text()
    hero = re.search(r'<section class="hero">\s*<img ([^>]*)>', news).group(1)
    srcset = re.search(r'srcset="([^"]*)"', hero).group(1)
    sizes = [entry.split() for entry in srcset.split(", ")]
    assert [w for _path, w in sizes] == ["480w", "960w", "1600w"]
    for path, width in sizes:
        with Image.open(output / path.lstrip("/")) as image:
            assert image.format == "WEBP" and image.width == int(width[:-1])
    assert 'width="' in hero and 'height="' in hero
    assert "hero" not in (output / "index.html").read_text()


def test_a_phone_gets_a_hero_far_smaller_than_the_jpeg(output):
    small = output / "images" / "web" / "hero-480.webp"
    assert small.stat().st_size * 4 < (output / "images" / "hero.jpg").stat().st_size


def test_news_images_are_sized_and_an_article_shows_its_photo_once(output):
    listing = (output / "nieuws.html").read_text()
    assert listing.count('loading="lazy"') >= 5 and "-480.webp 480w" in listing
    for page in (output / "nieuws").glob("*.html"):
        html = page.read_text()
        images = re.findall(r'<img [^>]*src="/images/(?:web/)?([a-z]+)[-.]', html)
        # the front matter's photo shows once: as the lead image, or in the text, never both
        assert len(images) == len(set(images)) >= 1, (page.name, images)


def test_featured_news_is_pinned_on_the_home_page_with_its_image(output):
    home = (output / "index.html").read_text()
    featured = re.search(r'<article class="featured">(.*?)</article>', home, re.S).group(1)
    assert "kerstborrel-personeelsvereniging.html" in featured and "markt-480.webp" in featured
    listed = home.split('<ul class="news-list">')[1]
    assert "kerstborrel-personeelsvereniging.html" not in listed  # not twice


def test_images_in_an_articles_text_are_sized_and_responsive(output):
    html = (output / "nieuws" / "kerstborrel-personeelsvereniging.html").read_text()
    tag = re.search(r'<img alt="Kraampjes[^>]*>', html).group(0)
    assert 'width="1200" height="800"' in tag and "markt-480.webp 480w" in tag
