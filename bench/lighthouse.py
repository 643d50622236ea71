"""Lighthouse on the real pages: `python -m bench.lighthouse` (about 10 minutes).

Builds the site, starts `plein dev` on it, signs in as the demo's admin (so the dashboard has
something to show) and runs Lighthouse from npm (`npx lighthouse`, with Debian's Chromium) on
the home page, an article, groups, people and the dashboard, with the mobile and the desktop
preset. Reports performance, accessibility and best practices, cumulative layout shift, the
home page's weight without photos, and its API calls. Not part of `make bench`: it needs npm
and takes minutes; the numbers go into docs/mobile.md by hand.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from infra import site
from infra.local.dynamo import free_port
from infra.paths import ROOT

PAGES = {"home": "/", "article": "/nieuws/kerstborrel-personeelsvereniging.html",
         "groups": "/groepen.html", "people": "/mensen.html", "dashboard": "/dashboard.html"}
PRESETS = ("mobile", "desktop")
CHROMIUM = os.environ.get("PLEIN_CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = os.environ.get("PLEIN_LIGHTHOUSE", "lighthouse@12")
EMAIL = "anna.de.vries@voorbeeld.nl"
PHOTO_TYPES = ("Image", "Media")


def _wait(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/health", timeout=1).read()
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("plein dev did not start")


def _session_cookie(url: str) -> str:
    request = urllib.request.Request(
        f"{url}/api/auth/dev-login", data=json.dumps({"email": EMAIL}).encode(), method="POST",
        headers={"Content-Type": "application/json", "Origin": url})
    with urllib.request.urlopen(request, timeout=10) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in cookies)


def audit(url: str, preset: str, cookie: str) -> dict:
    cmd = ["npx", "--yes", LIGHTHOUSE, url, "--output=json", "--output-path=stdout", "--quiet",
           "--only-categories=performance,accessibility,best-practices",
           "--chrome-flags=--headless --no-sandbox --disable-gpu",
           "--extra-headers", json.dumps({"Cookie": cookie})]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    done = subprocess.run(cmd, capture_output=True, text=True, check=True,
                          env={**os.environ, "CHROME_PATH": CHROMIUM})
    report = json.loads(done.stdout)
    scores = {k: round((v["score"] or 0) * 100) for k, v in report["categories"].items()}
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        **scores,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes_without_photos": sum(r.get("transferSize", 0) for r in requests
                                    if r.get("resourceType") not in PHOTO_TYPES),
        "api_calls": sorted(r["url"].split("/api", 1)[1] for r in requests if "/api/" in r["url"]),
        "failed": [r["url"] for r in requests if (r.get("statusCode") or 0) >= 400],
    }


def run(pages=PAGES, presets=PRESETS) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out, data = Path(tmp) / "site", Path(tmp) / "data"
        assert site.build(output=out)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "infra.cli", "dev", "--port", str(port), "--data-dir",
             str(data), "--site-dir", str(out), "--no-build", "--no-watch"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(url)
            cookie = _session_cookie(url)
            return {f"{name} {preset}": audit(url + path, preset, cookie)
                    for name, path in pages.items() for preset in presets}
        finally:
            server.terminate()
            server.wait(timeout=30)


def table(results: dict) -> str:
    lines = ["| page | performance | accessibility | best practices | CLS | KB without photos "
             "| API calls |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['performance']} | {r['accessibility']} | "
                     f"{r['best-practices']} | {r['cls']:.3f} | "
                     f"{r['bytes_without_photos'] / 1024:.1f} | {', '.join(r['api_calls'])} |")
    return "\n".join(lines)


if __name__ == "__main__":
    chosen = {k: v for k, v in PAGES.items() if len(sys.argv) < 2 or k in sys.argv[1:]}
    found = run(chosen)
    print(table(found))
    print(json.dumps(found))
