"""Sign-in over OpenID Connect: the authorization code flow with PKCE, state and nonce.

Works with any provider that publishes a discovery document (Entra ID, Okta, Google Workspace,
Cognito with SAML federation). The flow is stateless on our side: state, nonce and the PKCE
verifier travel in a short-lived signed cookie (`sessions.seal`) that only our callback reads.
The ID token is checked with PyJWT against the provider's JWKS (cached per container).
Claims the ID token leaves out (a conformant provider may put `email` and `name` only in the
userinfo response in the code flow) are fetched from userinfo with the access token.
"""

import base64
import dataclasses
import hashlib
import hmac
import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from .. import lazy
from . import sessions

jwt = lazy.module("jwt")

FLOW = "oidc-flow"
FLOW_SECONDS = 600
LEEWAY_SECONDS = 60
# Asymmetric only: with HS* allowed, a public key could be used as an HMAC secret.
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
_PROFILE_CLAIMS = {
    "title": ("job_title", "jobTitle", "title", "custom:title", "custom:job_title"),
    "department": ("department", "custom:department"),
    "location": ("office_location", "officeLocation", "custom:location"),
    "phone": ("phone_number",),
}


class SignInRefused(Exception):
    """`code` says why, for the sign-in page: state, provider, unavailable (the provider could
    not be reached, or answered 5xx), token, email, domain, group."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    redirect_uri: str
    scopes: str = "openid email profile"
    allowed_domains: tuple[str, ...] = ()
    required_group: str = ""
    groups_claim: str = "groups"
    timeout: float = 10
    groups_wanted: bool = False  # roles or admission go by groups: fetch them if missing


@dataclass(frozen=True)
class Identity:
    issuer: str
    subject: str
    email: str
    name: str
    groups: tuple[str, ...]
    profile: dict
    id_token: str = ""  # kept only as the `id_token_hint` for signing out at the provider


def _fetch_json(request: urllib.request.Request | str, timeout: float) -> dict:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = json.loads(response.read())
    except urllib.error.HTTPError as err:
        # 4xx is the provider refusing us (a used code, a wrong secret): trying again will not
        # help. 5xx, like no answer at all, is the provider being down.
        raise SignInRefused("unavailable" if err.code >= 500 else "provider",
                            f"{err.code} from {err.url}") from err
    except (urllib.error.URLError, OSError) as err:
        raise SignInRefused("unavailable", str(err)) from err
    except ValueError as err:
        raise SignInRefused("provider", f"answer is not JSON: {err}") from err
    if not isinstance(data, dict):
        raise SignInRefused("provider", "answer is not a JSON object")
    return data


@lru_cache(maxsize=4)
def _discovery(issuer: str, timeout: float) -> dict:
    doc = _fetch_json(f"{issuer.rstrip('/')}/.well-known/openid-configuration", timeout)
    # A discovery document for another issuer would make every later check meaningless. The
    # setting may differ from it by a trailing "/" only; tokens are then compared with the
    # document's own spelling, which is what the provider puts in `iss`.
    if not isinstance(doc.get("issuer"), str) or doc["issuer"].rstrip("/") != issuer.rstrip("/"):
        raise SignInRefused("provider", "discovery document names another issuer")
    for field in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(doc.get(field), str):
            raise SignInRefused("provider", f"discovery document has no {field}")
    return doc


def endpoints(provider: Provider) -> dict:
    try:
        return _discovery(provider.issuer, provider.timeout)
    except SignInRefused:
        _discovery.cache_clear()  # do not cache a failure
        raise


@lru_cache(maxsize=4)
def _jwks(uri: str, timeout: float) -> "jwt.PyJWKClient":
    # Keys are cached; an unknown `kid` (key rotation) makes PyJWKClient fetch the set again.
    return jwt.PyJWKClient(uri, cache_keys=True, lifespan=3600, timeout=timeout)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def safe_next(path: str | None) -> str:
    """Only a path on our own site: never `//host`, `/\\host` or a full URL (open redirect)."""
    if not isinstance(path, str) or not path.startswith("/") or path.startswith(("//", "/\\")) \
            or any(c in path for c in "\\\r\n\t") or len(path) > 500:
        return "/"
    return path


def start(provider: Provider, next_path: str | None, now: datetime) -> tuple[str, str]:
    """(the provider's authorize URL, the sealed flow cookie's value)."""
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)
    params = {
        "response_type": "code", "client_id": provider.client_id,
        "redirect_uri": provider.redirect_uri, "scope": provider.scopes,
        "state": state, "nonce": nonce,
        "code_challenge": _b64url(hashlib.sha256(verifier.encode()).digest()),
        "code_challenge_method": "S256",
    }
    authorize = endpoints(provider)["authorization_endpoint"]
    url = f"{authorize}{'&' if '?' in authorize else '?'}{urllib.parse.urlencode(params)}"
    flow = sessions.seal({"state": state, "nonce": nonce, "verifier": verifier,
                          "next": safe_next(next_path)}, FLOW, now, FLOW_SECONDS)
    return url, flow


def read_flow(flow_token: str | None, now: datetime) -> dict:
    flow = sessions.unseal(flow_token, FLOW, now) if flow_token else None
    if not flow:
        raise SignInRefused("state", "no valid sign-in in progress")
    return flow


def finish(provider: Provider, params: dict, flow: dict, now: datetime) -> Identity:
    """Checks the callback against the flow, redeems the code, verifies the ID token."""
    if params.get("error"):
        # repr: the value comes from the query string and goes into the log.
        raise SignInRefused("provider", repr(str(params.get("error"))[:100]))
    state, code = params.get("state"), params.get("code")
    if not isinstance(state, str) or not hmac.compare_digest(state, flow["state"]):
        raise SignInRefused("state", "state does not match")
    if not isinstance(code, str) or not code:
        raise SignInRefused("state", "no code")
    tokens = _redeem(provider, code, flow["verifier"])
    id_token = tokens.get("id_token")
    if not isinstance(id_token, str):
        raise SignInRefused("token", "no id_token in the token response")
    claims = verify_id_token(provider, id_token, flow["nonce"], now)
    if _missing(provider, claims):
        claims = {**_userinfo(provider, tokens.get("access_token"), claims["sub"]), **claims}
    return dataclasses.replace(identity(provider, claims), id_token=id_token)


def _missing(provider: Provider, claims: dict) -> bool:
    wanted = ["email", "name"] + ([provider.groups_claim] if provider.groups_wanted else [])
    return any(name not in claims for name in wanted)


def _userinfo(provider: Provider, access_token, subject: str) -> dict:
    """The userinfo claims, or {} when the provider has no userinfo endpoint. Its `sub` must be
    the ID token's (OIDC Core 5.3.2): otherwise the answer may be about someone else."""
    uri = endpoints(provider).get("userinfo_endpoint")
    if not isinstance(uri, str):
        return {}
    if not isinstance(access_token, str) or not access_token:
        raise SignInRefused("token", "no access_token to read userinfo with")
    request = urllib.request.Request(uri, headers={"Authorization": f"Bearer {access_token}",
                                                   "Accept": "application/json"})
    info = _fetch_json(request, provider.timeout)
    if info.get("sub") != subject:
        raise SignInRefused("token", "userinfo is about another subject")
    return info


