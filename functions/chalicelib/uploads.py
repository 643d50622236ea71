"""Upload targets: the browser sends photos straight to the bucket with a presigned POST."""

from chalice import Blueprint, Response

from . import ratelimit
from .domain import photos
from .guard import change
from .ids import new_id, system_clock

bp = Blueprint(__name__)


@bp.route("/uploads", methods=["POST"])
def upload_target():
    who, data = change(bp.current_request)
    ratelimit.check(who, "upload", system_clock)
    return Response(body=photos.upload_target(who, data, system_clock, new_id), status_code=201)
