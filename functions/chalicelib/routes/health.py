from chalice import Blueprint

bp = Blueprint(__name__)


@bp.route("/health")
def health():
    return {"ok": True}
