"""One origin, routed as CloudFront routes it: /api/* to the Chalice app, the rest from site/."""

import base64
import urllib.parse
from pathlib import Path

from chalice.config import Config
from chalice.local import CustomLocalChalice, LocalChalice, LocalGateway, LocalGatewayException
from werkzeug.middleware.shared_data import SharedDataMiddleware
from werkzeug.wrappers import Request, Response

from ..deploy import sync


class ApiApp:
    """A WSGI face on Chalice's LocalGateway, which builds the Lambda event API Gateway would."""

    def __init__(self, chalice_app, stage: str = "local"):
        config = Config.create(chalice_stage=stage, chalice_app=chalice_app,
                               app_name=chalice_app.app_name)
        # Chalice keeps the request being handled on the app (`app.current_request`): fine in
        # Lambda, one request per process, but this server is threaded. `chalice local` makes
        # it thread-local by swapping in LocalChalice; we do the same, or two requests at once
        # could read each other's body and cookie.
        if not isinstance(chalice_app, LocalChalice):
            CustomLocalChalice.__bases__ = (LocalChalice, chalice_app.__class__)
            chalice_app.__class__ = CustomLocalChalice
        self._gateway = LocalGateway(chalice_app, config)

    def __call__(self, environ, start_response):
        request = Request(environ)
        headers = {k.lower(): v for k, v in request.headers.items()}
        # Re-encode the decoded path: an id holding "%3F" must stay one path segment, as it
        # does in API Gateway, not become a query string (found by the schemathesis run).
        path = urllib.parse.quote(request.path, safe="/:@!$&'()*+,;=-._~")
        if request.query_string:
            path += "?" + request.query_string.decode("latin-1")
        try:
            result = self._gateway.handle_request(
                method=request.method, path=path, headers=headers,
                body=request.get_data() or None)
        except LocalGatewayException as err:
            response = Response(err.body, status=err.CODE, headers=err.headers)
            return response(environ, start_response)
        body = result.get("body") or b""
        if result.get("isBase64Encoded"):
            body = base64.b64decode(body)
        response = Response(body, status=result["statusCode"])
        for name, value in (result.get("headers") or {}).items():
            response.headers[name] = value
        for name, values in (result.get("multiValueHeaders") or {}).items():
            for value in values:
                response.headers.add(name, value)
        return response(environ, start_response)


class SiteApp:
    """Static files with CloudFront's behaviour: / serves index.html, unknown paths 404.html,
    and the same security headers as CloudFront's response headers policy.

    Each file carries the Content-Type and Cache-Control `plein deploy` gives its object in the
    bucket (`deploy/sync.py`): pages must be revalidated on every visit, so a private page is
    not shown from the browser's cache once its site cookies are gone. werkzeug's own
    `Cache-Control: public` let the browser guess a freshness and show pages after sign-out."""

    def __init__(self, site_dir: Path, headers: dict):
        self.site_dir = Path(site_dir)
        self.headers = list(headers.items())
        # cache=True for its ETag and 304s, which make a revalidation cheap; its own
        # Cache-Control is replaced below.
        self._files = SharedDataMiddleware(self._not_found, {"/": str(self.site_dir)},
                                           cache=True)

    def _not_found(self, environ, start_response):
        page = self.site_dir / "404.html"
        body = page.read_bytes() if page.exists() else b"Not found"
        return Response(body, status=404, content_type="text/html; charset=utf-8")(
            environ, start_response)

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO", "/").endswith("/"):
            environ["PATH_INFO"] += "index.html"
        key = environ["PATH_INFO"].lstrip("/")

        def with_headers(status, headers, exc_info=None):
            if status.startswith(("200", "304")):
                headers = [(k, v) for k, v in headers
                           if k.lower() not in ("cache-control", "content-type")]
                headers.append(("Cache-Control", sync.cache_control(key)))
                if status.startswith("200"):
                    headers.append(("Content-Type", sync.content_type(key)))
            return start_response(status, headers + self.headers, exc_info)

        return self._files(environ, with_headers)


class OneOrigin:
    def __init__(self, api, site, media=None, upload=None, outbox=None):
        self.api, self.site, self.media, self.upload = api, site, media, upload
        self.outbox = outbox  # the local mail outbox page; CloudFront has no such path

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "/")
        target = self.site
        if path == "/api" or path.startswith("/api/"):
            target = self.api
        elif self.media and path.startswith("/media/"):
            target = self.media
        elif self.upload and path == "/upload":
            target = self.upload
        elif self.outbox and path.startswith("/outbox/"):
            target = self.outbox
        return target(environ, start_response)
