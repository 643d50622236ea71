"""Ambassadors (the list, content managers marking employees) and the welcome checklist."""

from chalice import Blueprint

from ..clock import system_clock
from ..domain.moderation import ambassadors, welcome
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


@bp.route("/me/welcome")
def welcome_checklist():
    return welcome.checklist(viewer(bp.current_request), system_clock)
