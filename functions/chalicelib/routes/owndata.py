"""Own data (AVG/GDPR): download everything about me, or delete my account."""

from chalice import Blueprint, Response

from ..clock import system_clock
from ..domain import owndata, sessions
from ..web import sitecookies
from ..web.guard import change, viewer

bp = Blueprint(__name__)


@bp.route("/me/export")
def export():
    request = bp.current_request
    return Response(body=owndata.export(viewer(request), request.query_params or {},
                                        system_clock),
                    headers={"Content-Disposition": 'attachment; filename="plein-export.json"'})


@bp.route("/me", methods=["DELETE"])
def delete_me():
    who, data = change(bp.current_request)
    result = owndata.delete_account(who, data)
    if not result["deleted"]:  # more content left: the page calls again
        return Response(body=result, status_code=202)
    return Response(body=result, headers={
        "Set-Cookie": [sessions.clear_cookie(), *sitecookies.clear_cookies()]})
