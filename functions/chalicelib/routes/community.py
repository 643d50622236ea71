"""The community's routes about people and groups: ambassadors (the list, content managers
marking employees), the welcome checklist, a group's newcomers and the quiet groups."""

from chalice import Blueprint

from ..clock import system_clock
from ..domain.moderation import ambassadors, newcomers, quiet, welcome
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


@bp.route("/groups/{group_id}/newcomers")
def group_newcomers(group_id):
    return newcomers.this_week(viewer(bp.current_request), group_id, system_clock)


@bp.route("/usage/quiet-groups")
def quiet_groups():
    request = bp.current_request
    return quiet.quiet_groups(viewer(request), request.query_params or {}, system_clock)
