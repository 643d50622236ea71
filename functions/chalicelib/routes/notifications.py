"""Notifications in the app: the list, marking read, and the settings (issue 14)."""

from chalice import Blueprint

from ..domain.notifications import inbox, preferences
from ..web.guard import change, viewer

bp = Blueprint(__name__)


@bp.route("/notifications")
def notifications():
    request = bp.current_request
    return inbox.page(viewer(request), request.query_params or {})


@bp.route("/notifications/read", methods=["POST"])
def mark_read():
    who, data = change(bp.current_request)
    return inbox.mark(who, data)


@bp.route("/me/notification-settings")
def settings():
    return preferences.to_json(viewer(bp.current_request))


@bp.route("/me/notification-settings", methods=["PUT"])
def save_settings():
    who, data = change(bp.current_request)
    return preferences.save(who, data)
