"""Web Push: this device's subscription, and the server key a browser subscribes with."""

from chalice import Blueprint, Response

from ..clock import system_clock
from ..domain.delivery import push
from ..web.guard import change, viewer

bp = Blueprint(__name__)


@bp.route("/push/key")
def server_key():
    return push.server_key(viewer(bp.current_request))


@bp.route("/push/subscriptions", methods=["POST"])
def subscribe():
    who, data = change(bp.current_request)
    return Response(body=push.subscribe(who, data, system_clock), status_code=201)


@bp.route("/push/subscriptions", methods=["DELETE"])
def unsubscribe():
    who, data = change(bp.current_request)
    return push.unsubscribe(who, data)
