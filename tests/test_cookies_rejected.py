"""Session cookies that are forged, expired, unsigned, tampered or of another kind get 401;
the CloudFront site cookies are a valid signature over a policy CloudFront will enforce."""

import base64
import json
import os
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from chalicelib.domain import sessions
from chalicelib.web import sitecookies
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding


def _b64(part: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _enc(claims: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")


def _forged(person_id):
    now = datetime.now(UTC)
    return jwt.encode({"sub": person_id, "iat": now, "exp": now + timedelta(hours=1)},
                      "not-our-secret-but-long-enough-for-hmac-32", algorithm="HS256")


def _expired(person_id):
    return sessions.issue(person_id, datetime.now(UTC) - timedelta(hours=13))


def _unsigned(person_id):
    now = datetime.now(UTC)
    return jwt.encode({"sub": person_id, "iat": now, "exp": now + timedelta(hours=1)}, None,
                      algorithm="none")


def _tampered(person_id):
    """A valid token for someone else, with its subject swapped for our victim."""
    head, payload, sig = sessions.issue("01JAAAAAAAAAAAAAAAAAAAAAAA", datetime.now(UTC)).split(".")
    return f"{head}.{_enc({**_b64(payload), 'sub': person_id})}.{sig}"


def _flow_token(person_id):
    return sessions.seal({"state": "s", "nonce": "n", "verifier": "v", "next": "/"},
                         "oidc-flow", datetime.now(UTC), 600)


def _future(person_id):
    return sessions.issue(person_id, datetime.now(UTC) + timedelta(hours=2))


BAD = {"forged": _forged, "expired": _expired, "alg none": _unsigned, "tampered": _tampered,
       "a sign-in flow token": _flow_token, "issued in the future": _future}


@pytest.mark.parametrize("kind", BAD)
def test_bad_session_cookies_get_401(client, make_person, kind):
    token = BAD[kind](make_person().id)
    response = client.http.get("/api/me", headers={"cookie": f"{sessions.COOKIE}={token}"})
    assert response.status_code == 401


def test_a_good_session_cookie_gets_in(client, make_person):
    token = sessions.issue(make_person().id, datetime.now(UTC))
    response = client.http.get("/api/me", headers={"cookie": f"{sessions.COOKIE}={token}"})
    assert response.status_code == 200


def _cf_b64decode(text: str) -> bytes:
    return base64.b64decode(text.replace("-", "+").replace("_", "=").replace("~", "/"))


def test_site_cookies_are_a_valid_signature_over_a_policy_for_the_site(site_public_key):
    pem = os.environ["PLEIN_CLOUDFRONT_PRIVATE_KEY"]  # what the app was configured with
    expires = datetime(2026, 11, 27, 21, 0, tzinfo=UTC)
    cookies = sitecookies.values("https://plein.voorbeeld.nl", "K2KEY", pem, expires)
    assert cookies["CloudFront-Key-Pair-Id"] == "K2KEY"
    policy = _cf_b64decode(cookies["CloudFront-Policy"])
    statement = json.loads(policy)["Statement"][0]
    assert statement["Resource"] == "https://plein.voorbeeld.nl/*"
    assert statement["Condition"]["DateLessThan"]["AWS:EpochTime"] == int(expires.timestamp())
    signature = _cf_b64decode(cookies["CloudFront-Signature"])
    site_public_key.verify(signature, policy, padding.PKCS1v15(), hashes.SHA1())
    # The signature covers the policy: a longer-lived policy does not verify.
    longer = policy.replace(str(int(expires.timestamp())).encode(), b"4102444800")
    with pytest.raises(InvalidSignature):
        site_public_key.verify(signature, longer, padding.PKCS1v15(), hashes.SHA1())


def test_the_local_cloudfront_check_wants_a_valid_unexpired_policy_for_this_site(
        site_public_key):
    from infra.local.cloudfront import allows

    pem = os.environ["PLEIN_CLOUDFRONT_PRIVATE_KEY"]
    expires = datetime(2026, 11, 27, 21, 0, tzinfo=UTC)
    cookies = sitecookies.values("http://plein.test", "K2KEY", pem, expires)
    header = "; ".join(f"{k}={v}" for k, v in cookies.items())
    before, after = expires.timestamp() - 60, expires.timestamp() + 1
    assert allows(header, "http://plein.test/over.html", site_public_key, "K2KEY", before)
    assert not allows(header, "http://plein.test/over.html", site_public_key, "K2KEY", after)
    assert not allows(header, "http://elders.test/over.html", site_public_key, "K2KEY", before)
    assert not allows(header, "http://plein.test/over.html", site_public_key, "OTHER", before)
    assert not allows("", "http://plein.test/", site_public_key, "K2KEY", before)
