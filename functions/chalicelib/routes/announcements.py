"""Pinned posts and announcements that must be read ("Gelezen")."""

from chalice import Blueprint

from ..clock import system_clock
from ..domain.moderation import pins, reading
from ..ids import new_id
from ..web.guard import change, viewer

bp = Blueprint(__name__)


@bp.route("/posts/{post_id}/pin", methods=["PUT"])
def pin(post_id):
    who, data = change(bp.current_request)
    return pins.pin(who, post_id, data, system_clock, new_id)


@bp.route("/posts/{post_id}/pin", methods=["DELETE"])
def unpin(post_id):
    who, _data = change(bp.current_request)
    return pins.unpin(who, post_id, system_clock, new_id)


@bp.route("/posts/{post_id}/read-confirmation", methods=["PUT"])
def confirm(post_id):
    who, _data = change(bp.current_request)
    return reading.confirm(who, post_id, system_clock)


@bp.route("/posts/{post_id}/read-confirmations")
def not_yet(post_id):
    request = bp.current_request
    return reading.not_yet(viewer(request), post_id, request.query_params or {})
