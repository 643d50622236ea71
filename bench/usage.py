"""Usage counting: DynamoDB calls per hit, and the 90-day dashboard's calls and latency as the
organisation's data grows (more pages, more groups, more employees)."""

import json
from datetime import timedelta

from .harness import Stack, median_ms


def add_many(sort_key: str, counters: dict) -> None:
    from chalicelib.domain.usage import add

    names = list(counters)
    for start in range(0, len(names), 40):  # an update expression is at most 4 KB
        add(sort_key, {n: counters[n] for n in names[start:start + 40]})


def fill_days(days: int, pages: int, groups: int, employees: int, now) -> None:
    """Writes `days` days of pre-aggregated items the way hits and contributions leave them."""
    from chalicelib.domain.usage import local_day, periods

    add = add_many

    for n in range(days):
        day = local_day(now - timedelta(days=n))
        add(f"D#{day}#V", {"views": pages * 3, **{f"p:/pagina-{p}.html": 3 for p in range(pages)}})
        add(f"D#{day}#A", {"total": employees // 2})
        add(f"D#{day}#C", {"c:post:organic": groups, **{f"g:G{g:04d}:{kind}:organic": 1
                                                         for g in range(groups)
                                                         for kind in ("post", "comment")}})
    for p in periods(now)[1:]:
        add(p.tally, {"total": employees})
    add("EMPLOYEES", {"total": employees})


def hit_calls(stack: Stack, person) -> dict:
    http, headers = stack.client.http, stack.headers(person)
    measured = {}
    for name in ("first hit of the day", "every later hit"):
        stack.meter.reset()
        http.post("/api/hits", headers=headers, body=json.dumps({"path": "/"}))
        measured[name] = stack.meter.total()
    return measured


def run() -> dict:
    stack = Stack()
    from chalicelib.domain import people
    from chalicelib.ids import new_id, system_clock

    try:
        admin = people.create({"email": "usage@voorbeeld.nl", "name": "Usage", "role": "admin"},
                              system_clock, new_id)
        http, headers = stack.client.http, stack.headers(admin)
        result = {"hit_calls": hit_calls(stack, admin), "dashboard": []}
        now = system_clock()
        # The larger organisation's counters are added on top of the smaller one's: the same
        # 90 daily items, each with more page and group counters.
        for label, pages, groups, employees in [("small", 10, 5, 100),
                                                ("large", 300, 200, 10_000)]:
            fill_days(90, pages, groups, employees, now)
            stack.meter.reset()
            response = http.get("/api/usage?days=90", headers=headers)
            assert response.status_code == 200, response.body
            calls = dict(stack.meter.calls)
            repeat = 9 if label == "small" else 3
            stack.meter.reset()
            ms = median_ms(lambda: http.get("/api/usage?days=90", headers=headers),
                           repeat=repeat, warmup=1)
            endpoint_ms = stack.meter.seconds * 1000 / (repeat + 1)  # mean, for comparison
            result["dashboard"].append({"data": label, "pages": pages, "groups": groups,
                                        "calls": calls, "ms": ms, "endpoint_ms": endpoint_ms})
        return result
    finally:
        stack.stop()


def run_isolated() -> dict:
    """In a process of its own: settings are read once per process, and the other benchmarks'
    50,000 posts would make moto's table copies (one per transaction) slow."""
    import subprocess
    import sys

    from infra.paths import ROOT

    done = subprocess.run([sys.executable, "-m", "bench.usage"], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    print(json.dumps(run()))
