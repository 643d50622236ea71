"""Reports, the moderation queue, hiding and restoring, and the audit log."""

from chalice import Blueprint, Response

from ..clock import system_clock
from ..domain.moderation import actions, audit, reports
from ..ids import new_id
from ..web import ratelimit
from ..web.guard import change, viewer

bp = Blueprint(__name__)


@bp.route("/reports", methods=["POST"])
def report():
    who, data = change(bp.current_request)
    ratelimit.check(who, "report", system_clock)
    return Response(body=reports.report(who, data, system_clock, new_id), status_code=201)


@bp.route("/moderation/queue")
def queue():
    request = bp.current_request
    return reports.queue(viewer(request), request.query_params or {})


@bp.route("/moderation/{kind}/{target_id}/hide", methods=["POST"])
def hide(kind, target_id):
    who, data = change(bp.current_request)
    return actions.hide(who, kind, target_id, data, system_clock, new_id)


@bp.route("/moderation/{kind}/{target_id}/restore", methods=["POST"])
def restore(kind, target_id):
    who, data = change(bp.current_request)
    return actions.restore(who, kind, target_id, data, system_clock, new_id)


@bp.route("/moderation/audit")
def read_audit():
    request = bp.current_request
    params = request.query_params or {}
    if params.get("format") != "csv":
        return audit.page(viewer(request), params, system_clock)
    text, more = audit.export(viewer(request), params, system_clock)
    headers = {"Content-Type": "text/csv; charset=utf-8",
               "Content-Disposition": 'attachment; filename="plein-audit.csv"'}
    if more:
        headers["X-Next-Cursor"] = more
    return Response(body=text, status_code=200, headers=headers)
