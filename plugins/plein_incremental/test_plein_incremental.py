"""Real Pelican builds of the real theme: a rebuild renders only what changed, removes what is
gone, and the news listing is paginated."""

import shutil
from pathlib import Path

import pytest

from infra import site
from infra.paths import CONTENT

EXTRA = 30  # with the demo's five: two pages of twenty


def article(n: int, body: str = "Eerste versie.") -> str:
    return (f"Title: Bericht {n}\nDate: 2025-01-{n % 28 + 1:02d} 10:{n % 60:02d}\n"
            f"Category: Nieuws\nSlug: bericht-{n}\nSummary: Samenvatting {n}.\n\n{body}\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    for n in range(EXTRA):
        (content / "articles" / f"bericht-{n}.md").write_text(article(n))
    output = root / "site"
    assert site.build(output=output, content=content)
    return content, output


def mtimes(output):
    return {p.relative_to(output): p.stat().st_mtime_ns for p in output.rglob("*.html")}


def test_one_edited_article_renders_only_its_own_page(built):
    content, output = built
    before = mtimes(output)
    (content / "articles" / "bericht-7.md").write_text(article(7, "Tweede versie."))
    assert site.build(output=output, content=content)
    after = mtimes(output)
    changed = {page for page in before if after[page] != before[page]}
    # Its page in each language (docs/languages.md), and nothing else.
    assert changed == {Path("nieuws/bericht-7.html"), Path("en/nieuws/bericht-7.html")}
    assert "Tweede versie." in (output / "nieuws" / "bericht-7.html").read_text()
    assert "Tweede versie." in (output / "en" / "nieuws" / "bericht-7.html").read_text()


def test_a_new_title_renders_the_listings_that_show_it(built):
    content, output = built
    (content / "articles" / "bericht-8.md").write_text(
        article(8).replace("Title: Bericht 8", "Title: Bericht acht"))
    assert site.build(output=output, content=content)
    listings = (output / "nieuws.html").read_text() + (output / "nieuws-2.html").read_text()
    assert "Bericht acht" in listings


def test_a_deleted_article_leaves_the_site(built):
    content, output = built
    (content / "articles" / "bericht-9.md").unlink()
    assert site.build(output=output, content=content)
    assert not (output / "nieuws" / "bericht-9.html").exists()
    assert (output / "nieuws" / "bericht-10.html").exists()


def test_a_missing_output_file_is_written_again(built):
    content, output = built
    (output / "nieuws" / "bericht-11.html").unlink()
    assert site.build(output=output, content=content)
    assert (output / "nieuws" / "bericht-11.html").exists()


def test_the_news_listing_is_paginated(built):
    _content, output = built
    first = (output / "nieuws.html").read_text()
    assert 'rel="next" href="/nieuws-2.html"' in first
    assert first.count("<article>") == 20
    assert 'rel="prev" href="/nieuws.html"' in (output / "nieuws-2.html").read_text()
