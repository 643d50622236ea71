"""Lighthouse on the real pages: `python -m bench.lighthouse` (about 10 minutes).

Builds the site, starts `plein dev` on it, signs in as the demo's admin (so the dashboard has
something to show) and runs Lighthouse from npm (`npx lighthouse`, with Debian's Chromium) on
the home page, an article, groups, people and the dashboard, with the mobile and the desktop
preset. Reports performance, accessibility and best practices, cumulative layout shift, each
page's weight without photos (as `plein dev` sends it, uncompressed, and gzipped as CloudFront
sends it), its API calls and any failed request. It needs npm and takes minutes, so `make
bench` does not run it: the results are kept in `bench/results/lighthouse.json`, and `make
bench` puts the latest of them into docs/benchmarks.md with the date they were measured.
"""

import gzip
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

RESULTS = ROOT / "bench" / "results" / "lighthouse.json"
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "cls": 0.02,
         "home_gzip_kb": 50}

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


def _gzipped(url: str, cookie: str) -> int:
    """The size CloudFront would send: `plein dev` does not compress."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as response:
        return len(gzip.compress(response.read(), 6))


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
    static = [r for r in requests if r.get("resourceType") not in PHOTO_TYPES
              and "/api/" not in r["url"] and r["url"].startswith(url.split("/", 3)[0] + "//")
              and (r.get("statusCode") or 0) == 200]
    return {
        **scores,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes_without_photos": sum(r.get("transferSize", 0) for r in requests
                                    if r.get("resourceType") not in PHOTO_TYPES),
        "gzip_without_photos": sum(_gzipped(r["url"], cookie) for r in static)
        + sum(r.get("transferSize", 0) for r in requests if "/api/" in r["url"]),
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
             "(gzipped) | API calls | failed requests |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['performance']} | {r['accessibility']} | "
                     f"{r['best-practices']} | {r['cls']:.3f} | "
                     f"{r['bytes_without_photos'] / 1024:.1f} "
                     f"({r.get('gzip_without_photos', 0) / 1024:.1f}) | "
                     f"{', '.join(r['api_calls'])} | {len(r['failed'])} |")
    return "\n".join(lines)


def met(results: dict) -> list[str]:
    """The goals of issue 17 that a run missed, in words."""
    missed = []
    for name, r in results.items():
        for key in ("performance", "accessibility", "best-practices"):
            if r[key] < GOALS[key]:
                missed.append(f"{name}: {key} {r[key]} (goal ≥ {GOALS[key]})")
        if r["cls"] > GOALS["cls"]:
            missed.append(f"{name}: CLS {r['cls']:.3f} (goal ≤ {GOALS['cls']})")
        if r["failed"]:
            missed.append(f"{name}: failed requests {', '.join(r['failed'])}")
        home_kb = r.get("gzip_without_photos", 0) / 1024
        if name.startswith("home") and home_kb > GOALS["home_gzip_kb"]:
            missed.append(f"{name}: {home_kb:.1f} KB gzipped "
                          f"(goal ≤ {GOALS['home_gzip_kb']})")
    return missed


def save(results: dict) -> None:
    """Keeps the pages a run measured; a run of some pages replaces only theirs."""
    stored = json.loads(RESULTS.read_text())["pages"] if RESULTS.exists() else {}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"measured": time.strftime("%Y-%m-%d"),
                                   "pages": {**stored, **results}}, indent=1) + "\n")


def section() -> list[str]:
    """The stored run, for docs/benchmarks.md."""
    if not RESULTS.exists():
        return ["## Lighthouse", "", "Not measured yet: `python -m bench.lighthouse`.", ""]
    stored = json.loads(RESULTS.read_text())
    missed = met(stored["pages"])
    return ["## Lighthouse (`python -m bench.lighthouse`)", "",
            f"Measured {stored['measured']} with Lighthouse from npm and Debian's Chromium, "
            "signed in as the demo admin on `plein dev` (2 shared cores: performance moves by a "
            "few points between runs). Goals (issue 17): performance ≥ 95, accessibility and "
            "best practices 100, layout shift ≤ 0.02, no failed request, the home page ≤ 50 KB "
            "without photos as sent (gzipped; `plein dev` itself does not compress).", "",
            table(stored["pages"]), "",
            "The session reaches Lighthouse's Chrome as a request header (`--extra-headers`), "
            "not in its cookie jar. Once a page sets a cookie of its own (`language.js` "
            "remembers the language when the jar has none), Chrome sends the jar's cookies "
            "instead of the header, and later requests go out signed out. An "
            "`/api/me/notification-settings` on every page and a 401 on `/api/posts/seen` are "
            "that, not the site: a browser that signs in itself keeps the session and the "
            "language in its jar (`tests/browser/test_home_hub.py` holds the home page at "
            "`/api/home` and the beacon). Running Lighthouse against a Chrome that signed in "
            "itself is the next change to this bench.", "",
            "Every goal met." if not missed else "Missed: " + "; ".join(missed) + ".", ""]


if __name__ == "__main__":
    chosen = {k: v for k, v in PAGES.items() if len(sys.argv) < 2 or k in sys.argv[1:]}
    found = run(chosen)
    save(found)
    print(table(found))
    print("\n".join(met(found)) or "every goal met")
