"""Reactions on the site's pages (articles and pages), next to their comments: the same kinds
and rules as a post's reactions (domain/reactions.py); the page is named by `?path=`."""

from chalice import Blueprint

from ..clock import system_clock
from ..domain import reactions
from ..web import ratelimit
from ..web.guard import change, viewer

bp = Blueprint(__name__)


def _params() -> dict:
    return bp.current_request.query_params or {}


@bp.route("/pages/reactions")
def who_reacted():
    params = _params()
    return reactions.who_on_page(viewer(bp.current_request), params.get("path"), params)


@bp.route("/pages/reactions/{kind}", methods=["PUT"])
def react(kind):
    who, _data = change(bp.current_request)
    ratelimit.check(who, "like", system_clock)  # as on posts: every reaction counts
    return reactions.react_on_page(who, _params().get("path"), kind, system_clock)


@bp.route("/pages/reactions/{kind}", methods=["DELETE"])
def unreact(kind):
    who, _data = change(bp.current_request)
    ratelimit.check(who, "like", system_clock)
    return reactions.unreact_on_page(who, _params().get("path"), kind)
