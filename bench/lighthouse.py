"""Lighthouse on the real pages: `python -m bench.lighthouse` (about 10 minutes).

Builds the site, starts `plein dev` on it, signs in as the demo's admin (so the dashboard has
something to show) and runs Lighthouse from npm (`npx lighthouse`, with Debian's Chromium) on
the home page, an article, groups, people and the dashboard, with the mobile and the desktop
preset. Reports performance, accessibility and best practices, cumulative layout shift, each
page's weight without photos (uncompressed, and gzipped as CloudFront and `plein dev` send it:
infra/local/compress.py), its API calls and any failed request. It needs npm and takes
minutes, so `make bench` does not run it: the results are kept in
`bench/results/lighthouse.json`, and `make bench` puts the latest of them into
docs/benchmarks.md with the date they were measured.
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
# What the performance score is made of (simulated on a throttled phone for "mobile").
TIMINGS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "speed-index")
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
    """A file's size gzipped, as it is sent (asked for apart, because the service worker's
    install fetches some of them a second time)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as response:
        return len(gzip.compress(response.read(), 6))


class SignedInChrome:
    """Debian's Chromium with the session in its cookie jar, as a browser that signed in itself
    has it (a session passed to Lighthouse as a header is displaced by the first cookie a page
    sets). Lighthouse connects to it and keeps its cookies; before each audit everything else
    the site stored (HTTP cache, service worker, caches, local storage) is cleared, so every
    page is a first visit."""

    def __init__(self, site: str, cookie: str, folder: Path):
        self.site, self.cookie, self.folder = site, cookie, folder

    def __enter__(self) -> "SignedInChrome":
        from playwright.sync_api import sync_playwright

        self.port = free_port()
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--remote-debugging-port={self.port}", f"--user-data-dir={self.folder}",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        endpoint = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}/json/version", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        self.playwright = sync_playwright().start()
        context = self.playwright.chromium.connect_over_cdp(endpoint).contexts[0]
        context.add_cookies([{"name": name, "value": value, "url": self.site}
                             for name, value in (part.split("=", 1)
                                                 for part in self.cookie.split("; "))])
        page = context.pages[0] if context.pages else context.new_page()
        self.cdp = context.new_cdp_session(page)
        return self

    def fresh(self) -> None:
        self.cdp.send("Network.clearBrowserCache")
        self.cdp.send("Storage.clearDataForOrigin", {
            "origin": self.site,
            "storageTypes": "cache_storage,indexeddb,local_storage,service_workers"})

    def __exit__(self, *_exc) -> None:
        self.playwright.stop()
        self.process.terminate()
        self.process.wait(timeout=30)


def audit(url: str, preset: str, cookie: str, chrome: SignedInChrome) -> dict:
    chrome.fresh()
    cmd = ["npx", "--yes", LIGHTHOUSE, url, "--output=json", "--output-path=stdout", "--quiet",
           "--only-categories=performance,accessibility,best-practices",
           f"--port={chrome.port}", "--disable-storage-reset"]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    done = subprocess.run(cmd, capture_output=True, text=True, check=True,
                          env={**os.environ, "CHROME_PATH": CHROMIUM})
    report = json.loads(done.stdout)
    scores = {k: round((v["score"] or 0) * 100) for k, v in report["categories"].items()}
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    origin = "/".join(url.split("/", 3)[:3])
    fetched = [r["url"] for r in requests if r.get("resourceType") not in PHOTO_TYPES
               and "/api/" not in r["url"] and r["url"].startswith(origin)
               and (r.get("statusCode") or 0) == 200]
    # Each file once: the service worker's install fetches the shell files the page has just
    # loaded; that second copy is counted apart ("repeated").
    static = {u: _gzipped(u, cookie) for u in dict.fromkeys(fetched)}
    repeated = sum(static[u] for u in fetched) - sum(static.values())
    return {
        **scores,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes_without_photos": sum(r.get("resourceSize", 0) for r in requests
                                    if r.get("resourceType") not in PHOTO_TYPES),
        # API answers as they came over the wire: gzipped by plein dev when CloudFront would.
        "gzip_without_photos": sum(static.values())
        + sum(r.get("transferSize", 0) for r in requests if "/api/" in r["url"]),
        "timings_ms": {key: round(audits[key]["numericValue"]) for key in TIMINGS},
        "gzip_repeated": repeated,
        "files": {u[len(origin):]: n for u, n in sorted(static.items(), key=lambda kv: -kv[1])},
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
            with SignedInChrome(url, cookie, Path(tmp) / "chrome") as chrome:
                return {f"{name} {preset}": audit(url + path, preset, cookie, chrome)
                        for name, path in pages.items() for preset in presets}
        finally:
            server.terminate()
            server.wait(timeout=30)


def table(results: dict) -> str:
    lines = ["| page | performance | LCP / TBT ms | accessibility | best practices | CLS | "
             "KB without photos (gzipped) | API calls | failed requests |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, r in results.items():
        timings = r.get("timings_ms", {})
        lcp, tbt = (timings.get(k, "?") for k in ("largest-contentful-paint",
                                                   "total-blocking-time"))
        lines.append(f"| {name} | {r['performance']} | {lcp} / {tbt} | {r['accessibility']} | "
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
            "without photos as sent (gzipped, by CloudFront and, the same way, by `plein dev`: "
            "`infra/local/compress.py`).", "",
            table(stored["pages"]), "",
            "Lighthouse connects to a Chrome whose cookie jar holds the session, as a browser "
            "that signed in itself has it; storage other than cookies is cleared before each "
            "page, so every page is a first visit (service worker install included).", "",
            "Every goal met." if not missed else "Missed: " + "; ".join(missed) + ".", ""]


if __name__ == "__main__":
    chosen = {k: v for k, v in PAGES.items() if len(sys.argv) < 2 or k in sys.argv[1:]}
    found = run(chosen)
    save(found)
    print(table(found))
    print("\n".join(met(found)) or "every goal met")
