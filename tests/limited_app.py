"""Runs the app in a fresh interpreter with its own PLEIN_RATE_LIMITS (settings are read at
import) against the tests' endpoint, and sends the same request a few times."""

import json
import os
import subprocess
import sys
from pathlib import Path

FUNCTIONS = Path(__file__).resolve().parent.parent / "functions"

# A day-long window: three requests in a row cannot straddle a window boundary, as they could
# (and once did) with a one-minute window.
WINDOW = 86_400

_SCRIPT = """
import json, sys
from chalice.test import Client
from app import app
from chalicelib.clock import system_clock
from chalicelib.domain import sessions

person, path, body, times, method = (sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]),
                                     sys.argv[5])
headers = {"content-type": "application/json", "host": "h", "origin": "http://h",
           "cookie": f"{sessions.COOKIE}={sessions.issue(person, system_clock())}"}
with Client(app) as client:
    for _ in range(times):
        r = getattr(client.http, method)(path, body=body, headers=headers)
        print(json.dumps([r.status_code, r.headers.get("Retry-After"),
                          (r.json_body or {}).get("error")]))
"""


def post_repeatedly(person_id: str, path: str, body: dict, limit: str, times: int = 3,
                    method: str = "post") -> list[tuple[int, str | None, str | None]]:
    """(status, Retry-After, error) per request, with PLEIN_RATE_LIMITS=`limit`/WINDOW."""
    environ = {**os.environ, "PLEIN_RATE_LIMITS": f"{limit}/{WINDOW}"}
    out = subprocess.run([sys.executable, "-c", _SCRIPT, person_id, path, json.dumps(body),
                          str(times), method], env=environ, capture_output=True, text=True,
                         cwd=FUNCTIONS, check=True).stdout
    return [tuple(json.loads(line)) for line in out.splitlines()]
