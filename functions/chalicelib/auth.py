"""Sessions: who am I, sign out, and the local-only demo sign-in."""

from chalice import Blueprint, Response

from . import sessions
from .domain import people
from .errors import invalid, not_found
from .guard import change, check_origin, json_body, viewer
from .ids import system_clock
from .settings import settings

bp = Blueprint(__name__)


def _local_only() -> None:
    # Defence in depth: these routes are deployed everywhere but only answer locally.
    if not settings.is_local:
        raise not_found("route")


@bp.route("/me")
def me():
    return people.public(viewer(bp.current_request).person)


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
    token = sessions.issue(person.id, system_clock())
    return Response(body=people.public(person), status_code=200,
                    headers={"Set-Cookie": sessions.set_cookie(token)})


@bp.route("/auth/logout", methods=["POST"])
def logout():
    change(bp.current_request)
    return Response(body={"ok": True}, headers={"Set-Cookie": sessions.clear_cookie()})
