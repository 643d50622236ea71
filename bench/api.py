"""DynamoDB calls per request, and home-stream latency as the data grows."""

import json
import statistics
import time
from datetime import UTC, datetime, timedelta

from .harness import Stack, median_ms


def bulk_posts(author, count: int, start: datetime) -> None:
    """Writes `count` posts straight into the table (batch writes), oldest first."""
    from chalicelib.clock import iso
    from chalicelib.ids import new_id
    from chalicelib.models import Post

    with Post.batch_write() as batch:
        for n in range(count):
            moment = start + timedelta(seconds=n)
            post_id = new_id(moment)
            batch.save(Post(*Post.key(post_id), gsi1sk=post_id, gsi2pk=f"AUTHOR#{author.id}",
                            gsi2sk=post_id, id=post_id, author_id=author.id,
                            author_name=author.name, body=f"Bericht {n}", created=iso(moment)))


def calls_per_request(stack: Stack, person) -> list[tuple[str, int]]:
    http, headers = stack.client.http, stack.headers(person)
    page = http.get("/api/stream", headers=headers).json_body
    post_id = page["items"][0]["id"]
    question = http.post("/api/posts", headers=headers,
                         body=json.dumps({"body": "Vraag?", "kind": "question"})).json_body
    empty = json.dumps({})
    group = http.post("/api/groups", headers=headers,
                      body=json.dumps({"name": "Bench", "visibility": "open"})).json_body["id"]
    joiner = stack.headers(stack.person("joiner"))
    measured = []
    for name, action in [
        ("GET /api/me", lambda: http.get("/api/me", headers=headers)),
        ("GET /api/home", lambda: http.get("/api/home", headers=headers)),
        ("GET /api/stream", lambda: http.get("/api/stream", headers=headers)),
        ("GET /api/stream?cursor=…",
         lambda: http.get(f"/api/stream?cursor={page['next']}", headers=headers)),
        ("GET /api/stream?unanswered=1",
         lambda: http.get("/api/stream?unanswered=1", headers=headers)),
        ("GET /api/stream?author=…",
         lambda: http.get(f"/api/stream?author={person.id}", headers=headers)),
        ("POST /api/posts",
         lambda: http.post("/api/posts", headers=headers, body=json.dumps({"body": "hoi"}))),
        ("POST /api/posts (question)",
         lambda: http.post("/api/posts", headers=headers,
                           body=json.dumps({"body": "Vraag?", "kind": "question"}))),
        ("GET /api/posts/{id}", lambda: http.get(f"/api/posts/{post_id}", headers=headers)),
        ("POST /api/posts/{id}/comments",
         lambda: http.post(f"/api/posts/{post_id}/comments", headers=headers,
                           body=json.dumps({"body": "Goed idee"}))),
        ("GET /api/posts/{id}/comments",
         lambda: http.get(f"/api/posts/{post_id}/comments", headers=headers)),
        ("POST /api/pages/comments?path=…",
         lambda: http.post("/api/pages/comments?path=/over-plein.html", headers=headers,
                           body=json.dumps({"body": "Handig"}))),
        ("PUT /api/posts/{id}/reactions/like",
         lambda: http.put(f"/api/posts/{post_id}/reactions/like", headers=headers, body=empty)),
        ("POST /api/posts/{id}/answer",
         lambda: http.post(f"/api/posts/{question['id']}/answer", headers=headers,
                           body=json.dumps({"comment": None}))),
        ("GET /api/groups?q=…", lambda: http.get("/api/groups?q=be", headers=headers)),
        ("GET /api/groups?filter=mine",
         lambda: http.get("/api/groups?filter=mine", headers=headers)),
        ("GET /api/groups/{id}", lambda: http.get(f"/api/groups/{group}", headers=headers)),
        ("PUT /api/groups/{id}/members/me",
         lambda: http.put(f"/api/groups/{group}/members/me", headers=joiner, body="{}")),
    ]:
        stack.meter.reset()
        action()
        measured.append((name, stack.meter.total()))
    return measured


def median_own_ms(stack: Stack, action, repeat: int = 30) -> float:
    """Median time of a request minus the time spent waiting for the endpoint: our own code.
    moto answers a Query on a global secondary index by walking every item in the table
    (moto/dynamodb/models/table.py, `for item in self.all_items()`), so its share grows with
    the table where DynamoDB's does not; this number shows what our side does."""
    samples = []
    for _ in range(repeat):
        stack.meter.reset()
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started - stack.meter.seconds) * 1000)
    return statistics.median(samples)


def own_rounds(stack: Stack, action, rounds: int = 5) -> dict:
    """The own time in several rounds: its median and spread, since one round's median moved
    by a tenth between reruns."""
    medians = sorted(median_own_ms(stack, action) for _ in range(rounds))
    return {"median": statistics.median(medians), "low": medians[0], "high": medians[-1]}


def frozen_own(stack: Stack, action) -> dict:
    """The own time with every object alive now moved out of the garbage collector's sight
    (`gc.freeze()`). moto runs in this process, so its items are Python objects that each
    full collection walks while our code runs: that grows with the table, and a Lambda talking
    to DynamoDB never pays it. The difference between the two numbers is that cost."""
    import gc

    gc.collect()
    gc.freeze()
    try:
        return own_rounds(stack, action)
    finally:
        gc.unfreeze()


def run(small: int = 1_000, large: int = 50_000) -> dict:
    stack = Stack()  # configures the environment before chalicelib is imported
    from chalicelib.clock import system_clock
    from chalicelib.domain import people
    from chalicelib.ids import new_id

    try:
        person = people.create({"email": "bench@voorbeeld.nl", "name": "Bench"}, system_clock,
                               new_id)
        start = datetime(2026, 1, 1, tzinfo=UTC)
        bulk_posts(person, small, start)
        http, headers = stack.client.http, stack.headers(person)
        def stream():
            return http.get("/api/stream", headers=headers)

        at_small = median_ms(stream)
        own_small = own_rounds(stack, stream)
        frozen_small = frozen_own(stack, stream)
        # Counted before the large load: moto deep-copies every table on each transaction,
        # so writes against 50,000 items measure moto. The counts do not depend on size (no
        # key condition involves it; tests/test_posts_api.py checks 25 against 80 posts).
        calls = calls_per_request(stack, person)
        bulk_posts(person, large - small, start + timedelta(days=30))
        at_large = median_ms(stream)
        own_large = own_rounds(stack, stream)
        frozen_large = frozen_own(stack, stream)
        return {
            "stream_own_ms": {small: own_small["median"], large: own_large["median"]},
            "stream_own_spread": {small: own_small, large: own_large},
            "stream_own_ratio": own_large["median"] / own_small["median"],
            "stream_frozen_ms": {small: frozen_small, large: frozen_large},
            "stream_frozen_ratio": frozen_large["median"] / frozen_small["median"],
            "calls": calls,
            "stream_ms": {small: at_small, large: at_large},
            "stream_ratio": at_large / at_small,
        }
    finally:
        stack.stop()
