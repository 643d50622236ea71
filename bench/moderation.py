"""Community management: DynamoDB calls per report, per hide and per "Gelezen" confirmation,
and the moderation queue page's calls as the number of open reports grows.

`python -m bench.moderation` prints the results as JSON (small sizes: a few hundred reports).
"""

import json
import os
import sys

from .harness import Stack, median_ms

SIZES = (10, 100, 200)


def _call(stack: Stack, method: str, path: str, person, body=None):
    http = stack.client.http
    headers = stack.headers(person)
    if method == "GET":
        return http.get(path, headers=headers)
    return getattr(http, method.lower())(path, headers=headers, body=json.dumps(body or {}))


def _counted(stack: Stack, action) -> dict:
    stack.meter.reset()
    response = action()
    assert response.status_code in (200, 201), response.body
    return dict(stack.meter.calls)


def run(sizes=SIZES) -> dict:
    # Filling the queue posts and reports far faster than a person may; settings are read
    # when the app is first imported, so this must come before the stack starts.
    os.environ["PLEIN_RATE_LIMITS"] = "post=100000/60,comment=100000/60,report=100000/60"
    stack = Stack()
    from chalicelib.clock import system_clock
    from chalicelib.domain import people
    from chalicelib.ids import new_id

    def person(name, role="employee"):
        return people.create({"email": f"{name}@voorbeeld.nl", "name": name, "role": role},
                             system_clock, new_id)

    try:
        author, reporter = person("schrijver"), person("melder")
        editor = person("redactie", "content_manager")
        post = _call(stack, "POST", "/api/posts", author, {"body": "Iets"}).json_body
        comment = _call(stack, "POST", f"/api/posts/{post['id']}/comments", author,
                        {"body": "Reactie"}).json_body
        result = {"calls": {}, "queue": []}
        calls = result["calls"]
        calls["POST /api/reports (post)"] = _counted(stack, lambda: _call(
            stack, "POST", "/api/reports", reporter, {"post": post["id"], "reason": "spam"}))
        calls["POST /api/reports (comment)"] = _counted(stack, lambda: _call(
            stack, "POST", "/api/reports", reporter,
            {"comment": comment["id"], "reason": "offensive"}))
        calls["POST /api/moderation/post/{id}/hide"] = _counted(stack, lambda: _call(
            stack, "POST", f"/api/moderation/post/{post['id']}/hide", editor,
            {"reason": "Spam"}))
        announcement = _call(stack, "POST", "/api/posts", editor,
                             {"body": "Lees dit", "must_read": True}).json_body
        calls["PUT /api/posts/{id}/read-confirmation"] = _counted(stack, lambda: _call(
            stack, "PUT", f"/api/posts/{announcement['id']}/read-confirmation", reporter))
        calls["PUT /api/posts/{id}/read-confirmation (again)"] = _counted(stack, lambda: _call(
            stack, "PUT", f"/api/posts/{announcement['id']}/read-confirmation", reporter))
        calls["GET /api/posts/{id}/read-confirmations"] = _counted(stack, lambda: _call(
            stack, "GET", f"/api/posts/{announcement['id']}/read-confirmations", editor))

        # The queue as open reports grow: each new post reported once.
        reported = 0
        for size in sizes:
            while reported < size:
                target = _call(stack, "POST", "/api/posts", author,
                               {"body": f"Melding {reported}"}).json_body
                _call(stack, "POST", "/api/reports", reporter,
                      {"post": target["id"], "reason": "other"})
                reported += 1
            first = _counted(stack, lambda: _call(stack, "GET", "/api/moderation/queue", editor))
            page = _call(stack, "GET", "/api/moderation/queue", editor).json_body
            later = (_counted(stack, lambda cursor=page["next"]: _call(
                stack, "GET", f"/api/moderation/queue?cursor={cursor}", editor))
                if page["next"] else None)
            ms = median_ms(lambda: _call(stack, "GET", "/api/moderation/queue", editor),
                           repeat=5, warmup=1)
            result["queue"].append({"open reports": size, "first page": first,
                                    "next page": later, "ms": round(ms, 1)})
        return result
    finally:
        stack.stop()


def report(m: dict) -> list[str]:
    def total(calls):
        return sum(calls.values()) if calls else "–"

    lines = ["", "## Community management (`bench/moderation.py`)", "",
             "| request | calls |", "| --- | --- |"]
    lines += [f"| `{name}` | {total(c)} ({', '.join(f'{k} {v}' for k, v in c.items())}) |"
              for name, c in m["calls"].items()]
    lines += ["", "| open reports | queue, first page | next page | median ms |",
              "| --- | --- | --- | --- |"]
    lines += [f"| {q['open reports']} | {total(q['first page'])} | {total(q['next page'])} "
              f"| {q['ms']} |" for q in m["queue"]]
    return lines


def run_isolated() -> dict:
    """In a process of its own: settings (here the rate limits) are read once per process."""
    import subprocess

    from infra.paths import ROOT

    done = subprocess.run([sys.executable, "-m", "bench.moderation"], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    sizes = tuple(int(n) for n in sys.argv[1:]) or SIZES
    measured = run(sizes)
    print("\n".join(report(measured)))
    print(json.dumps(measured))
