"""People: the directory, profiles and expertise suggestions."""

from chalice import Blueprint

from ..clock import system_clock
from ..domain import directory, people, profiles
from ..web import ratelimit
from ..web.guard import change, viewer

bp = Blueprint(__name__)


def _param(name: str) -> str:
    return (bp.current_request.query_params or {}).get(name) or ""


@bp.route("/people")
def search():
    viewer(bp.current_request)
    return directory.search(_param("q"), _param("department"), _param("expertise"),
                            _param("cursor") or None)


@bp.route("/people/me")
def me():
    who = viewer(bp.current_request)
    return profiles.profile(who, who.id)


@bp.route("/people/{person_id}")
def profile(person_id):
    return profiles.profile(viewer(bp.current_request), person_id)


@bp.route("/people/{person_id}", methods=["PATCH"])
def edit(person_id):
    who, data = change(bp.current_request)
    ratelimit.check(who, "profile", system_clock)
    ratelimit.photos(who, data, system_clock)
    return people.update(who, person_id, data, system_clock)


@bp.route("/expertise")
def expertise():
    viewer(bp.current_request)
    return directory.suggest_tags(_param("prefix"))


@bp.route("/departments")
def departments():
    viewer(bp.current_request)
    return directory.departments()
