"""Comments on posts and on the site's static pages (thread key: the page's path)."""

from chalice import Blueprint, Response

from ..clock import system_clock
from ..domain import comments
from ..ids import new_id
from ..web import ratelimit
from ..web.guard import change, viewer

bp = Blueprint(__name__)


def _param(name: str):
    return (bp.current_request.query_params or {}).get(name)


@bp.route("/posts/{post_id}/comments")
def post_comments(post_id):
    return comments.list_for_post(viewer(bp.current_request), post_id, _param("cursor"))


@bp.route("/posts/{post_id}/comments", methods=["POST"])
def comment_on_post(post_id):
    who, data = change(bp.current_request)
    ratelimit.check(who, "comment", system_clock)
    return Response(body=comments.create_on_post(who, post_id, data, system_clock, new_id),
                    status_code=201)


@bp.route("/pages/comments")
def page_comments():
    return comments.list_for_page(viewer(bp.current_request), _param("path"), _param("cursor"))


@bp.route("/pages/comments", methods=["POST"])
def comment_on_page():
    who, data = change(bp.current_request)
    ratelimit.check(who, "comment", system_clock)
    return Response(body=comments.create_on_page(who, _param("path"), data, system_clock,
                                                 new_id), status_code=201)


@bp.route("/comments/{comment_id}", methods=["PATCH"])
def edit_comment(comment_id):
    who, data = change(bp.current_request)
    return comments.edit(who, comment_id, data, system_clock)


@bp.route("/comments/{comment_id}", methods=["DELETE"])
def delete_comment(comment_id):
    who, _data = change(bp.current_request)
    return comments.delete(who, comment_id, system_clock, new_id)
