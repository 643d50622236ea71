"""Sessions: sign-in over OpenID Connect, who am I, sign out, and the local-only demo sign-in.

`login`, `callback` and the dev routes run before there is a session, so they call no
`guard.viewer`: the flow cookie (state, nonce, PKCE) or the local stage is their check.
"""

import logging
from datetime import timedelta

from chalice import Blueprint, Response

from .. import ssm
from ..clock import system_clock
from ..domain import oidc, people, sessions, signin
from ..domain.notifications import inbox
from ..domain.roles import RoleSources
from ..errors import invalid, not_found
from ..ids import new_id
from ..settings import settings
from ..web import sitecookies
from ..web.guard import change, check_origin, json_body, own_origin, viewer
from ..web.guard import cookie as guard_cookie

bp = Blueprint(__name__)
log = logging.getLogger("plein.auth")
FLOW_COOKIE = "plein_signin"
SIGN_IN_PAGE = "/inloggen.html"


def _local_only() -> None:
    # Defence in depth: these routes are deployed everywhere but only answer locally.
    if not settings.is_local:
        raise not_found("route")


def _provider(request) -> oidc.Provider:
    if not settings.oidc_issuer:
        raise not_found("route")
    return oidc.Provider(
        issuer=settings.oidc_issuer, client_id=settings.oidc_client_id,
        client_secret=ssm.secret(settings.oidc_client_secret, settings.oidc_client_secret_param),
        redirect_uri=f"{own_origin(request)}/api/auth/callback", scopes=settings.oidc_scopes,
        allowed_domains=settings.oidc_allowed_domains,
        required_group=settings.oidc_required_group, groups_claim=settings.oidc_groups_claim)


def _flow_cookie(value: str, max_age: int) -> str:
    secure = "" if settings.is_local else "; Secure"
    return (f"{FLOW_COOKIE}={value}; Path=/api/auth; Max-Age={max_age}; HttpOnly; "
            f"SameSite=Lax{secure}")


def _signed_in_cookies(request, person_id: str) -> list[str]:
    now = system_clock()
    lifetime = timedelta(hours=settings.session_hours)
    return [sessions.set_cookie(sessions.issue(person_id, now)),
            *sitecookies.set_cookies(own_origin(request), now + lifetime,
                                     int(lifetime.total_seconds()))]


def _set_cookie(cookies: list[str]) -> str | list[str]:
    # Chalice sends a list as multi-value headers; one cookie stays a plain header.
    return cookies[0] if len(cookies) == 1 else cookies


def _redirect(location: str, cookies: list[str]) -> Response:
    return Response(body="", status_code=302,
                    headers={"Location": location, "Set-Cookie": _set_cookie(cookies)})


@bp.route("/auth/login")
def login():
    request = bp.current_request
    url, flow = oidc.start(_provider(request), (request.query_params or {}).get("next"),
                           system_clock())
    return _redirect(url, [_flow_cookie(flow, oidc.FLOW_SECONDS)])


@bp.route("/auth/callback")
def callback():
    request = bp.current_request
    try:
        person, next_path = signin.complete(
            _provider(request), request.query_params or {},
            guard_cookie(request, FLOW_COOKIE), RoleSources.from_settings(), system_clock, new_id)
    except oidc.SignInRefused as err:
        log.warning("sign-in refused: %s", err)
        return _redirect(f"{SIGN_IN_PAGE}?error={err.code}", [_flow_cookie("", 0)])
    return _redirect(next_path, [_flow_cookie("", 0), *_signed_in_cookies(request, person.id)])


@bp.route("/me")
def me():
    return inbox.me(viewer(bp.current_request))


@bp.route("/auth/dev-users")
def dev_users():
    _local_only()
    return {"items": [
        {"email": p.email, "name": p.name, "role": p.role, "department": p.department}
        for p in people.directory_page()
    ]}


@bp.route("/auth/dev-login", methods=["POST"])
def dev_login():
    _local_only()
    request = bp.current_request
    check_origin(request)
    email = json_body(request).get("email")
    person = people.by_email(email) if isinstance(email, str) else None
    if person is None:
        raise invalid("email", "No demo employee with that email.")
    return Response(body=people.public(person), status_code=200,
                    headers={"Set-Cookie": _set_cookie(_signed_in_cookies(request, person.id))})


@bp.route("/auth/logout", methods=["POST"])
def logout():
    change(bp.current_request)
    return Response(body={"ok": True}, headers={
        "Set-Cookie": _set_cookie([sessions.clear_cookie(), *sitecookies.clear_cookies()])})
