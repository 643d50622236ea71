"""Reactions: DynamoDB calls per reaction, change of kind and removal (on a post and on a page
of the site), and the "who reacted" page's calls and latency as a post's reactions grow (the
rarest kind asked: the worst case for a filtered page), and exact counts after many
concurrent changes.

`python -m bench.reactions [sizes…]` prints the results as JSON (small sizes by default).
"""

import json
import os
import random
import sys
from concurrent.futures import ThreadPoolExecutor

from .harness import Stack, median_ms

SIZES = (20, 200)
KINDS = ("like", "thanks", "celebrate", "insightful")


def _call(stack: Stack, method: str, path: str, person):
    http = stack.client.http
    headers = stack.headers(person)
    if method == "GET":
        return http.get(path, headers=headers)
    return getattr(http, method.lower())(path, headers=headers, body="{}")


def _counted(stack: Stack, action) -> dict:
    stack.meter.reset()
    response = action()
    assert response.status_code == 200, response.body
    return dict(stack.meter.calls)


def run(sizes=SIZES) -> dict:
    os.environ["PLEIN_RATE_LIMITS"] = "like=100000/60,post=100000/60"
    from infra.paths import ROOT

    # The pages the API tests know, so a page reaction finds its page.
    os.environ["PLEIN_SITE_PAGES"] = str(ROOT / "tests" / "data" / "site-pages.json")
    stack = Stack()
    from chalicelib.clock import system_clock
    from chalicelib.domain import reactions
    from chalicelib.domain.viewer import Viewer

    def viewer(person) -> Viewer:
        return Viewer(person.id, person.name, person.email, person.role, person)

    try:
        author, reader = stack.person("schrijver"), stack.person("lezer")
        post = stack.client.http.post("/api/posts", headers=stack.headers(author),
                                      body=json.dumps({"body": "Iets"})).json_body
        url = f"/api/posts/{post['id']}/reactions"
        calls = {
            "PUT …/reactions/thanks (new)": _counted(
                stack, lambda: _call(stack, "PUT", f"{url}/thanks", reader)),
            "PUT …/reactions/thanks (again)": _counted(
                stack, lambda: _call(stack, "PUT", f"{url}/thanks", reader)),
            "PUT …/reactions/celebrate (change)": _counted(
                stack, lambda: _call(stack, "PUT", f"{url}/celebrate", reader)),
            "DELETE …/reactions/celebrate": _counted(
                stack, lambda: _call(stack, "DELETE", f"{url}/celebrate", reader)),
        }
        news = "path=/nieuws/test-news.html"
        calls.update({
            "PUT /api/pages/reactions/thanks (new)": _counted(
                stack, lambda: _call(stack, "PUT", f"/api/pages/reactions/thanks?{news}",
                                     reader)),
            "PUT /api/pages/reactions/celebrate (change)": _counted(
                stack, lambda: _call(stack, "PUT", f"/api/pages/reactions/celebrate?{news}",
                                     reader)),
            # What an article asks: its comments, with the page's counts and the own kind.
            "GET /api/pages/comments (no comments yet)": _counted(
                stack, lambda: _call(stack, "GET", f"/api/pages/comments?{news}", author)),
            "GET /api/pages/reactions": _counted(
                stack, lambda: _call(stack, "GET", f"/api/pages/reactions?{news}", author)),
        })
        pages, made = [], 0
        for size in sizes:
            people = [viewer(stack.person(f"collega{n}")) for n in range(made, size)]
            # One in twenty thanks, the rest like: "?kind=thanks" is the sparse, worst page.
            for n, who in enumerate(people, start=made):
                reactions.react(who, post["id"], "thanks" if n % 20 == 0 else "like",
                                system_clock)
            made = size
            for query in ("", "?kind=thanks"):
                path = f"{url}{query}"
                pages.append({"reactions": size, "query": query or "(all)",
                              "calls": _counted(stack, lambda p=path: _call(stack, "GET", p,
                                                                             reader)),
                              "ms": round(median_ms(lambda p=path: _call(stack, "GET", p, reader),
                                                    repeat=5, warmup=1), 1)})
        # Every reactor changes kind a few times, from six threads at once.
        everyone = [viewer(stack.person(f"wisselaar{n}")) for n in range(30)]
        chance = random.Random(17)
        steps = [(who, chance.choice(KINDS)) for who in everyone * 4]
        with ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(lambda s: reactions.react(s[0], post["id"], s[1], system_clock),
                          steps))
        shown = _call(stack, "GET", f"/api/posts/{post['id']}", reader).json_body["reactions"]
        listed = []
        cursor = None
        while True:
            page = _call(stack, "GET", url + (f"?cursor={cursor}" if cursor else ""),
                         reader).json_body
            listed += page["items"]
            cursor = page["next"]
            if not cursor:
                break
        exact = all(shown[k] == sum(i["kind"] == k for i in listed) for k in KINDS)
        return {"calls": calls, "pages": pages,
                "concurrent": {"changes": len(steps), "people": made + len(everyone),
                               "counts": shown, "exact": exact}}
    finally:
        stack.stop()


def report(r: dict) -> list[str]:
    def total(c):
        return f"{sum(c.values())} ({', '.join(f'{k} {v}' for k, v in sorted(c.items()))})"

    lines = ["", "## Reactions (`bench/reactions.py`)", "",
             "| request | calls |", "| --- | --- |"]
    lines += [f"| `{name}` | {total(c)} |" for name, c in r["calls"].items()]
    lines += ["", "| reactions on the post | who reacted | calls | median ms |",
              "| --- | --- | --- | --- |"]
    lines += [f"| {p['reactions']} | {p['query']} | {total(p['calls'])} | {p['ms']} |"
              for p in r["pages"]]
    c = r["concurrent"]
    lines += ["", f"After {c['changes']} concurrent changes of kind (six threads), the post's "
              f"counts for its {c['people']} reactions were {c['counts']}: "
              f"{'equal to' if c['exact'] else '**not** equal to'} the kinds of the markers "
              "that who reacted lists. A page of one kind makes at most 3 Queries of 50 "
              "markers whatever the post's size; a sparse kind then answers a short page with "
              "a cursor.", ""]
    return lines


def run_isolated() -> dict:
    """In a process of its own: settings (here the rate limits) are read once per process."""
    import subprocess

    from infra.paths import ROOT

    done = subprocess.run([sys.executable, "-m", "bench.reactions"], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    measured = run(tuple(int(n) for n in sys.argv[1:]) or SIZES)
    print("\n".join(report(measured)))
    print(json.dumps(measured))
