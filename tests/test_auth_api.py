import json
from datetime import timedelta

from chalicelib.domain import sessions
from chalicelib.web import sitecookies
from cookies import set_cookies


def test_dev_users_lists_everyone_by_name(client, make_person):
    make_person(name="Zeger", role="admin")
    make_person(name="Anna", role="content_manager")
    items = client.http.get("/api/auth/dev-users").json_body["items"]
    assert [(p["name"], p["role"]) for p in items] == [("Anna", "content_manager"),
                                                       ("Zeger", "admin")]


def test_dev_login_sets_a_signed_httponly_lax_cookie(client, make_person, as_person):
    anna = make_person(name="Anna")
    response = client.http.post("/api/auth/dev-login", headers=as_person(),
                                body=json.dumps({"email": anna.email}))
    assert response.status_code == 200
    cookie = set_cookies(response)[sessions.COOKIE]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    me = client.http.get("/api/me", headers={"cookie": f"{sessions.COOKIE}={token}"})
    assert me.status_code == 200
    assert me.json_body["name"] == "Anna"


def test_dev_login_with_unknown_email_is_400(client, as_person):
    response = client.http.post("/api/auth/dev-login", headers=as_person(),
                                body=json.dumps({"email": "nobody@voorbeeld.nl"}))
    assert response.status_code == 400
    assert response.json_body["field"] == "email"


def test_expired_session_is_refused(clock, make_person):
    token = sessions.issue(make_person().id, clock())
    assert sessions.verify(token, clock()) is not None
    clock.advance(hours=13)
    assert sessions.verify(token, clock()) is None


def test_unsigned_token_is_refused(clock, make_person):
    import jwt

    person = make_person()
    forged = jwt.encode({"sub": person.id, "iat": clock(), "exp": clock() + timedelta(hours=1)},
                        key="", algorithm="none")
    assert sessions.verify(forged, clock()) is None


def test_logout_clears_the_cookie(client, make_person, as_person):
    response = client.http.post("/api/auth/logout", headers=as_person(make_person()), body="{}")
    assert response.status_code == 200
    cookies = set_cookies(response)
    assert set(cookies) == {sessions.COOKIE, *sitecookies.NAMES}
    assert all("Max-Age=0" in c for c in cookies.values())


def test_dev_routes_are_404_on_other_stages(make_person):
    """Runs a fresh interpreter with PLEIN_STAGE=prod against the same endpoint."""
    import os
    import subprocess
    import sys

    make_person(name="Anna")
    script = (
        "import json; from chalice.test import Client; from app import app\n"
        "with Client(app) as c:\n"
        "    a = c.http.get('/api/auth/dev-users').status_code\n"
        "    b = c.http.post('/api/auth/dev-login', body=json.dumps({'email': 'x@y.nl'}),"
        " headers={'content-type': 'application/json', 'host': 'h', 'origin': 'https://h'})"
        ".status_code\n"
        "print(a, b)\n"
    )
    environ = {**os.environ, "PLEIN_STAGE": "prod"}
    out = subprocess.run([sys.executable, "-c", script], env=environ, capture_output=True,
                         text=True, cwd="functions", check=True).stdout
    assert out.split() == ["404", "404"]
