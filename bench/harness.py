"""The local stack for benchmarks: moto's server behind a call meter, like the tests use."""

import os
import secrets
import statistics
import time
from collections.abc import Callable

from infra.local import env
from infra.local.dynamo import EmbeddedAws, ensure_table
from infra.local.meter import CallMeter

TABLE = "plein-bench"
HOST = "bench.local"


class Stack:
    def __init__(self):
        self.aws = EmbeddedAws().start()
        self.meter = CallMeter(self.aws.endpoint)
        env.configure(self.meter.endpoint, TABLE, secrets.token_urlsafe(32))
        from chalicelib.models import TABLE_SCHEMA

        self.dynamodb = self.aws.client("dynamodb")
        ensure_table(self.dynamodb, TABLE, TABLE_SCHEMA)
        from chalice.test import Client

        self.client = Client(env.load_app(), stage_name="local",
                             project_dir=os.path.join(env.FUNCTIONS))

    def headers(self, person) -> dict:
        from chalicelib.clock import system_clock
        from chalicelib.domain import sessions

        token = sessions.issue(person.id, system_clock())
        return {"host": HOST, "origin": f"http://{HOST}", "content-type": "application/json",
                "cookie": f"{sessions.COOKIE}={token}"}

    def person(self, name: str):
        from chalicelib.clock import system_clock
        from chalicelib.domain import people
        from chalicelib.ids import new_id

        return people.create({"email": f"{name}@voorbeeld.nl", "name": name}, system_clock,
                             new_id)

    def stop(self):
        self.meter.stop()
        self.aws.stop()


def median_ms(action: Callable[[], object], repeat: int = 30, warmup: int = 3) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
