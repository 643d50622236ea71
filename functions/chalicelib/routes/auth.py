"""Sessions: sign-in over OpenID Connect, who am I, sign out (here or everywhere), and the
demo sign-in that only `plein dev` turns on.

`login`, `callback` and the demo routes run before there is a session, so they call no
`guard.viewer`: the flow cookie (state, nonce, PKCE) or `PLEIN_DEMO_SIGNIN` is their check.
"""

import logging
from datetime import timedelta

from chalice import Blueprint, Response

from .. import ssm
from ..clock import system_clock
from ..domain import oidc, people, revocation, sessions, signin
from ..domain.notifications import inbox, preferences
from ..domain.roles import RoleSources
from ..errors import invalid, not_found
from ..ids import new_id
from ..settings import settings
from ..web import sitecookies
from ..web.guard import check_origin, json_body, own_origin, session, viewer, viewer_or_none
from ..web.guard import cookie as guard_cookie

bp = Blueprint(__name__)
# Not "plein.auth": Chalice sets its app's logger ("plein") to ERROR, which silenced every
# refusal logged under it.
log = logging.getLogger(__name__)
FLOW_COOKIE = "plein_signin"
HINT_COOKIE = "plein_idhint"  # the ID token, as `id_token_hint` for the provider's sign-out
SIGN_IN_PAGE = "/inloggen.html"
MAX_HINT = 3500


def _demo_only() -> None:
    # The demo routes sign anyone in as anyone. They are deployed everywhere but answer only
    # when `plein dev` turned them on; no stage name turns them on.
    if not settings.demo_signin:
        raise not_found("route")


def _provider(request) -> oidc.Provider:
    if not settings.oidc_issuer:
        raise not_found("route")
    return oidc.Provider(
        issuer=settings.oidc_issuer, client_id=settings.oidc_client_id,
        client_secret=ssm.secret(settings.oidc_client_secret, settings.oidc_client_secret_param),
        redirect_uri=f"{own_origin(request)}/api/auth/callback", scopes=settings.oidc_scopes,
        allowed_domains=settings.oidc_allowed_domains,
        required_group=settings.oidc_required_group, groups_claim=settings.oidc_groups_claim,
        groups_wanted=bool(settings.oidc_required_group or settings.admin_group
                           or settings.content_manager_group),
        timeout=settings.oidc_timeout)


def _auth_cookie(name: str, value: str, max_age: int) -> str:
    secure = "" if settings.is_local else "; Secure"
    return (f"{name}={value}; Path=/api/auth; Max-Age={max_age}; HttpOnly; "
            f"SameSite=Lax{secure}")


def _flow_cookie(value: str, max_age: int) -> str:
    return _auth_cookie(FLOW_COOKIE, value, max_age)


LANGUAGE_COOKIE = "plein_lang"  # language-early.js and language.js read it (docs/languages.md)


def _language_cookies(request, person) -> list[str]:
    """This browser's language from the first page on: the person's saved one, else (nothing
    saved, nothing chosen in this browser) the default. Without it the switcher asked the API
    for the saved language on the first page, a request more than that page needs."""
    saved = preferences.load(person.id)
    if not (saved and saved.language) and guard_cookie(request, LANGUAGE_COOKIE):
        return []
    secure = "" if settings.is_local else "; Secure"
    return [f"{LANGUAGE_COOKIE}={preferences.language(saved)}; Path=/; Max-Age=31536000; "
            f"SameSite=Lax{secure}"]


def _signed_in_cookies(request, person) -> list[str]:
    now = system_clock()
    lifetime = timedelta(hours=settings.session_hours)
    token = sessions.issue(person.id, now, person.session_version or 0)
    return [sessions.set_cookie(token),
            *sitecookies.set_cookies(own_origin(request), now + lifetime,
                                     int(lifetime.total_seconds())),
            *_language_cookies(request, person)]


def _set_cookie(cookies: list[str]) -> str | list[str]:
    # Chalice sends a list as multi-value headers; one cookie stays a plain header.
    return cookies[0] if len(cookies) == 1 else cookies