def end_session_url(provider: Provider, id_token: str | None, after: str) -> str | None:
    """Where to send the browser so the provider's own session ends too (RP-initiated logout
    1.0), or None when the provider offers no end_session_endpoint or cannot be reached."""
    try:
        endpoint = endpoints(provider).get("end_session_endpoint")
    except SignInRefused:
        return None  # our own session is ended anyway
    if not isinstance(endpoint, str) or not endpoint.startswith(("https://", "http://")):
        return None
    params = {"client_id": provider.client_id, "post_logout_redirect_uri": after}
    if id_token:
        params["id_token_hint"] = id_token  # Okta and Keycloak want it; it is no credential
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urllib.parse.urlencode(params)}"


def _redeem(provider: Provider, code: str, verifier: str) -> dict:
    """The token endpoint, authenticated as the provider prefers: HTTP Basic (the OIDC default)
    unless it only takes the secret in the form."""
    doc = endpoints(provider)
    form = {"grant_type": "authorization_code", "code": code,
            "redirect_uri": provider.redirect_uri, "code_verifier": verifier,
            "client_id": provider.client_id}
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
    methods = doc.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    if "client_secret_basic" in methods:
        pair = (urllib.parse.quote(provider.client_id, safe=""),
                urllib.parse.quote(provider.client_secret, safe=""))  # RFC 6749 2.3.1
        headers["Authorization"] = "Basic " + base64.b64encode(":".join(pair).encode()).decode()
    else:
        form["client_secret"] = provider.client_secret
    request = urllib.request.Request(doc["token_endpoint"], method="POST", headers=headers,
                                     data=urllib.parse.urlencode(form).encode())
    return _fetch_json(request, provider.timeout)


