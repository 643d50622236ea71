"""One-click unsubscribe from notification mail (RFC 8058), without signing in.

The signed token in the link is the authority here, not a session: a mail provider's
one-click POST carries neither a cookie, JSON nor an Origin, and a forged request cannot
carry a valid token. GET only shows a confirmation form (link scanners open every link);
POST turns the mail off.
"""

from chalice import Blueprint, Response

from ..domain.delivery import unsubscribe

bp = Blueprint(__name__)
_HTML = {"Content-Type": "text/html; charset=utf-8"}
_FORMS = ["application/x-www-form-urlencoded", "multipart/form-data", "application/json",
          "text/plain"]


def _token() -> str | None:
    return (bp.current_request.query_params or {}).get("token")


@bp.route("/mail/unsubscribe")
def confirm():
    return Response(body=unsubscribe.confirm_page(_token()), headers=_HTML)


@bp.route("/mail/unsubscribe", methods=["POST"], content_types=_FORMS)
def one_click():
    return Response(body=unsubscribe.done_page(_token()), headers=_HTML)
