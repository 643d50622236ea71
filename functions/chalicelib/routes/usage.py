"""Usage: page-view beacons, the dashboard (JSON and CSV) and seen-by counts."""

from chalice import Blueprint, Response

from ..clock import system_clock
from ..domain import groups, hits, usage_report
from ..domain import seen as seen_by
from ..web import ratelimit
from ..web.guard import change, viewer

bp = Blueprint(__name__)


@bp.route("/hits", methods=["POST"])
def hit():
    who, data = change(bp.current_request)
    ratelimit.check(who, "hit", system_clock)
    hits.record_hit(who.id, data, system_clock)
    return Response(body="", status_code=204)


@bp.route("/usage")
def dashboard():
    request = bp.current_request
    return usage_report.dashboard(viewer(request), request.query_params or {}, system_clock,
                                  groups.managed_by, groups.names)


@bp.route("/usage.csv")
def dashboard_csv():
    request = bp.current_request
    name, text = usage_report.dashboard_csv(viewer(request), request.query_params or {},
                                            system_clock, groups.managed_by, groups.names)
    return Response(body=text, headers={"Content-Type": "text/csv; charset=utf-8",
                                        "Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/posts/seen", methods=["POST"])
def record_seen():
    who, data = change(bp.current_request)
    return seen_by.record_seen(who, data, system_clock)


@bp.route("/posts/{post_id}/seen")
def seen(post_id):
    return seen_by.seen_count(viewer(bp.current_request), post_id)
