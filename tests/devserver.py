"""Runs the real `plein dev` process for persistence and browser tests."""

import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from infra.local.dynamo import free_port

ROOT = Path(__file__).resolve().parent.parent


class DevServer:
    def __init__(self, data_dir: Path, site_dir: Path, port: int | None = None):
        self.data_dir, self.site_dir = data_dir, site_dir
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self, snapshot_every: float = 30, wait: bool = True,
              extra_args: tuple[str, ...] = ()) -> "DevServer":
        cmd = [sys.executable, "-m", "infra.cli", "dev", "--port", str(self.port),
               "--data-dir", str(self.data_dir), "--site-dir", str(self.site_dir),
               "--no-build", "--no-watch", "--snapshot-every", str(snapshot_every),
               *extra_args]
        self.process = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"plein dev exited: {self.process.stderr.read()}")
            try:
                urllib.request.urlopen(f"{self.url}/api/health", timeout=1).read()
                return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError("plein dev did not answer /api/health")

    def stop(self, sig=signal.SIGTERM) -> int:
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=20)
        finally:
            self.process.stdout.close()
            self.process.stderr.close()

    def session(self) -> "HttpSession":
        return HttpSession(self.url)


class HttpSession:
    """A cookie-keeping, same-origin JSON client, as the browser's fetch would be."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def call(self, method: str, path: str, body=None) -> tuple[int, dict]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.base}{path}", data=data, method=method, headers={
            "Content-Type": "application/json", "Origin": self.base})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read() or b"null")
