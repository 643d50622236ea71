"""Signed session cookies: a short HS256 JWT, verified with PyJWT on every request.

A token carries the person's session version (`ver`) and its own id (`jti`), so a session can
be ended before it expires: `guard.viewer` compares both with the Person it reads anyway (no
extra DynamoDB call). Signing out adds the token's id to the person's revoked ids; "sign out
everywhere", a role change and erasure bump the version (see `domain/revocation.py`).
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from .. import lazy
from ..settings import settings

jwt = lazy.module("jwt")  # with cryptography, the heaviest import a session check needs

# Deployed, the `__Host-` prefix makes browsers refuse the cookie unless it is Secure, has
# Path=/ and no Domain: a sibling subdomain cannot plant or overwrite it. Plain-http `plein dev`
# cannot use it (the prefix requires Secure).
LOCAL_COOKIE = "plein_session"
HOST_COOKIE = "__Host-plein_session"


def cookie_name(local: bool | None = None) -> str:
    return LOCAL_COOKIE if (settings.is_local if local is None else local) else HOST_COOKIE


COOKIE = cookie_name()


@dataclass(frozen=True)
class Session:
    person_id: str
    version: int
    token_id: str
    expires: int
_ALGORITHM = "HS256"
_LEEWAY_SECONDS = 30


@lru_cache(maxsize=1)
def _secret() -> str:
    if settings.session_secret:
        return settings.session_secret
    if settings.session_secret_param:
        import boto3

        ssm = boto3.client("ssm", region_name=settings.region)
        param = ssm.get_parameter(Name=settings.session_secret_param, WithDecryption=True)
        return param["Parameter"]["Value"]
    raise RuntimeError("No session secret: set PLEIN_SESSION_SECRET or PLEIN_SESSION_SECRET_PARAM")


def issue(person_id: str, now: datetime, version: int = 0) -> str:
    claims = {"sub": person_id, "iat": now, "exp": now + timedelta(hours=settings.session_hours),
              "ver": version, "jti": secrets.token_urlsafe(12)}
    return jwt.encode(claims, _secret(), algorithm=_ALGORITHM)


def verify(token: str, now: datetime) -> str | None:
    """The person id in a valid, unexpired token; None for anything else."""
    session = read(token, now)
    return session.person_id if session else None


def read(token: str, now: datetime) -> Session | None:
    """The session in a valid, unexpired token; None for anything else. Whether it was
    revoked since is the caller's check (`is_current`), against the Person it reads."""
    # Expiry is checked against the injected clock rather than PyJWT's wall clock, so tests
    # can move time instead of sleeping.
    try:
        claims = jwt.decode(
            token, _secret(), algorithms=[_ALGORITHM],
            options={"require": ["sub", "exp", "iat"], "verify_exp": False, "verify_iat": False},
        )
    except jwt.PyJWTError:
        return None
    if not all(isinstance(claims[k], int | float) for k in ("iat", "exp")):
        return None
    moment = now.timestamp()
    if not claims["iat"] <= moment + _LEEWAY_SECONDS < claims["exp"] + _LEEWAY_SECONDS:
        return None
    # Tokens from before versions existed carry neither claim: version 0, no id.
    version, token_id = claims.get("ver", 0), claims.get("jti", "")
    if not isinstance(claims["sub"], str) or type(version) is not int \
            or not isinstance(token_id, str):
        return None
    return Session(claims["sub"], version, token_id, int(claims["exp"]))


def is_current(session: Session, person) -> bool:
    """Not ended since it was issued: same version, and not signed out on its own."""
    if session.version != (person.session_version or 0):
        return False
    return not (session.token_id and session.token_id in revoked_ids(person))


def revoked_ids(person) -> set[str]:
    # Entries are "<exp>:<jti>", so expired ones can be pruned without decoding anything.
    return {entry.partition(":")[2] for entry in (person.revoked_sessions or ())}


def set_cookie(token: str, local: bool | None = None) -> str:
    local = settings.is_local if local is None else local
    max_age = settings.session_hours * 3600
    secure = "" if local else "; Secure"
    return (f"{cookie_name(local)}={token}; Path=/; Max-Age={max_age}; HttpOnly; "
            f"SameSite=Lax{secure}")


def clear_cookie(local: bool | None = None) -> str:
    local = settings.is_local if local is None else local
    secure = "" if local else "; Secure"
    return f"{cookie_name(local)}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}"


def derived_key(purpose: str) -> bytes:
    """A key for another use (usage pseudonyms), derived so the session key itself is used once."""
    import hashlib
    import hmac

    return hmac.new(_secret().encode(), f"plein:{purpose}".encode(), hashlib.sha256).digest()


def seal(claims: dict, purpose: str, now: datetime, seconds: int) -> str:
    """A short-lived signed token for one purpose (e.g. the sign-in flow's state and nonce).

    It carries `typ` and no `sub`, so it can never pass as a session, nor a session as it.
    """
    body = {**claims, "typ": purpose, "iat": now, "exp": now + timedelta(seconds=seconds)}
    return jwt.encode(body, _secret(), algorithm=_ALGORITHM)


def unseal(token: str, purpose: str, now: datetime) -> dict | None:
    try:
        claims = jwt.decode(token, _secret(), algorithms=[_ALGORITHM],
                            options={"require": ["typ", "exp", "iat"], "verify_exp": False,
                                     "verify_iat": False})
    except jwt.PyJWTError:
        return None
    if claims.get("typ") != purpose or "sub" in claims:
        return None
    if not all(isinstance(claims[k], int | float) for k in ("iat", "exp")):
        return None
    if not claims["iat"] - _LEEWAY_SECONDS <= now.timestamp() < claims["exp"]:
        return None
    return claims
