"""The real sign-in flow against the loopback OpenID provider: authorize, callback, token
redemption with PKCE, ID token verification, first-sign-in profile, cookies, roles."""

import base64
import json
import time
import urllib.parse
from datetime import UTC, datetime

import jwt
import pytest
from chalicelib.domain import sessions
from chalicelib.web import sitecookies
from cookies import set_cookies, value
from cryptography.hazmat.primitives.asymmetric import rsa
from signin_steps import callback, follow_provider, sign_in, start


def me(client, response):
    token = value(set_cookies(response)[sessions.COOKIE])
    return client.http.get("/api/me", headers={"cookie": f"{sessions.COOKIE}={token}"})


def test_first_sign_in_creates_the_employee_from_the_claims(client, issuer):
    issuer.next_user = {"sub": "u-7", "email": "Pieter@Voorbeeld.nl", "name": "Pieter van Dijk",
                        "job_title": "Beleidsmedewerker", "department": "Ruimtelijke Ordening"}
    response = sign_in(client, next_path="/nieuws/fietsplan.html")
    assert response.status_code == 302
    assert response.headers["Location"] == "/nieuws/fietsplan.html"
    profile = me(client, response).json_body
    assert profile["email"] == "pieter@voorbeeld.nl"
    assert (profile["name"], profile["title"], profile["department"], profile["role"]) == (
        "Pieter van Dijk", "Beleidsmedewerker", "Ruimtelijke Ordening", "employee")


def test_sign_in_sets_the_session_and_site_cookies_and_ends_the_flow(client, issuer):
    cookies = set_cookies(sign_in(client))
    assert set(cookies) == {"plein_signin", "plein_idhint", sessions.COOKIE, *sitecookies.NAMES,
                            "plein_lang"}
    assert "Max-Age=0" in cookies["plein_signin"]
    # The page's language from the first page on (nothing saved: the default); scripts read it.
    assert cookies["plein_lang"].startswith("plein_lang=nl;") and "HttpOnly" not in cookies[
        "plein_lang"]
    for name in (sessions.COOKIE, *sitecookies.NAMES):
        assert "HttpOnly" in cookies[name] and "SameSite=Lax" in cookies[name]
        assert "Path=/;" in cookies[name]


