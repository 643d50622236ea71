"""Site builds as news grows: a cold build, and a rebuild after one article changed.

The articles are generated here (the demo's own five are copied as they are), so the numbers
describe Pelican, our theme and plugins at 1,000 and 5,000 articles, not a particular text.
"""

import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from infra import site
from infra.paths import CONTENT

SIZES = (1_000, 5_000)
TOPICS = ("fietsplan", "omgevingswet", "personeelsvereniging", "flexplekken", "participatie",
          "duurzaamheid", "huisvesting", "dienstverlening")

ARTICLE = """Title: Bericht {n}: {topic} in de wijk
Date: {date}
Category: Nieuws
Tags: {topic}, wijk
Slug: bericht-{n}
Summary: Een kort bericht over {topic}, nummer {n}, om de lijsten te vullen.

Dit is bericht {n} over **{topic}**. Collega's uit het team vertellen wat er speelt en wat het
voor de wijk betekent.

## Wat er verandert

- Eerste punt over {topic}
- Tweede punt, met een [link naar de huisregels](/huisregels.html)

Meer weten? Vraag het in de groep.
"""


def make_content(root: Path, articles: int) -> Path:
    content = root / "content"
    shutil.copytree(CONTENT, content)
    folder = content / "articles"
    for n in range(articles):
        day = n % 28 + 1
        month = n // 28 % 12 + 1
        date = f"{2020 + n // 336}-{month:02d}-{day:02d} {n % 24:02d}:{n % 60:02d}"
        (folder / f"bericht-{n}.md").write_text(
            ARTICLE.format(n=n, topic=TOPICS[n % len(TOPICS)], date=date))
    return content


def timed(work) -> tuple[float, float]:
    """Wall time and the child processes' CPU time: the second holds still when other work
    shares the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    assert work(), "the build failed"
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def pages_then_index(content: Path, output: Path) -> tuple[tuple, tuple]:
    """The pages (Pelican) and the search index (Pagefind, in shards: only the shards whose
    pages changed are indexed again) measured apart: `plein build` is both."""
    pages = timed(lambda: site.build(output=output, content=content, search=False))
    index = timed(lambda: site.index_for_search(output))
    return pages, index


ROUNDS = 3  # one-change rebuilds per size, each editing another article; the median is kept


def one_change(content: Path, output: Path, n: int) -> dict:
    changed = content / "articles" / f"bericht-{n}.md"
    changed.write_text(changed.read_text().replace("Eerste punt", "Het eerste punt"))
    (pages, pages_cpu), (index, index_cpu) = pages_then_index(content, output)
    return {"s": pages + index, "cpu_s": pages_cpu + index_cpu, "pages_s": pages,
            "index_s": index, "index_cpu_s": index_cpu}


def run(sizes=SIZES) -> dict:
    results = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            content = make_content(root, size)
            output = root / "site"
            (cold, cold_cpu), (cold_index, cold_index_cpu) = pages_then_index(content, output)
            rounds = [one_change(content, output, size // 2 + k * 7) for k in range(ROUNDS)]
            one = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
            results[size] = {"cold_s": cold + cold_index, "cold_cpu_s": cold_cpu + cold_index_cpu,
                             "cold_index_s": cold_index, "one": one,
                             "one_range": (min(r["s"] for r in rounds),
                                           max(r["s"] for r in rounds)),
                             "ratio": one["s"] / (cold + cold_index),
                             "news_index_bytes": (output / "nieuws.html").stat().st_size,
                             "news_pages": len(list(output.glob("nieuws*.html")))}
    return results


GOALS = {1_000: 2.0, 5_000: 3.0}  # seconds for one change (issue 19), and ≤ 0.3 × cold
RATIO = 0.3


def section(results: dict) -> list[str]:
    lines = ["## Site builds as news grows", "",
             "`python -m bench.builds`: generated articles, a cold build, then one article "
             f"changed and built again, {ROUNDS} times (the median, with the range). `plein build` "
             "is the pages (Pelican with `plugins/plein_incremental`) and then the search index "
             "(Pagefind in shards, `infra/search_index.py`: only the shards whose pages changed "
             "are indexed again); both are in the times, and shown apart. CPU time is the build "
             "processes' own, which holds still when other work shares the machine.", "",
             "| articles | cold build | one change | of which pages / search index | ratio "
             "| goal | news index page |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for size, r in results.items():
        one, (low, high) = r["one"], r["one_range"]
        goal = GOALS.get(size)
        ok = r["ratio"] <= RATIO and (goal is None or one["s"] <= goal)
        aim = f"≤ {goal} s, " if goal else ""
        lines.append(
            f"| {size:,} | {r['cold_s']:.1f} s ({r['cold_cpu_s']:.1f} s CPU) | "
            f"{one['s']:.2f} s ({low:.2f}–{high:.2f}; {one['cpu_s']:.2f} s CPU) | "
            f"{one['pages_s']:.2f} s / {one['index_s']:.2f} s | {r['ratio']:.2f} | "
            f"{aim}≤ {RATIO} × cold: "
            f"{'met' if ok else '**missed**'} | "
            f"{r['news_index_bytes'] / 1024:.0f} KB, {r['news_pages']} pages |")
    lines += ["", "Goals for one change: " + ", ".join(
        f"≤ {g} s at {n:,}" for n, g in GOALS.items()) + f", and ≤ {RATIO} × a cold build.", ""]
    return lines


if __name__ == "__main__":
    import sys

    sizes = tuple(int(a) for a in sys.argv[1:]) or SIZES
    print("\n".join(section(run(sizes))))
