"""Search as the posts grow: index writes per post, and calls and time per query with 1,000
and 3,000 posts in the index (the ratio is what carries over); and the weight of the search
page, and of Pagefind's bundle that a first search downloads.

`python -m bench.search [small large]`: smaller sizes for a quick look.
"""

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ulid import ULID

from infra.paths import ROOT

from .harness import Stack
from .pages import weight

# 50,000 posts are 1.25 million index items in moto's in-process tables, which never finished
# (over 9 GB and 17 minutes; moto walks the whole table for every Query), and 10,000 took more
# than 17 minutes too. The calls and items read, which are what carry over to DynamoDB, do not
# depend on the size.
SIZES = (1_000, 3_000)
WORDS_PER_POST = 30
VOCABULARY = 3_000
RARE = "zeldzaamheidsonderzoek"  # in one post only
# (name, query): a query people type, from the rarest to the most common words.
QUERIES = [
    ("one rare word", RARE),
    ("one common word", "w1"),
    ("common + rare", f"w1 {RARE}"),
    ("three common words", "w1 w2 w3"),
    ("five words", "w1 w2 w3 w4 w5"),
]


def vocabulary(rng: random.Random) -> list[str]:
    """Made-up Dutch-looking words, so stemming has work to do; w1..w5 are the most used."""
    syllables = ["ver", "ge", "be", "over", "in", "stal", "fiets", "werk", "plan", "raad",
                 "huis", "wijk", "zorg", "data", "team", "bouw", "weg", "park", "school"]
    words = [f"w{n}" for n in range(1, 6)]
    while len(words) < VOCABULARY:
        word = "".join(rng.choices(syllables, k=rng.randint(2, 4))) + rng.choice(
            ["", "en", "ing", "ingen", "s"])
        if word not in words:
            words.append(word)
    return words


def body(rng: random.Random, words: list[str], weights: list[float]) -> str:
    return " ".join(rng.choices(words, weights=weights, k=WORDS_PER_POST))


def write_posts(start: int, count: int, rng: random.Random, author, words, weights) -> None:
    """Posts and their index entries in batches: the same items the stream consumer writes,
    built by the same functions, without a GetItem per post (which only the first write of a
    document needs anyway)."""
    from chalicelib.domain.search.terms import document_terms, plain_text
    from chalicelib.models import IndexedDocument, Post, TermEntry

    base = 1_600_000_000_000
    with Post.batch_write() as posts, TermEntry.batch_write() as entries:
        for n in range(start, start + count):
            post_id = str(ULID.from_timestamp((base + n * 60_000) / 1000))
            text = body(rng, words, weights) + (f" {RARE}" if n == 0 else "")
            posts.save(Post(*Post.key(post_id), gsi1sk=post_id, gsi2pk=f"AUTHOR#{author.id}",
                            gsi2sk=post_id, id=post_id, author_id=author.id,
                            author_name=author.name, body=text, created="2026-01-01T00:00:00Z"))
            terms = document_terms(plain_text(text))
            for stem, count_ in terms.items():
                entries.save(TermEntry(*TermEntry.key(stem, post_id), kind="post", part="FEED",
                                       n=count_))
            entries.save(IndexedDocument(*IndexedDocument.key(post_id), kind="post",
                                         part="FEED", terms=terms))


def writes_per_post(stack: Stack, rng, words, weights, author, sample: int = 50) -> dict:
    """Posts through the real indexer: DynamoDB write requests and items written per post,
    for a new post and for an edit of one word."""
    from chalicelib.domain.search.index import Document, DynamoIndex

    index = DynamoIndex()
    new, edit, items = [], [], []
    for n in range(sample):
        doc_id = f"01J{n:023d}"
        text = body(rng, words, weights)
        stack.meter.reset()
        items.append(index.index(Document(doc_id, "post", "FEED", text)))
        new.append(stack.meter.total())
        stack.meter.reset()
        index.index(Document(doc_id, "post", "FEED", text.replace(text.split()[0], "anders", 1)))
        edit.append(stack.meter.total())
        index.remove(doc_id)
    return {"items_new": statistics.median(items), "calls_new": statistics.median(new),
            "calls_edit": statistics.median(edit)}


