"""The middleware that turns every failure, ours and Chalice's own {"Code", "Message"}, into
one JSON shape: {"error": code, "reason": text, "field": name}."""

from ..errors import ApiError

_CHALICE_CODES = {400: "invalid", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
                  413: "too_large", 415: "unsupported_media_type", 429: "rate_limited"}


def json_errors(event, get_response):
    try:
        response = get_response(event)
    except ApiError as err:
        return err.response()
    body = response.body
    if response.status_code >= 400 and isinstance(body, dict) and set(body) == {"Code", "Message"}:
        response.body = {"error": _CHALICE_CODES.get(response.status_code, "error"),
                         "reason": body["Message"]}
    return response
