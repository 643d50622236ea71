"""Notifications: the fan-out of one group post to N members who chose "every post" (calls,
time per recipient), and what the bell adds to every page (`GET /api/me`).

Run alone: `python -m bench.notifications [FOLLOWERS]` (default 1,000) prints JSON; `report()`
turns it into a section of docs/benchmarks.md.
"""

import json
import subprocess
import sys
import time
from datetime import UTC, datetime

from infra.paths import ROOT

from .harness import Stack, median_ms


class Quiet:
    """A deliverer that only counts: push and mail are the `delivery` helper's to measure."""

    def __init__(self):
        self.count = 0

    def deliver_now(self, person, note):
        self.count += 1


def bulk_group(owner, followers: int):
    """A group with `followers` members who all chose every post, written in batches."""
    from chalicelib.clock import iso
    from chalicelib.ids import new_id
    from chalicelib.models import Group, Membership, Person
    from chalicelib.models.notifications import Follower

    now = datetime.now(UTC)
    group_id = new_id(now)
    Group(*Group.key(group_id), id=group_id, name="Iedereen", visibility="closed",
          created=iso(now), member_count=followers + 1, manager_count=1).save()
    with Person.batch_write() as batch:
        for n in range(followers):
            person_id = new_id(now) + f"{n:04d}"
            name = f"Volger {n:04d}"
            batch.save(Person(*Person.key(person_id), id=person_id, email=f"v{n}@voorbeeld.nl",
                              name=name, gsi1sk=f"{name.lower()}#{person_id}", created=iso(now)))
            batch.save(Membership(*Membership.key(group_id, person_id),
                                  gsi1pk=f"MEMBERSHIPS#{person_id}", gsi1sk=group_id,
                                  gsi2pk=f"ROSTER#{group_id}#member",
                                  gsi2sk=f"{name.lower()}#{person_id}", group_id=group_id,
                                  person_id=person_id, person_name=name, state="member",
                                  since=iso(now)))
            batch.save(Follower(*Follower.key(group_id, person_id)))
    return group_id


def fan_out_cost(stack: Stack, followers: int) -> dict:
    from chalicelib.background.stream import Change
    from chalicelib.clock import iso
    from chalicelib.domain.notifications.fanout import fan_out
    from chalicelib.ids import new_id

    owner = stack.person("eigenaar")
    group_id = bulk_group(owner, followers)
    post_id = new_id(datetime.now(UTC))
    change = Change("INSERT", {"pk": f"POST#{post_id}", "sk": "POST"}, {
        "id": post_id, "author_id": owner.id, "author_name": owner.name, "body": "Voor allen",
        "group_id": group_id, "created": iso(datetime.now(UTC)), "mentions": {}}, None)
    deliverer = Quiet()
    stack.meter.reset()
    start = time.perf_counter()
    made = fan_out(change, deliverer)
    elapsed = time.perf_counter() - start
    calls, waiting = dict(stack.meter.calls), stack.meter.seconds
    again_start = time.perf_counter()
    stack.meter.reset()
    again = fan_out(change, Quiet())  # redelivery: writes nothing, delivers nothing
    return {"followers": followers, "made": made, "delivered": deliverer.count,
            "calls": calls, "ms": elapsed * 1000, "own_ms": (elapsed - waiting) * 1000,
            "per_recipient_ms": elapsed * 1000 / max(made, 1),
            "redelivery": {"made": again, "calls": dict(stack.meter.calls),
                           "ms": (time.perf_counter() - again_start) * 1000}}


def bell_cost(stack: Stack) -> dict:
    person = stack.person("lezer")
    headers = stack.headers(person)
    http = stack.client.http
    out = {}
    for name, path in (("GET /api/me", "/api/me"), ("GET /api/notifications",
                                                    "/api/notifications")):
        stack.meter.reset()
        http.get(path, headers=headers)
        out[name] = {"calls": dict(stack.meter.calls),
                     "ms": median_ms(lambda p=path: http.get(p, headers=headers), repeat=20)}
    return out


def run(followers: int = 1000) -> dict:
    stack = Stack()
    try:
        return {"fan_out": fan_out_cost(stack, followers), "bell": bell_cost(stack)}
    finally:
        stack.stop()


def run_isolated(followers: int = 1000) -> dict:
    """In its own interpreter, like the other benchmarks with their own stack."""
    out = subprocess.run([sys.executable, "-m", "bench.notifications", str(followers)],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def report(results: dict) -> list[str]:
    f, bell = results["fan_out"], results["bell"]
    calls = ", ".join(f"{op} {n}" for op, n in sorted(f["calls"].items()))
    again = ", ".join(f"{op} {n}" for op, n in sorted(f["redelivery"]["calls"].items()))
    me = sum(bell["GET /api/me"]["calls"].values())
    return [
        "## Notifications",
        "",
        f"One post in a group of {f['followers']:,} members who all chose \"every post\", "
        "fanned out by the stream consumer (`domain/notifications/fanout.py`) with a "
        "deliverer that only counts:",
        "",
        "| | value |", "| --- | --- |",
        f"| notifications written | {f['made']:,} |",
        f"| DynamoDB calls | {calls} |",
        f"| time | {f['ms']:.0f} ms ({f['per_recipient_ms']:.2f} ms per recipient) |",
        f"| of which not waiting for moto | {f['own_ms']:.0f} ms "
        f"({f['own_ms'] / max(f['made'], 1):.2f} ms per recipient) |",
        f"| the same record delivered again | {f['redelivery']['made']} written; {again}; "
        f"{f['redelivery']['ms']:.0f} ms |",
        "",
        "Per 33 recipients: one BatchGet (profile, settings, membership), one TransactWrite "
        "of 33 notes with their counters, one marking them delivered; plus one Query per 100 "
        "followers. The calls grow with the recipients, in bounded steps, never with the "
        "table; a Lambda's 300 s is far from reached. Redelivery writes nothing: per batch "
        "one TransactWrite is cancelled by the notes' conditions, and one BatchGet finds "
        "them delivered already.",
        "",
        "| the bell | DynamoDB calls | median |", "| --- | --- | --- |",
        *[f"| `{name}` | {', '.join(f'{op} {n}' for op, n in sorted(v['calls'].items()))} | "
          f"{v['ms']:.1f} ms |" for name, v in bell.items()],
        "",
        f"The bell costs every page no request of its own: `/api/me` carries the unread count, "
        f"read with one more GetItem (the counter item), {me} calls in all.",
        "",
    ]


if __name__ == "__main__":
    print(json.dumps(run(*[int(n) for n in sys.argv[1:2]])))
