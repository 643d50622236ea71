"""Usage counting: DynamoDB calls per hit, and the 90-day dashboard's calls and latency as the
organisation's data grows (more pages, more groups, more employees)."""

import json
import time
from datetime import timedelta

from .harness import TABLE, Stack, median_ms


def put_all(dynamodb, items: dict[str, dict[str, int]]) -> None:
    """Puts the summed counters, 25 items a call: the items `counting.add` leaves behind, in
    a few hundred calls rather than one UpdateItem per item (18,000 at 200 groups)."""
    from chalicelib.models.usage import USAGE_PK

    requests = [{"PutRequest": {"Item": {
        "pk": {"S": USAGE_PK}, "sk": {"S": sort_key},
        **{name: {"N": str(value)} for name, value in counters.items()}}}}
        for sort_key, counters in items.items()]
    for start in range(0, len(requests), 25):
        batch = {TABLE: requests[start:start + 25]}
        while batch:
            batch = dynamodb.batch_write_item(RequestItems=batch).get("UnprocessedItems")


def summed(into: dict, items: dict) -> dict:
    for sort_key, counters in items.items():
        target = into.setdefault(sort_key, {})
        for name, value in counters.items():
            target[name] = target.get(name, 0) + value
    return into


def contributed(group_id: str | None, moment, kinds=("post", "comment")) -> dict:
    """What one organic post and comment leave on the contribution item `contribution()`
    writes them to, named by the same helpers: a group's own item, or the day's outside
    groups."""
    from chalicelib.domain.contributions import contribution_key, counters

    return {contribution_key(group_id, moment): {
        name: 1 for kind in kinds for name in counters(kind, group_id, "member")}}


def fill_days(days: int, pages: int, groups: int, employees: int, now) -> dict:
    """`days` days of pre-aggregated items the way hits and contributions leave them:
    the day's views and actives, and per day one contribution item per active group plus
    one for contributions outside groups. Returns {sort key: counters}."""
    from chalicelib.domain.counting import periods
    from chalicelib.domain.hits import views_key

    items = {}
    for n in range(days):
        moment = now - timedelta(days=n)
        items[views_key(moment)] = {"views": pages * 3,
                                    **{f"p:/pagina-{p}.html": 3 for p in range(pages)}}
        items[periods(moment)[0].tally] = {"total": employees // 2}
        for group in [None, *(f"G{g:04d}" for g in range(groups))]:
            items.update(contributed(group, moment))
    for p in periods(now)[1:]:
        items[p.tally] = {"total": employees}
    items["EMPLOYEES"] = {"total": employees}
    return items


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
    from chalicelib.clock import system_clock
    from chalicelib.domain import people
    from chalicelib.ids import new_id

    try:
        admin = people.create({"email": "usage@voorbeeld.nl", "name": "Usage", "role": "admin"},
                              system_clock, new_id)
        http, headers = stack.client.http, stack.headers(admin)
        result = {"hit_calls": hit_calls(stack, admin), "dashboard": []}
        now = system_clock()
        totals: dict = {}
        # The larger organisation's counters are added on top of the smaller one's: the same
        # 90 days, with more page counters on each day's views and an item per active group.
        for label, pages, groups, employees in [("small", 10, 5, 100),
                                                ("large", 300, 200, 10_000)]:
            started = time.perf_counter()
            put_all(stack.dynamodb, summed(totals, fill_days(90, pages, groups, employees, now)))
            items, fill_s = len(totals), time.perf_counter() - started
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
                                        "calls": calls, "ms": ms, "endpoint_ms": endpoint_ms,
                                        "items_filled": items, "fill_s": round(fill_s, 1)})
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
