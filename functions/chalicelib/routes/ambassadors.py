"""Ambassadors: the list, and content managers marking employees."""

from chalice import Blueprint

from ..clock import system_clock
from ..domain.moderation import ambassadors
from ..web.guard import change, viewer

bp = Blueprint(__name__)


@bp.route("/ambassadors")
def listing():
    viewer(bp.current_request)
    return ambassadors.listing()


@bp.route("/people/{person_id}/ambassador", methods=["PUT"])
def mark(person_id):
    who, _data = change(bp.current_request)
    return ambassadors.mark(who, person_id, True, system_clock)


@bp.route("/people/{person_id}/ambassador", methods=["DELETE"])
def unmark(person_id):
    who, _data = change(bp.current_request)
    return ambassadors.mark(who, person_id, False, system_clock)
