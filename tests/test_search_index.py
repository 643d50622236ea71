"""The site's search index in shards (infra/search_index.py), run with the real Pagefind binary
on small generated sites: every indexable page in exactly one shard, and a rebuild that
re-indexes only the shards whose pages changed."""

import gzip
import json
import os

import pytest

from infra import search_index

AIM = 3  # pages a shard aims at: ten pages make four shards


def page(title: str, words: str, indexable: bool = True) -> str:
    body = " data-pagefind-body" if indexable else ""
    return (f'<!doctype html><html lang="nl"><head><title>{title}</title></head><body>'
            f"<nav>Menu</nav><article{body}><h1>{title}</h1><p>{words}</p></article>"
            "</body></html>")


def write(output, path, html):
    file = output / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(html)
    # A rewrite within the same clock tick must still count as a change.
    st = file.stat()
    os.utime(file, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def indexed(output) -> dict[str, dict[str, str]]:
    """Per shard: each page's URL and text, read back from the fragments Pagefind wrote."""
    bundle = output / search_index.BUNDLE
    found = {}
    for shard in sorted(p for p in bundle.iterdir() if p.is_dir()):
        pages = {}
        for fragment in (shard / "fragment").iterdir():
            data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
            record = json.loads(data)
            pages[record["url"]] = record["content"]
        found[shard.name] = pages
    return found


def listed(output) -> list[str]:
    text = (output / search_index.BUNDLE / search_index.MANIFEST).read_text()
    return json.loads(text.removeprefix("export default ").rstrip().rstrip(";"))


@pytest.fixture
def site(tmp_path):
    output, cache = tmp_path / "site", tmp_path / ".site.cache"
    for n in range(10):
        write(output, f"nieuws/bericht-{n}.html", page(f"Bericht {n}", f"woord{n} gemeente"))
    write(output, "index.html", page("Home", "startpagina", indexable=False))
    write(output, "nieuws-2.html", page("Nieuws", "lijst", indexable=False))
    assert search_index.index(output, cache, shard_pages=AIM)
    return output, cache


def test_every_indexable_page_is_in_exactly_one_shard(site):
    output, _cache = site
    shards = indexed(output)
    assert len(shards) == 4
    urls = [url for pages in shards.values() for url in pages]
    assert sorted(urls) == sorted(f"/nieuws/bericht-{n}.html" for n in range(10))
    assert listed(output) == [f"{name}/" for name in sorted(shards, key=int)]
    for name, pages in shards.items():
        assert all(search_index.shard_of(url[1:], 4) == int(name) for url in pages)


def test_one_changed_page_reindexes_only_its_shard(site):
    output, cache = site
    entries = {p.parent.name: p.stat().st_ino
               for p in (output / search_index.BUNDLE).glob("*/pagefind-entry.json")}
    write(output, "nieuws/bericht-4.html", page("Bericht 4", "dakopbouw gemeente"))
    assert search_index.index(output, cache, shard_pages=AIM)

    mine = str(search_index.shard_of("nieuws/bericht-4.html", 4))
    after = {p.parent.name: p.stat().st_ino
             for p in (output / search_index.BUNDLE).glob("*/pagefind-entry.json")}
    assert {n for n in entries if entries[n] != after[n]} == {mine}
    assert "dakopbouw" in indexed(output)[mine]["/nieuws/bericht-4.html"]


def test_a_listing_page_changing_reindexes_nothing(site):
    output, cache = site
    entries = sorted(p.stat().st_ino
                     for p in (output / search_index.BUNDLE).glob("*/pagefind-entry.json"))
    write(output, "nieuws-2.html", page("Nieuws", "een nieuwe lijst", indexable=False))
    assert search_index.index(output, cache, shard_pages=AIM)
    assert entries == sorted(p.stat().st_ino for p in
                             (output / search_index.BUNDLE).glob("*/pagefind-entry.json"))


def test_a_removed_page_leaves_its_shard(site):
    output, cache = site
    (output / "nieuws" / "bericht-7.html").unlink()
    assert search_index.index(output, cache, shard_pages=AIM)
    urls = {url for pages in indexed(output).values() for url in pages}
    assert "/nieuws/bericht-7.html" not in urls
    assert len(urls) == 9


def test_a_site_that_outgrows_its_shards_is_cut_again(site):
    output, cache = site
    for n in range(10, 40):
        write(output, f"nieuws/bericht-{n}.html", page(f"Bericht {n}", f"woord{n}"))
    assert search_index.index(output, cache, shard_pages=AIM)
    shards = indexed(output)
    # 40 pages are more than twice the aim in each of four shards: cut into 14 (one of which
    # the hash happens to leave empty, and the browser is not asked to load).
    assert json.loads((cache / search_index.STATE).read_text())["shards"] == 14
    assert sum(len(pages) for pages in shards.values()) == 40
    assert listed(output) == [f"{name}/" for name in sorted(shards, key=int)]
    assert 10 <= len(shards) <= 14


def test_a_lost_cache_or_an_old_single_bundle_starts_over(site):
    output, cache = site
    (output / search_index.BUNDLE / "pagefind.js").write_text("// an old single bundle")
    (cache / search_index.STATE).unlink()
    assert search_index.index(output, cache, shard_pages=AIM)
    assert not (output / search_index.BUNDLE / "pagefind.js").exists()
    assert sum(len(pages) for pages in indexed(output).values()) == 10
