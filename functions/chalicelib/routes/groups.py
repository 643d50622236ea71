"""Groups, their members, requests and invitations. `members/me` is the viewer themselves."""

from chalice import Blueprint, Response

from ..clock import system_clock
from ..domain import group_posts, groups, memberships
from ..ids import new_id
from ..web import ratelimit
from ..web.guard import change, viewer

bp = Blueprint(__name__)


def _person(who, person: str) -> str:
    return who.id if person == "me" else person


@bp.route("/groups")
def list_groups():
    request = bp.current_request
    return groups.directory(viewer(request), request.query_params or {})


@bp.route("/groups", methods=["POST"])
def create_group():
    who, data = change(bp.current_request)
    ratelimit.check(who, "group", system_clock)
    ratelimit.photos(who, data, system_clock)
    return Response(body=groups.create(who, data, system_clock, new_id), status_code=201)


@bp.route("/groups/{group_id}")
def show_group(group_id):
    return groups.show(viewer(bp.current_request), group_id)


@bp.route("/groups/{group_id}", methods=["PATCH"])
def edit_group(group_id):
    who, data = change(bp.current_request)
    ratelimit.photos(who, data, system_clock)
    return groups.update(who, group_id, data)


@bp.route("/groups/{group_id}", methods=["DELETE"])
def delete_group(group_id):
    who, _data = change(bp.current_request)
    groups.delete(who, group_id)
    return Response(body="", status_code=204)


@bp.route("/groups/{group_id}/members")
def list_members(group_id):
    request = bp.current_request
    return groups.roster(viewer(request), group_id, request.query_params or {})


@bp.route("/groups/{group_id}/members/{person}", methods=["PUT"])
def join_group(group_id, person):
    who, _data = change(bp.current_request)
    memberships.check_self(who, person)
    return memberships.join(who, group_id, system_clock)


@bp.route("/groups/{group_id}/members/{person}", methods=["DELETE"])
def remove_member(group_id, person):
    who, _data = change(bp.current_request)
    return memberships.remove(who, group_id, _person(who, person))


@bp.route("/groups/{group_id}/members/{person}", methods=["PATCH"])
def set_member_role(group_id, person):
    who, data = change(bp.current_request)
    return memberships.set_role(who, group_id, _person(who, person), data)


@bp.route("/groups/{group_id}/invitations", methods=["POST"])
def invite(group_id):
    who, data = change(bp.current_request)
    return memberships.invite(who, group_id, data, system_clock)


@bp.route("/groups/{group_id}/requests/{person}/approve", methods=["POST"])
def approve(group_id, person):
    who, _data = change(bp.current_request)
    return memberships.answer_request(who, group_id, person, True, system_clock)


@bp.route("/groups/{group_id}/requests/{person}/decline", methods=["POST"])
def decline(group_id, person):
    who, _data = change(bp.current_request)
    return memberships.answer_request(who, group_id, person, False, system_clock)


@bp.route("/groups/{group_id}/posts")
def group_posts_page(group_id):
    request = bp.current_request
    return group_posts.page(viewer(request), group_id, request.query_params or {})


@bp.route("/groups/{group_id}/unanswered")
def needs_an_answer(group_id):
    request = bp.current_request
    return group_posts.needs_answer(viewer(request), group_id, request.query_params or {},
                                    system_clock)
