"""Deployed, the API serves only requests that came through CloudFront: they carry the header
CloudFront adds with the stack's secret. The app runs in a fresh interpreter because settings
are read at import."""

import json
import os
import subprocess
import sys
from pathlib import Path

FUNCTIONS = Path(__file__).resolve().parent.parent / "functions"

_SCRIPT = """
import json, sys
from chalice.test import Client
from app import app

with Client(app) as client:
    for sent in json.loads(sys.argv[1]):
        headers = {"x-plein-origin": sent} if sent is not None else {}
        r = client.http.get("/api/health", headers=headers)
        print(json.dumps([r.status_code, (r.json_body or {}).get("error")]))
"""


def answers(secret: str, sent: list) -> list:
    env = {**os.environ, "PLEIN_ORIGIN_SECRET": secret}
    out = subprocess.run([sys.executable, "-c", _SCRIPT, json.dumps(sent)], env=env,
                         cwd=FUNCTIONS, capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_requests_around_cloudfront_are_refused():
    got = answers("4f0c2a8e-1b7d-4c55-9a0e-3d2f6b8c9e11",
                  [None, "", "wrong", "4f0c2a8e-1b7d-4c55-9a0e-3d2f6b8c9e11"])
    assert got == [[403, "forbidden"], [403, "forbidden"], [403, "forbidden"], [200, None]]


def test_without_a_secret_nothing_is_checked():
    assert answers("", [None]) == [[200, None]]


def test_the_template_gives_cloudfront_and_the_api_the_same_secret(built):
    template = built.template()
    api = next(o for o in template["Resources"]["Distribution"]["Properties"]
               ["DistributionConfig"]["Origins"] if o["Id"] == "api")
    [header] = api["OriginCustomHeaders"]
    env = template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert header["HeaderName"].lower() == "x-plein-origin"
    assert header["HeaderValue"] == env["PLEIN_ORIGIN_SECRET"]
    assert "AWS::StackId" in json.dumps(header["HeaderValue"])  # never a literal in the repo
