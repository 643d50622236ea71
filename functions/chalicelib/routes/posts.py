"""Posts, streams, reactions and answers."""

from chalice import Blueprint, Response

from ..clock import system_clock
from ..domain import posts, questions, reactions, stream
from ..ids import new_id
from ..web import ratelimit
from ..web.guard import change, viewer

bp = Blueprint(__name__)


@bp.route("/posts", methods=["POST"])
def create_post():
    who, data = change(bp.current_request)
    ratelimit.check(who, "post", system_clock)
    ratelimit.photos(who, data, system_clock)
    return Response(body=posts.create(who, data, system_clock, new_id), status_code=201)


@bp.route("/stream")
def read_stream():
    request = bp.current_request
    return stream.page(viewer(request), request.query_params or {})


@bp.route("/posts/{post_id}")
def read_post(post_id):
    return posts.get(viewer(bp.current_request), post_id)


@bp.route("/posts/{post_id}", methods=["PATCH"])
def edit_post(post_id):
    who, data = change(bp.current_request)
    return posts.edit(who, post_id, data, system_clock)


@bp.route("/posts/{post_id}", methods=["DELETE"])
def delete_post(post_id):
    who, _data = change(bp.current_request)
    return posts.delete(who, post_id, system_clock, new_id)


@bp.route("/posts/{post_id}/reactions/{kind}", methods=["PUT"])
def react(post_id, kind):
    who, _data = change(bp.current_request)
    ratelimit.check(who, "like", system_clock)  # every reaction counts on the dashboard
    return reactions.react(who, post_id, kind, system_clock)


@bp.route("/posts/{post_id}/reactions/{kind}", methods=["DELETE"])
def unreact(post_id, kind):
    who, _data = change(bp.current_request)
    ratelimit.check(who, "like", system_clock)
    return reactions.unreact(who, post_id, kind)


@bp.route("/posts/{post_id}/reactions")
def who_reacted(post_id):
    request = bp.current_request
    return reactions.who(viewer(request), post_id, request.query_params or {})


@bp.route("/posts/{post_id}/answer", methods=["POST"])
def mark_answer(post_id):
    who, data = change(bp.current_request)
    return questions.mark_answer(who, post_id, data)