def verify_id_token(provider: Provider, token: str, nonce: str, now: datetime) -> dict:
    """Signature (JWKS), issuer, audience, expiry and nonce; anything else is SignInRefused."""
    try:
        if jwt.get_unverified_header(token).get("alg") not in ALGORITHMS:
            raise SignInRefused("token", "algorithm not allowed")
        jwks = _jwks(endpoints(provider)["jwks_uri"], provider.timeout)
        key = jwks.get_signing_key_from_jwt(token)
        # Times are checked below against the injected clock, so tests move time, not sleep.
        claims = jwt.decode(
            token, key.key, algorithms=list(ALGORITHMS), audience=provider.client_id,
            issuer=endpoints(provider)["issuer"],
            options={"require": ["iss", "aud", "sub", "exp", "iat", "nonce"],
                     "verify_exp": False, "verify_iat": False, "verify_nbf": False})
    except jwt.exceptions.PyJWKClientConnectionError as err:  # the key set could not be read
        raise SignInRefused("unavailable", str(err)) from err
    except jwt.PyJWTError as err:
        raise SignInRefused("token", str(err)) from err
    moment = now.timestamp()
    times = [claims.get(k) for k in ("exp", "iat", "nbf") if k in claims]
    if not all(isinstance(t, int | float) for t in times):
        raise SignInRefused("token", "times are not numbers")
    if moment >= claims["exp"] + LEEWAY_SECONDS or claims["iat"] > moment + LEEWAY_SECONDS \
            or claims.get("nbf", 0) > moment + LEEWAY_SECONDS:
        raise SignInRefused("token", "expired or not yet valid")
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != provider.client_id:
        raise SignInRefused("token", "token was issued to another party")
    if not isinstance(claims["nonce"], str) or not hmac.compare_digest(claims["nonce"], nonce):
        raise SignInRefused("token", "nonce does not match")
    return claims


def _text(claims: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = claims.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()[:200]
    return None


def identity(provider: Provider, claims: dict) -> Identity:
    """Who the token names, if the organisation lets them in (email domain, group)."""
    email = _text(claims, ("email",)) or ""
    if "@" not in email:
        username = _text(claims, ("preferred_username", "upn")) or ""
        email = username if "@" in username else ""
    email = email.lower()
    if not email:
        raise SignInRefused("email", "the token names no email address")
    if claims.get("email_verified") is False:
        raise SignInRefused("email", "the email address is not verified")
    domain = email.rsplit("@", 1)[1]
    if "*" not in provider.allowed_domains and domain not in provider.allowed_domains:
        raise SignInRefused("domain", f"{domain} may not sign in")
    raw_groups = claims.get(provider.groups_claim) or []
    groups = tuple(g for g in raw_groups if isinstance(g, str)) \
        if isinstance(raw_groups, list) else ()
    if provider.required_group and provider.required_group not in groups:
        raise SignInRefused("group", "not in the required group")
    name = _text(claims, ("name",)) or " ".join(
        n for n in (_text(claims, ("given_name",)), _text(claims, ("family_name",))) if n
    ) or email.split("@")[0]
    profile = {field: _text(claims, names) for field, names in _PROFILE_CLAIMS.items()}
    # The identity link's key: without a trailing "/", as it was stored before it was kept.
    return Identity(issuer=provider.issuer.rstrip("/"), subject=str(claims["sub"]), email=email,
                    name=name, groups=groups, profile={k: v for k, v in profile.items() if v})
