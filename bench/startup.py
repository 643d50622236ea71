"""Cold import time of the Lambda handler module: what every cold start pays."""

import statistics
import subprocess
import sys
import time

from infra.paths import FUNCTIONS


def _once(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=FUNCTIONS, check=True,
                   env={"PLEIN_SESSION_SECRET": "x", "PATH": "/usr/bin:/bin"})
    return (time.perf_counter() - start) * 1000


def run(repeat: int = 7) -> dict:
    baseline = statistics.median(_once("pass") for _ in range(repeat))
    with_app = statistics.median(_once("import app") for _ in range(repeat))
    return {"interpreter_ms": baseline, "import_app_ms": with_app - baseline}
