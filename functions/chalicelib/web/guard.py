"""What every route checks before it does anything: session, and for changes, JSON + Origin.

Chalice's local authorizers do not verify signatures, so no route relies on them; each handler
calls `viewer()` or `change()` itself.
"""

import json

from ..clock import Clock, system_clock
from ..domain import sessions
from ..domain.viewer import Viewer
from ..errors import ApiError, forbidden, invalid, too_large, unauthorized
from ..models import Person
from ..settings import settings

MAX_BODY_BYTES = 64 * 1024
# No request of ours nests deeper than a few levels; a body that does is an attack on the
# parser (and on everything that walks the value after it), not data.
MAX_DEPTH = 20


def cookie_values(header: str | None, name: str) -> list[str]:
    """Every value sent for `name`, in order. Split as RFC 6265 section 5.2 says browsers
    split: on ";", then at the first "=". The stdlib's SimpleCookie gives up on the whole
    header when any other cookie holds JSON or a stray quote, which lost our session with it.
    Our own values (JWTs, CloudFront's) never need quoting; a quoted value is unwrapped."""
    found = []
    for pair in (header or "").split(";"):
        key, sep, value = pair.partition("=")
        if sep and key.strip() == name:
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            found.append(value)
    return found


def cookie(request, name: str) -> str | None:
    """The one value of `name`. Several different ones are ambiguous and count as none: a
    sibling subdomain (or a longer Path) can add a cookie of the same name that the browser
    sends first, and picking either could sign someone in as the planter of that cookie."""
    values = set(cookie_values(request.headers.get("cookie"), name))
    return values.pop() if len(values) == 1 else None


def _valid(request, clock: Clock) -> tuple[sessions.Session, Person] | None:
    """The valid, unrevoked session and its person, or None. At most one GetItem."""
    token = cookie(request, sessions.COOKIE)
    current = sessions.read(token, clock()) if token else None
    if current is None:
        return None
    try:
        person = Person.get(*Person.key(current.person_id))
    except Person.DoesNotExist:
        return None
    return (current, person) if sessions.is_current(current, person) else None


def session(request, clock: Clock = system_clock) -> tuple[sessions.Session, Person]:
    """The valid, unrevoked session and its person; 401 otherwise. One GetItem."""
    found = _valid(request, clock)
    if found is None:
        raise unauthorized()
    return found


def _as_viewer(person: Person) -> Viewer:
    return Viewer(id=person.id, name=person.name, email=person.email, role=person.role,
                  person=person)


def viewer(request, clock: Clock = system_clock) -> Viewer:
    return _as_viewer(session(request, clock)[1])


def viewer_or_none(request, clock: Clock = system_clock) -> Viewer | None:
    """The viewer, or None without a valid session: for the one question whose answer may
    be "nobody" (GET /api/session), so a signed-out page makes no refused request."""
    found = _valid(request, clock)
    return _as_viewer(found[1]) if found else None


def own_origin(request) -> str:
    """The site's origin: PLEIN_PUBLIC_URL when set (behind CloudFront, API Gateway sees its own
    Host), else the request's own scheme and host (local)."""
    if settings.public_url:
        return settings.public_url
    host = request.headers.get("host", "")
    proto = request.headers.get("x-forwarded-proto", "http" if settings.is_local else "https")
    return f"{proto}://{host}"


def check_origin(request) -> None:
    """Cross-site form posts and fetches cannot forge JSON with our Origin."""
    origin = (request.headers.get("origin") or "").rstrip("/")
    if origin:
        if origin == own_origin(request) or origin in settings.allowed_origins:
            return
        raise forbidden("Cross-origin request refused.")
    # Browsers that omit Origin still send fetch metadata; only same-origin passes.
    if request.headers.get("sec-fetch-site") == "same-origin":
        return
    raise forbidden("Missing Origin header.")


def json_body(request) -> dict:
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise ApiError(415, "unsupported_media_type", "Send application/json.")
    raw = request.raw_body or b""
    if len(raw) > MAX_BODY_BYTES:
        raise too_large("body", f"Request is larger than {MAX_BODY_BYTES} bytes.")
    try:
        body = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        raise invalid("body", "Request body is not valid JSON.") from None
    except RecursionError:  # thousands of `[` exhaust the parser's stack
        raise invalid("body", f"Request body nests deeper than {MAX_DEPTH} levels.") from None
    if not isinstance(body, dict):
        raise invalid("body", "Request body must be a JSON object.")
    _check_values(body)
    return body


def _check_values(body: dict) -> None:
    """Refuses what JSON allows but nothing downstream can store or walk safely: deep nesting,
    and lone surrogates (`"\\ud800"`), which are no text in UTF-8 and fail when stored. Walked
    without recursion; the field named is the top-level member it was found in."""
    stack = [(value, 1, key) for key, value in body.items()]
    stack += [(key, 1, key) for key in body]
    while stack:
        value, depth, field = stack.pop()
        if depth > MAX_DEPTH:
            raise invalid(_name(field), f"Nested deeper than {MAX_DEPTH} levels.")
        if isinstance(value, str):
            if not _is_text(value):
                raise invalid(_name(field), "Text holds an unpaired surrogate (\\ud800-\\udfff); "
                              "send valid Unicode.")
        elif isinstance(value, dict):
            stack += [(v, depth + 1, field) for v in value.values()]
            stack += [(k, depth + 1, field) for k in value]
        elif isinstance(value, list):
            stack += [(v, depth + 1, field) for v in value]


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _name(field: str) -> str:
    """A member's own name as the error's field, when it is one we could show."""
    return field if _is_text(field) and len(field) <= 50 else "body"


def change(request, clock: Clock = system_clock) -> tuple[Viewer, dict]:
    """For state-changing routes: same origin, JSON, signed in; returns (viewer, body)."""
    check_origin(request)
    body = json_body(request)
    return viewer(request, clock), body
