"""The personal calendar feed: `GET /calendar/{token}.ics` is for calendar clients, which
send no cookies, so the secret token in the URL is its only credential; `/calendar` lets the
signed-in employee see, renew and revoke it."""

from chalice import Blueprint, Response

from ..clock import system_clock
from ..domain.events import calendar
from ..domain.i18n import translator
from ..errors import not_found
from ..web.guard import change, own_origin, viewer

bp = Blueprint(__name__)
ICS = ".ics"


@bp.route("/calendar")
def feed_status():
    return calendar.feed_status(viewer(bp.current_request))


@bp.route("/calendar", methods=["POST"])
def renew_feed():
    request = bp.current_request
    who, _data = change(request)
    body = calendar.renew(who, f"{own_origin(request)}/api", system_clock)
    return Response(body=body, status_code=201)


@bp.route("/calendar", methods=["DELETE"])
def revoke_feed():
    who, _data = change(bp.current_request)
    calendar.revoke(who)
    return Response(body="", status_code=204)


@bp.route("/calendar/{token}")
def feed(token):
    if not token.endswith(ICS):
        raise not_found("calendar")
    text = calendar.feed_ics(token[:-len(ICS)], own_origin(bp.current_request),
                             translator(None)("My events"), system_clock)
    return Response(body=text, headers={"Content-Type": "text/calendar; charset=utf-8",
                                        "Cache-Control": "private, max-age=300"})
