"""Search: posts, questions and comments, groups and people, in one result shape."""

from chalice import Blueprint

from ..domain.search import service
from ..web.guard import viewer

bp = Blueprint(__name__)


@bp.route("/search")
def search():
    request = bp.current_request
    return service.search(viewer(request), request.query_params or {})
