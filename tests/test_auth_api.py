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
    assert set(cookies) == {sessions.COOKIE, "plein_idhint", *sitecookies.NAMES}
    assert all("Max-Age=0" in c for c in cookies.values())


def _demo_routes(**environ) -> list[str]:
    """Status of the two demo routes in a fresh interpreter (settings are read at import),
    against the same endpoint, with this environment on top."""
    import os
    import subprocess
    import sys

    script = (
        "import json; from chalice.test import Client; from app import app\n"
        "with Client(app) as c:\n"
        "    a = c.http.get('/api/auth/dev-users').status_code\n"
        "    b = c.http.post('/api/auth/dev-login', body=json.dumps({'email': 'x@y.nl'}),"
        " headers={'content-type': 'application/json', 'host': 'h', 'origin': 'http://h'})"
        ".status_code\n"
        "print(a, b)\n"
    )
    env = {**os.environ, **environ}
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, cwd="functions", check=True).stdout.split()


def test_demo_routes_are_off_unless_plein_dev_turns_them_on(make_person):
    """The stage name decides nothing: a stage named "local" without the flag has none."""
    make_person(name="Anna")
    assert _demo_routes(PLEIN_STAGE="local", PLEIN_DEMO_SIGNIN="") == ["404", "404"]
    assert _demo_routes(PLEIN_STAGE="prod", PLEIN_DEMO_SIGNIN="") == ["404", "404"]
    assert _demo_routes(PLEIN_STAGE="local", PLEIN_DEMO_SIGNIN="1") == ["200", "400"]


def test_session_answers_null_without_a_session_and_the_person_with_one(client, make_person,
                                                                        as_person):
    signed_out = client.http.get("/api/session")
    assert signed_out.status_code == 200 and signed_out.json_body == {"person": None}
    anna = make_person(name="Anna de Vries")
    signed_in = client.http.get("/api/session", headers=as_person(anna))
    assert signed_in.status_code == 200 and signed_in.json_body["person"]["name"] == "Anna de Vries"
    # session.js announces this person to the bell, which shows their unread count
    assert signed_in.json_body["person"]["unread"] == 0
    bad = client.http.get("/api/session", headers={"Cookie": "plein_session=forged"})
    assert bad.status_code == 200 and bad.json_body == {"person": None}
