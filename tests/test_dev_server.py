"""The real `plein dev` process: one origin, demo seed, and local data across restarts."""

import signal
import subprocess
import sys
import time
import tomllib
import urllib.request

import pytest
from devserver import ROOT, DevServer

DEMO_PEOPLE = tomllib.loads((ROOT / "infra/demo/people.toml").read_text())["people"]


@pytest.fixture
def server(tmp_path, built_site):
    return DevServer(tmp_path / "data", built_site)


def sign_in(session, email=None):
    email = email or DEMO_PEOPLE[0]["email"]
    status, _ = session.call("POST", "/api/auth/dev-login", {"email": email})
    assert status == 200


def test_one_origin_serves_site_and_api(server):
    server.start()
    try:
        html = urllib.request.urlopen(f"{server.url}/").read().decode()
        assert "Gemeente Voorbeeld" in html
        status, users = server.session().call("GET", "/api/auth/dev-users")
        assert status == 200
        assert {u["email"] for u in users["items"]} == {p["email"] for p in DEMO_PEOPLE}
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{server.url}/bestaat-niet.html")
        assert missing.value.code == 404
    finally:
        server.stop()


def test_a_post_survives_a_restart_and_the_demo_is_seeded_once(server):
    server.start()
    session = server.session()
    sign_in(session)
    status, post = session.call("POST", "/api/posts", {"body": "Blijft bewaard"})
    assert status == 201
    assert server.stop() == 0

    server.start()
    try:
        session = server.session()
        sign_in(session)
        _, stream = session.call("GET", "/api/stream")
        assert stream["items"][0]["id"] == post["id"]
        _, users = session.call("GET", "/api/auth/dev-users")
        assert len(users["items"]) == len(DEMO_PEOPLE)
    finally:
        server.stop()


def test_data_is_saved_while_running_so_a_crash_loses_little(server):
    server.start(snapshot_every=0.5)
    session = server.session()
    sign_in(session)
    _, post = session.call("POST", "/api/posts", {"body": "Voor de crash"})
    snapshot = server.data_dir / "dynamodb.json"
    deadline = time.monotonic() + 10
    while post["id"] not in snapshot.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    server.stop(signal.SIGKILL)

    server.start()
    try:
        session = server.session()
        sign_in(session)
        _, stream = session.call("GET", "/api/stream")
        assert post["id"] in [p["id"] for p in stream["items"]]
    finally:
        server.stop()


def test_a_corrupt_snapshot_stops_start_up_and_is_left_alone(tmp_path, built_site):
    data = tmp_path / "data"
    data.mkdir()
    snapshot = data / "dynamodb.json"
    snapshot.write_text('{"format": 1, "items": [')
    result = subprocess.run(
        [sys.executable, "-m", "infra.cli", "dev", "--data-dir", str(data), "--site-dir",
         str(built_site), "--no-build", "--no-watch", "--port", "0"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "dynamodb.json" in result.stderr
    assert snapshot.read_text() == '{"format": 1, "items": ['


def test_pages_and_api_carry_security_headers(server):
    server.start()
    try:
        for path in ("/", "/api/health", "/bestaat-niet.html"):
            try:
                response = urllib.request.urlopen(f"{server.url}{path}")
            except urllib.error.HTTPError as err:
                response = err
            csp = response.headers["Content-Security-Policy"]
            assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
            assert "frame-ancestors 'none'" in csp, path
            assert response.headers["X-Content-Type-Options"] == "nosniff", path
            assert response.headers["Referrer-Policy"], path
    finally:
        server.stop()
