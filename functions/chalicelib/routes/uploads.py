"""Upload targets: the browser sends photos straight to the bucket with a presigned POST."""

from chalice import Blueprint, Response

from ..clock import system_clock
from ..domain import photos
from ..ids import new_id
from ..web import ratelimit
from ..web.guard import change

bp = Blueprint(__name__)


@bp.route("/uploads", methods=["POST"])
def upload_target():
    who, data = change(bp.current_request)
    ratelimit.check(who, "upload", system_clock)
    return Response(body=photos.upload_target(who, data, system_clock, new_id), status_code=201)
