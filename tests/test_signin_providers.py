"""Sign-in with providers as they really behave: claims only in userinfo, an issuer spelt with
a trailing "/", a provider that is down, RP-initiated logout; and refusals that are logged."""

import os
import subprocess
import sys
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

import pytest
from chalicelib.domain import oidc, sessions
from cookies import set_cookies, value
from signin_steps import follow_provider, sign_in, start

ORIGIN = "http://plein.test"  # tests/conftest.py: the site the test client calls


def _me(client, response) -> dict:
    assert response.status_code == 302, response.body
    assert "error" not in response.headers["Location"], response.headers["Location"]
    token = value(set_cookies(response)[sessions.COOKIE])
    return client.http.get("/api/me", headers={"cookie": f"{sessions.COOKIE}={token}"}).json_body


def _refused_with(response, code: str) -> None:
    assert response.status_code == 302
    assert response.headers["Location"] == f"/inloggen.html?error={code}"
    assert sessions.COOKIE not in set_cookies(response)


def test_claims_only_in_userinfo_are_fetched_with_the_access_token(client, issuer):
    """A conformant provider's default in the code flow: the ID token names only `sub`."""
    issuer.next_user = {"sub": "u-4", "email": "joost@voorbeeld.nl", "name": "Joost Bos",
                        "groups": ["plein-admins"]}
    issuer.userinfo_only = ("email", "name", "groups")
    profile = _me(client, sign_in(client))
    assert (profile["email"], profile["name"], profile["role"]) == (
        "joost@voorbeeld.nl", "Joost Bos", "admin")
    assert len(issuer.userinfo_requests) == 1 and issuer.userinfo_requests[0]


def test_userinfo_about_another_subject_is_refused(client, issuer, meter):
    issuer.userinfo_only = ("email", "name")
    issuer.userinfo_changes = {"sub": "someone-else"}
    meter.reset()
    _refused_with(sign_in(client), "token")
    assert meter.calls == {}


def test_userinfo_is_not_asked_when_the_id_token_has_everything(client, issuer):
    issuer.next_user = {**issuer.next_user, "groups": []}
    _me(client, sign_in(client))
    assert issuer.userinfo_requests == []


def test_an_issuer_ending_in_a_slash_signs_in(client, issuer):
    """Auth0 and Entra ID v1 spell their issuer with a trailing "/", in discovery and `iss`."""
    issuer.trailing_slash = True
    profile = _me(client, sign_in(client))
    assert profile["email"] == "anna@voorbeeld.nl"


def _provider(issuer, issuer_setting: str) -> oidc.Provider:
    return oidc.Provider(issuer=issuer_setting, client_id=issuer.client_id,
                         client_secret=issuer.client_secret,
                         redirect_uri="http://plein.test/api/auth/callback",
                         allowed_domains=("voorbeeld.nl",))


@pytest.mark.parametrize("provider_slash", [True, False])
def test_the_issuer_setting_may_be_written_with_or_without_the_slash(issuer, provider_slash):
    issuer.trailing_slash = provider_slash
    for setting in (issuer.url, issuer.url + "/"):
        provider = _provider(issuer, setting)
        now = datetime.now(UTC)
        url, flow_token = oidc.start(provider, "/", now)
        params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(follow_provider(url)).query))
        who = oidc.finish(provider, params, oidc.read_flow(flow_token, now), now)
        # The identity link's key does not depend on how the setting was written.
        assert (who.issuer, who.email) == (issuer.url, "anna@voorbeeld.nl")


def test_a_discovery_document_for_another_issuer_is_still_refused(issuer):
    provider = _provider(issuer, issuer.url + "/other")
    with pytest.raises(oidc.SignInRefused):
        oidc.start(provider, "/", datetime.now(UTC))


def test_with_the_provider_down_on_a_cold_start_login_shows_the_sign_in_page(client, issuer):
    issuer.down = True  # and nothing cached: the issuer fixture cleared the discovery cache
    response = start(client, "/nieuws/")
    _refused_with(response, "unavailable")


