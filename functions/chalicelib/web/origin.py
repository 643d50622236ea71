"""The API answers only what came through CloudFront.

API Gateway's own execute-api URL is public, and a request sent there would skip CloudFront's
limits and logs. CloudFront adds a header only it knows (`PLEIN_ORIGIN_SECRET`, set by the
template to its stack's random id) to every request it forwards; anything else is refused
before a route runs. Locally the setting is empty and nothing is checked.
"""

import hmac

from ..errors import forbidden
from ..settings import settings

HEADER = "x-plein-origin"


def only_through_cloudfront(event, get_response):
    secret = settings.origin_secret
    if secret:
        sent = event.headers.get(HEADER) or ""
        if not hmac.compare_digest(sent.encode(), secret.encode()):
            return forbidden("Use the intranet's own address.").response()
    return get_response(event)
