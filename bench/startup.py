"""What a cold start pays: importing the Lambda handler module, and then its first request,
which builds the botocore client and PynamoDB's table metadata for every model it touches."""

import json
import os
import statistics
import subprocess
import sys
import time

from infra.paths import FUNCTIONS

from .harness import Stack

# Runs in a fresh interpreter against the bench's endpoint: the home stream is the request a
# cold Lambda most often answers first, and it touches memberships, groups, posts and reactions.
_FIRST_REQUEST = """
import json, sys, time
from chalice.test import Client
start = time.perf_counter()
import app
from chalicelib.domain import sessions
from chalicelib.clock import system_clock
imported = time.perf_counter()
client = Client(app.app, stage_name="local")
cookie = f"{sessions.COOKIE}={sessions.issue(sys.argv[1], system_clock())}"
timings = []
for _ in range(2):
    begin = time.perf_counter()
    assert client.http.get("/api/stream", headers={"cookie": cookie}).status_code == 200
    timings.append((time.perf_counter() - begin) * 1000)
print(json.dumps({"import_ms": (imported - start) * 1000, "first_ms": timings[0],
                  "second_ms": timings[1]}))
"""


def _once(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=FUNCTIONS, check=True,
                   env={"PLEIN_SESSION_SECRET": "x", "PATH": "/usr/bin:/bin"})
    return (time.perf_counter() - start) * 1000


def first_request(repeat: int = 5) -> dict:
    """Median over fresh processes of the first and second `GET /api/stream`."""
    stack = Stack()
    try:
        person = stack.person("koud")
        runs = [json.loads(subprocess.run(
            [sys.executable, "-c", _FIRST_REQUEST, person.id], cwd=FUNCTIONS, check=True,
            capture_output=True, text=True, env=dict(os.environ)).stdout)
            for _ in range(repeat)]
    finally:
        stack.stop()
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def first_request_isolated() -> dict:
    """In a process of its own: its Stack binds the settings (read once per process) to an
    endpoint that the later benchmarks' stacks would not be."""
    from infra.paths import ROOT

    done = subprocess.run([sys.executable, "-m", "bench.startup"], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _import_ms(cwd, env: dict, repeat: int) -> float:
    code = "import time; t = time.perf_counter(); import app; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, check=True,
                                 capture_output=True, text=True).stdout) * 1000
            for _ in range(repeat)]
    return statistics.median(runs)


def artifact_import(artifact, task, repeat: int = 7) -> dict:
    """`import app` from the unpacked Lambda artifact, read-only as in Lambda, against the same
    import from the venv (whose bytecode is already compiled)."""
    import stat
    import zipfile

    with zipfile.ZipFile(artifact) as zf:
        names = zf.namelist()
        zf.extractall(task)
    for path in sorted(task.rglob("*"), reverse=True):
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    env = {"PLEIN_SESSION_SECRET": "x", "PATH": "/usr/bin:/bin"}
    try:
        packaged = _import_ms(task, env, repeat)
    finally:
        for path in [task, *task.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    venv = _import_ms(FUNCTIONS, env, repeat)
    return {"artifact_import_ms": packaged, "venv_import_ms": venv,
            "artifact_import_ratio": packaged / venv,
            "artifact_files": sum(n.endswith(".py") for n in names)}


def run(repeat: int = 7) -> dict:
    baseline = statistics.median(_once("pass") for _ in range(repeat))
    with_app = statistics.median(_once("import app") for _ in range(repeat))
    return {"interpreter_ms": baseline, "import_app_ms": with_app - baseline,
            "first_request": first_request_isolated()}


if __name__ == "__main__":
    print(json.dumps(first_request()))