def test_with_the_provider_down_at_the_callback_the_sign_in_page_says_try_again(client, issuer):
    login = start(client)
    flow = value(set_cookies(login)["plein_signin"])
    location = follow_provider(login.headers["Location"])
    issuer.down = True
    parts = urllib.parse.urlsplit(location)
    response = client.http.get(f"{parts.path}?{parts.query}",
                               headers={"host": "plein.test", "cookie": f"plein_signin={flow}"})
    _refused_with(response, "unavailable")


def test_with_the_key_set_unreachable_the_sign_in_page_says_try_again(client, issuer):
    oidc._jwks.cache_clear()  # a cold container: no keys fetched yet
    issuer.down_paths = {"/jwks"}
    try:
        _refused_with(sign_in(client), "unavailable")
    finally:
        oidc._jwks.cache_clear()


_LOGGED_REFUSAL = """
import logging, sys
logging.basicConfig(level=logging.WARNING, stream=sys.stdout,
                    format="%(name)s|%(levelname)s|%(message)s")
sys.path.insert(0, sys.argv[1])
from chalice.test import Client
from app import app
from signin_steps import sign_in

with Client(app) as client:
    print("LOCATION|" + sign_in(client).headers["Location"])
"""


def test_a_refused_sign_in_is_logged_with_its_reason_and_no_token(issuer):
    """In a fresh interpreter with logging as a Lambda has it: what other tests do to this
    process's loggers (pytest's capture missed the record in full runs) cannot decide it."""
    issuer.next_user = {"sub": "x", "email": "iemand@gmail.com", "name": "Iemand"}
    tests = Path(__file__).resolve().parent
    done = subprocess.run([sys.executable, "-c", _LOGGED_REFUSAL, str(tests)],
                          cwd=tests.parent / "functions", capture_output=True, text=True,
                          timeout=60, env=dict(os.environ))
    lines = done.stdout.splitlines()
    assert "LOCATION|/inloggen.html?error=domain" in lines, done.stderr[-2000:]
    refusals = [line for line in lines if "sign-in refused" in line]
    assert len(refusals) == 1 and "gmail.com may not sign in" in refusals[0]
    # Under the route's own logger, at WARNING: not Chalice's app logger, which drops warnings.
    assert refusals[0].startswith("chalicelib.routes.auth|WARNING|")
    record = refusals[0]
    token_request = issuer.token_requests[-1]
    assert token_request["code"] not in record
    assert "eyJ" not in record  # no JWT


def _logout(client, cookies: dict):
    header = "; ".join(f"{name}={val}" for name, val in cookies.items())
    return client.http.post("/api/auth/logout", body="{}", headers={
        "cookie": header, "host": "plein.test", "origin": ORIGIN,
        "content-type": "application/json"})


def test_sign_out_ends_the_provider_s_session_when_it_offers_end_session(client, issuer):
    issuer.end_session = True
    signed_in = set_cookies(sign_in(client))
    id_token = value(signed_in["plein_idhint"])
    assert "Path=/api/auth" in signed_in["plein_idhint"]
    assert "HttpOnly" in signed_in["plein_idhint"]
    response = _logout(client, {sessions.COOKIE: value(signed_in[sessions.COOKIE]),
                                "plein_idhint": id_token})
    assert response.status_code == 200
    url = response.json_body["logout_url"]
    assert url.startswith(f"{issuer.url}/logout?")
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    assert query == {"client_id": issuer.client_id, "id_token_hint": id_token,
                     "post_logout_redirect_uri": "http://plein.test/"}
    assert follow_provider(url) == "http://plein.test/"
    assert issuer.logouts[-1]["id_token_hint"] == id_token
    assert "Max-Age=0" in set_cookies(response)["plein_idhint"]


def test_without_end_session_sign_out_stays_local(client, issuer):
    signed_in = set_cookies(sign_in(client))
    response = _logout(client, {sessions.COOKIE: value(signed_in[sessions.COOKIE])})
    assert response.status_code == 200 and "logout_url" not in response.json_body