def measure(stack: Stack, person, repeat: int = 5) -> dict:
    http, headers = stack.client.http, stack.headers(person)
    out = {}
    for name, q in QUERIES:
        path = f"/api/search?type=posts&q={q.replace(' ', '+')}"
        response = http.get(path, headers=headers)
        assert response.status_code == 200, response.json_body
        times, own, calls = [], [], 0
        for _ in range(repeat):
            stack.meter.reset()
            started = time.perf_counter()
            http.get(path, headers=headers)
            elapsed = time.perf_counter() - started
            times.append(elapsed * 1000)
            own.append((elapsed - stack.meter.seconds) * 1000)
            calls = stack.meter.total()
        out[name] = {"ms": statistics.median(times), "own_ms": statistics.median(own),
                     "calls": calls,
                     "found": len(response.json_body["items"]),
                     "read": stack.meter.items_read}
    return out


def page_weight() -> dict:
    from infra import search_index, site

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        assert site.build(output=out)
        # The index is in shards (infra/search_index.py): a first search on the Dutch page loads
        # the list of shards, the first shard's script and Dutch WebAssembly, and every shard's
        # entry and Dutch meta.
        root = out / search_index.BUNDLE
        shards = sorted(p for p in root.iterdir() if p.is_dir())
        first = shards[0]
        files = [root / search_index.MANIFEST, first / "pagefind.js",
                 first / "pagefind-worker.js",
                 first / "wasm.nl.pagefind",
                 *[f for shard in shards for f in (shard / "pagefind-entry.json",
                                                    *shard.glob("pagefind.nl_*.pf_meta"))]]
        return {"search page": weight(out, "zoeken.html"), "home": weight(out, "index.html"),
                "pagefind_first_search": sum(f.stat().st_size for f in files),
                "pagefind_files": [str(f.relative_to(root)) for f in files]}


def run(sizes=SIZES, seed: int = 15) -> dict:
    stack = Stack()
    rng = random.Random(seed)
    words = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf: a few words are common
    try:
        author = stack.person("auteur")
        results = {"writes": writes_per_post(stack, rng, words, weights, author), "sizes": {}}
        written = 0
        for size in sizes:
            write_posts(written, size - written, rng, author, words, weights)
            written = size
            results["sizes"][size] = measure(stack, author)
        results["pages"] = page_weight()
        return results
    finally:
        stack.stop()


def run_isolated() -> dict:
    """In its own interpreter: the API's settings are read once per process, at import, so
    this benchmark's stack cannot follow another one in the same process."""
    out = subprocess.run([sys.executable, "-m", "bench.search", "--json"], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def report(results: dict) -> list[str]:
    by_size = {int(k): v for k, v in results["sizes"].items()}
    small, large = sorted(by_size)
    w, p = results["writes"], results["pages"]
    lines = [
        "## Search as the posts grow",
        "",
        f"Posts of {WORDS_PER_POST} words drawn from {VOCABULARY:,} (Zipf: w1 is the most "
        f"common), with {small:,} and {large:,} posts in the term index. `GET /api/search"
        "?type=posts`: DynamoDB calls, items its Queries read (ScannedCount), results, median "
        "time outside the endpoint (our code and HTTP) and its ratio, and the total on moto, "
        "which walks the whole table for every Query and so grows with it where DynamoDB "
        "would not.",
        "",
        f"| query | calls {small:,} → {large:,} | items read | found | own time | ratio "
        f"| total on moto |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, _q in QUERIES:
        a, b = by_size[small][name], by_size[large][name]
        lines.append(f"| {name} | {a['calls']} → {b['calls']} | {a['read']} → {b['read']} | "
                     f"{a['found']} → {b['found']} | {a['own_ms']:.0f} → {b['own_ms']:.0f} ms "
                     f"| {b['own_ms'] / a['own_ms']:.2f} | {a['ms']:.0f} → {b['ms']:.0f} ms |")
    lines += [
        "",
        f"Indexing a new post: {w['calls_new']:.0f} DynamoDB requests ({w['items_new']:.0f} "
        f"items: one entry per distinct stem, Dutch and English, and the document's list); "
        f"an edit of one word: {w['calls_edit']:.0f} requests.",
        "",
        f"The search page: {p['search page']['total'] / 1024:.1f} KB in "
        f"{p['search page']['requests']} requests; the home page: "
        f"{p['home']['total'] / 1024:.1f} KB. A first search of news and pages then loads "
        f"Pagefind: {p['pagefind_first_search'] / 1024:.1f} KB "
        f"({', '.join(p['pagefind_files'])}) plus the index chunks and fragments it needs.",
    ]
    return lines


if __name__ == "__main__":
    as_json = "--json" in sys.argv
    sizes = tuple(int(a) for a in sys.argv[1:] if a != "--json") or SIZES
    results = run(sizes)
    print(json.dumps(results) if as_json else "\n".join(report(results)))
