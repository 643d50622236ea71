"""The home page's one request: every dynamic part of it in one answer (docs/home.md)."""

from chalice import Blueprint

from ..clock import system_clock
from ..domain import home
from ..web.guard import viewer_or_none

bp = Blueprint(__name__)


@bp.route("/home")
def home_page():
    # Signed out is an answer here, not a 401, as for /api/session: the page asks on every
    # visit, and a signed-out visitor's console should show no refused request.
    return home.page(viewer_or_none(bp.current_request), system_clock)
