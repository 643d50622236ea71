"""The real `plein dev` process: one origin, demo seed, and local data across restarts."""

import gzip
import signal
import subprocess
import sys
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
        # Gzipped as CloudFront sends it (infra/local/compress.py).
        packed = urllib.request.urlopen(urllib.request.Request(
            f"{server.url}/", headers={"Accept-Encoding": "gzip"}))
        assert packed.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.read()).decode() == html
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


def post_with_a_like(session, body: str) -> dict:
    status, post = session.call("POST", "/api/posts", {"body": body})
    assert status == 201
    assert session.call("PUT", f"/api/posts/{post['id']}/reactions/like", {})[0] == 200
    return post


def stream_after_restart(server) -> list:
    server.start()
    session = server.session()
    sign_in(session)
    _, stream = session.call("GET", "/api/stream")
    return stream["items"]


def test_an_answered_write_survives_kill_9_right_after_the_answer(server):
    # No snapshot is due for an hour: only the journal can keep the post.
    server.start(snapshot_every=3600)
    session = server.session()
    sign_in(session)
    post = post_with_a_like(session, "Voor de crash")
    server.stop(signal.SIGKILL)

    try:
        items = stream_after_restart(server)
        mine = [p for p in items if p["id"] == post["id"]]
        assert len(mine) == 1 and mine[0]["likes"] == 1
    finally:
        server.stop()


def views_today(server) -> int:
    session = server.session()
    sign_in(session)  # the first demo employee is an admin
    status, usage = session.call("GET", "/api/usage?days=1")
    assert status == 200
    return usage["daily"][-1]["views"]


def test_writes_already_in_the_snapshot_are_not_replayed_twice(server):
    server.start(snapshot_every=3600)
    session = server.session()
    sign_in(session)
    # A page view is an unconditional ADD: replayed twice, it would count twice.
    assert session.call("POST", "/api/hits", {"path": "/"})[0] in (200, 202, 204)
    server.stop(signal.SIGKILL)
    journal = server.data_dir / "journal.log"
    unfolded = journal.read_bytes()
    assert b"UpdateItem" in unfolded

    server.start()  # replays the journal and folds it into the snapshot
    assert server.stop() == 0
    assert journal.read_bytes() == b""
    # As if the process had died after writing the snapshot but before emptying the journal.
    journal.write_bytes(unfolded)
    server.start()
    try:
        assert views_today(server) == 1
    finally:
        server.stop()


def test_a_second_process_on_the_same_data_dir_is_refused(server, tmp_path, built_site):
    server.start()
    try:
        other = DevServer(server.data_dir, built_site).start(wait=False)
        assert other.process.wait(timeout=60) == 2
        assert "stop it first" in other.process.stderr.read()
        other.stop()
        reindex = subprocess.run(
            [sys.executable, "-m", "infra.cli", "people", "reindex", "--data-dir",
             str(server.data_dir)], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert reindex.returncode == 2 and "stop it first" in reindex.stderr
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
