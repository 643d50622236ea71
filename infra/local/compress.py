"""Compression as production does it, for `plein dev`.

Production sends pages, scripts, styles and API answers gzipped: CloudFront compresses the
site's files (Compress on its cached behaviours, infra/deploy/cloudfront.py), and API Gateway
the API's answers (MinimumCompressionSize, infra/deploy/resources.py), since CloudFront does
not compress what it does not cache. Without the same here, a page measured on `plein dev` (by
Lighthouse, bench/lighthouse.py) weighs three times what a phone receives, and its throttled
load is judged on bytes nobody sends. The rules are CloudFront's documented ones, which the
API's threshold repeats: the browser accepts gzip, the type is text-like, the body is between
1,000 and 10,000,000 bytes, and it is not encoded already.
"""

import gzip

from werkzeug.wrappers import Request, Response

from ..deploy.resources import API_MIN_COMPRESSION

MIN_BYTES, MAX_BYTES = API_MIN_COMPRESSION, 10_000_000
TEXT_TYPES = frozenset({
    "application/javascript", "application/json", "application/manifest+json",
    "application/xml", "application/rss+xml", "application/atom+xml", "application/xhtml+xml",
    "image/svg+xml", "image/x-icon"})
LEVEL = 6  # gzip's own default; bench/lighthouse.py weighs files at the same level


def compressible(content_type: str | None) -> bool:
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    return kind.startswith("text/") or kind in TEXT_TYPES


class Compressed:
    """WSGI middleware: gzips the answers CloudFront would gzip, and only those."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.method == "HEAD" or not request.accept_encodings["gzip"]:
            return self.app(environ, start_response)
        response = Response.from_app(self.app, environ, buffered=True)
        body = response.get_data()
        text = compressible(response.content_type)
        if (text and response.status_code != 206 and MIN_BYTES <= len(body) <= MAX_BYTES
                and "Content-Encoding" not in response.headers):
            response.set_data(gzip.compress(body, LEVEL, mtime=0))
            response.headers["Content-Encoding"] = "gzip"
            # Another encoding is another representation: its validator may only be weak, so a
            # revalidation still matches whichever encoding the browser kept.
            etag, _weak = response.get_etag()
            if etag:
                response.set_etag(etag, weak=True)
        if text:
            response.vary.add("Accept-Encoding")
        return response(environ, start_response)