def _redirect(location: str, cookies: list[str]) -> Response:
    return Response(body="", status_code=302,
                    headers={"Location": location, "Set-Cookie": _set_cookie(cookies)})


def _refused(err: oidc.SignInRefused) -> Response:
    # The reason only: SignInRefused never carries a token or a code.
    log.warning("sign-in refused: %s", err)
    return _redirect(f"{SIGN_IN_PAGE}?error={err.code}", [_flow_cookie("", 0)])


@bp.route("/auth/login")
def login():
    request = bp.current_request
    try:
        url, flow = oidc.start(_provider(request), (request.query_params or {}).get("next"),
                               system_clock())
    except oidc.SignInRefused as err:  # the provider is down: a page that says so, not a 500
        return _refused(err)
    return _redirect(url, [_flow_cookie(flow, oidc.FLOW_SECONDS)])


@bp.route("/auth/callback")
def callback():
    request = bp.current_request
    try:
        person, next_path, id_token = signin.complete(
            _provider(request), request.query_params or {},
            guard_cookie(request, FLOW_COOKIE), RoleSources.from_settings(), system_clock, new_id)
    except oidc.SignInRefused as err:
        return _refused(err)
    # An ID token fat with group ids (Entra ID) would pass a browser's 4 KB per cookie: then
    # the provider's sign-out goes without the hint, which only makes it ask "which account?".
    hints = [_auth_cookie(HINT_COOKIE, id_token, settings.session_hours * 3600)] \
        if len(id_token) < MAX_HINT else []
    return _redirect(next_path, [_flow_cookie("", 0), *hints,
                                 *_signed_in_cookies(request, person)])


@bp.route("/me")
def me():
    return inbox.me(viewer(bp.current_request))


@bp.route("/session")
def current_session():
    who = viewer_or_none(bp.current_request)
    # The same person as /api/me, with the bell's unread count: session.js announces it.
    return {"person": inbox.me(who) if who else None}


@bp.route("/auth/dev-users")
def dev_users():
    _demo_only()
    return {"items": [
        {"email": p.email, "name": p.name, "role": p.role, "department": p.department}
        for p in people.directory_page()
    ]}


@bp.route("/auth/dev-login", methods=["POST"])
def dev_login():
    _demo_only()
    request = bp.current_request
    check_origin(request)
    email = json_body(request).get("email")
    person = people.by_email(email) if isinstance(email, str) else None
    if person is None:
        raise invalid("email", "No demo employee with that email.")
    return Response(body=people.public(person), status_code=200,
                    headers={"Set-Cookie": _set_cookie(_signed_in_cookies(request, person))})


def _signed_out(request) -> Response:
    """Our cookies cleared, and where the provider's own session ends (`logout_url`), if it
    offers that: on a shared workstation the next person must not be signed in as this one."""
    body = {"ok": True}
    if settings.oidc_issuer:
        after = f"{own_origin(request)}/"
        url = oidc.end_session_url(_provider(request), guard_cookie(request, HINT_COOKIE), after)
        if url:
            body["logout_url"] = url
    return Response(body=body, headers={"Set-Cookie": _set_cookie([
        sessions.clear_cookie(), _auth_cookie(HINT_COOKIE, "", 0),
        *sitecookies.clear_cookies()])})


def _ending(request) -> tuple[sessions.Session, object]:
    check_origin(request)
    json_body(request)
    return session(request)


@bp.route("/auth/logout", methods=["POST"])
def logout():
    """This session ends now, on the server too: a copy of the cookie stops working."""
    request = bp.current_request
    current, person = _ending(request)
    revocation.sign_out(person, current, system_clock())
    return _signed_out(request)


@bp.route("/auth/logout-everywhere", methods=["POST"])
def logout_everywhere():
    """Every session of this employee ends, on every device."""
    request = bp.current_request
    revocation.everywhere(_ending(request)[1])
    return _signed_out(request)