def test_the_flow_uses_pkce_state_and_nonce(client, issuer):
    login = start(client)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(login.headers["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["redirect_uri"] == ["http://plein.test/api/auth/callback"]
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    flow_cookie = set_cookies(login)["plein_signin"]
    assert "HttpOnly" in flow_cookie and "Path=/api/auth" in flow_cookie
    response = callback(client, follow_provider(login.headers["Location"]),
                        value(flow_cookie))
    assert response.status_code == 302 and sessions.COOKIE in set_cookies(response)
    verifier = issuer.token_requests[-1]["code_verifier"]
    assert 43 <= len(verifier) <= 128


def test_a_returning_employee_keeps_one_profile(client, issuer):
    first = me(client, sign_in(client)).json_body
    second = me(client, sign_in(client)).json_body
    assert first["id"] == second["id"]


def test_roles_follow_the_group_claim_and_config_at_every_sign_in(client, issuer):
    issuer.next_user = {**issuer.next_user, "groups": ["plein-admins"]}
    assert me(client, sign_in(client)).json_body["role"] == "admin"
    issuer.next_user = {**issuer.next_user, "groups": []}
    assert me(client, sign_in(client)).json_body["role"] == "employee"
    issuer.next_user = {"sub": "u-9", "email": "redactie@voorbeeld.nl", "name": "Redactie"}
    assert me(client, sign_in(client)).json_body["role"] == "content_manager"


def refused(response, code):
    assert response.status_code == 302
    assert response.headers["Location"] == f"/inloggen.html?error={code}"
    assert sessions.COOKIE not in set_cookies(response)
    assert not set(sitecookies.NAMES) & set(set_cookies(response))
    return True


def test_an_email_outside_the_allowed_domains_is_refused_and_nothing_is_created(
        client, issuer, meter):
    issuer.next_user = {"sub": "x", "email": "iemand@gmail.com", "name": "Iemand"}
    meter.reset()
    assert refused(sign_in(client), "domain")
    assert meter.calls.get("TransactWriteItems", 0) == 0


def test_an_unverified_email_is_refused(client, issuer):
    issuer.next_user = {**issuer.next_user, "email_verified": False}
    assert refused(sign_in(client), "email")


def test_callback_without_the_flow_cookie_is_refused(client, issuer):
    login = start(client)
    assert refused(callback(client, follow_provider(login.headers["Location"]), None), "state")


def test_callback_with_another_flows_state_is_refused(client, issuer):
    """Login CSRF: an attacker's code and state with the victim's own flow cookie."""
    victim = value(set_cookies(start(client))["plein_signin"])
    attacker = follow_provider(start(client).headers["Location"])
    assert refused(callback(client, attacker, victim), "state")


def test_a_tampered_flow_cookie_is_refused(client, issuer):
    login = start(client)
    flow = value(set_cookies(login)["plein_signin"])
    head, payload, sig = flow.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["next"] = "https://evil.example/"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    location = follow_provider(login.headers["Location"])
    assert refused(callback(client, location, f"{head}.{forged}.{sig}"), "state")


def test_a_session_token_is_no_flow_cookie(client, issuer, make_person):
    login = start(client)
    session = sessions.issue(make_person().id, datetime.now(UTC))
    assert refused(callback(client, follow_provider(login.headers["Location"]), session),
                   "state")


def test_a_code_works_only_once(client, issuer):
    login = start(client)
    flow = value(set_cookies(login)["plein_signin"])
    location = follow_provider(login.headers["Location"])
    assert callback(client, location, flow).status_code == 302
    assert refused(callback(client, location, flow), "provider")


def test_an_error_from_the_provider_is_refused(client, issuer):
    flow = value(set_cookies(start(client))["plein_signin"])
    response = client.http.get("/api/auth/callback?error=access_denied&state=x",
                               headers={"host": "plein.test", "cookie": f"plein_signin={flow}"})
    assert refused(response, "provider")


@pytest.mark.parametrize("next_path", ["https://evil.example/", "//evil.example/x",
                                       "/\\evil.example", "javascript:alert(1)"])
def test_next_never_leaves_the_site(client, issuer, next_path):
    assert sign_in(client, next_path=next_path).headers["Location"] == "/"


def _tamper(token: str) -> str:
    head, payload, sig = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["email"] = "anna.de.vries@voorbeeld.nl"
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"{head}.{body}.{sig}"


BAD_TOKENS = {
    "forged": lambda i: setattr(i, "sign_with", rsa.generate_private_key(65537, 2048)),
    "expired": lambda i: i.token_changes.update(iat=int(time.time()) - 7200,
                                                exp=int(time.time()) - 3600),
    "issued in the future": lambda i: i.token_changes.update(iat=int(time.time()) + 3600),
    "wrong audience": lambda i: i.token_changes.update(aud="another-app"),
    "wrong issuer": lambda i: i.token_changes.update(iss="http://127.0.0.1:9/evil"),
    "wrong nonce": lambda i: i.token_changes.update(nonce="replayed"),
    "alg none": lambda i: setattr(i, "unsigned", True),
    "tampered": lambda i: setattr(i, "mangle", _tamper),
    "hs256 with the client secret": lambda i: setattr(
        i, "mangle", lambda t: jwt.encode(jwt.decode(t, options={"verify_signature": False}),
                                          i.client_secret, algorithm="HS256",
                                          headers={"kid": i.kid})),
    "unknown key id": lambda i: i.header_changes.update(kid="other-key"),
    "multiple audiences without azp": lambda i: i.token_changes.update(
        aud=[i.client_id, "another-app"]),
}


@pytest.mark.parametrize("bad", BAD_TOKENS)
def test_bad_id_tokens_are_refused(client, issuer, meter, bad):
    BAD_TOKENS[bad](issuer)
    meter.reset()
    assert refused(sign_in(client), "token")
    assert meter.calls == {}  # refused before any profile was read or written


def test_a_returning_sign_in_costs_three_reads(client, issuer, meter):
    # The identity, the person, and the saved language for the browser's language cookie.
    sign_in(client)
    meter.reset()
    assert sign_in(client).status_code == 302
    assert meter.calls == {"GetItem": 3}


def test_a_provider_that_takes_the_secret_only_in_the_form_gets_it_there(client, issuer):
    from chalicelib.domain import oidc

    issuer.auth_methods = ("client_secret_post",)
    oidc._discovery.cache_clear()  # the provider's discovery document changed
    try:
        assert sessions.COOKIE in set_cookies(sign_in(client))
        assert issuer.token_requests[-1]["client_secret"] == issuer.client_secret
    finally:
        issuer.auth_methods = ("client_secret_basic",)
        oidc._discovery.cache_clear()


def test_the_secret_never_travels_in_the_form_when_basic_is_offered(client, issuer):
    assert sessions.COOKIE in set_cookies(sign_in(client))
    assert "client_secret" not in issuer.token_requests[-1]
