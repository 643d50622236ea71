"""Signed session cookies: a short HS256 JWT, verified with PyJWT on every request."""

from datetime import datetime, timedelta
from functools import lru_cache

import jwt

from ..settings import settings

COOKIE = "plein_session"
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


def issue(person_id: str, now: datetime) -> str:
    claims = {"sub": person_id, "iat": now, "exp": now + timedelta(hours=settings.session_hours)}
    return jwt.encode(claims, _secret(), algorithm=_ALGORITHM)


def verify(token: str, now: datetime) -> str | None:
    """The person id in a valid, unexpired token; None for anything else."""
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
    return claims["sub"] if isinstance(claims["sub"], str) else None


def set_cookie(token: str) -> str:
    secure = "" if settings.is_local else "; Secure"
    max_age = settings.session_hours * 3600
    return f"{COOKIE}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"


def clear_cookie() -> str:
    secure = "" if settings.is_local else "; Secure"
    return f"{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}"


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
