"""Posts and streams."""

from chalice import Blueprint, Response

from .domain import posts
from .guard import change, viewer
from .ids import new_id, system_clock

bp = Blueprint(__name__)


@bp.route("/posts", methods=["POST"])
def create_post():
    who, data = change(bp.current_request)
    return Response(body=posts.create(who, data, system_clock, new_id), status_code=201)


@bp.route("/stream")
def stream():
    request = bp.current_request
    params = request.query_params or {}
    return posts.home_stream(viewer(request), params.get("cursor"))
