"""What CloudFront does in front of the private site, for `plein dev --private-site`.

CloudFront checks the three signed cookies against the distribution's trusted key group and
answers 403 (which the custom error response turns into the sign-in page) when they are
missing, expired, for another resource, or do not verify. This module does the same check with
the public half of the local key, so the whole private-site flow can be seen and tested
locally. The paths anyone may read are those of the deploy contract (docs/security.md).
"""

import base64
import binascii
import fnmatch
import json
import time
from http.cookies import CookieError, SimpleCookie
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from werkzeug.wrappers import Response

SIGN_IN_PAGE = "/inloggen.html"
# Readable without cookies: the sign-in page (and each language's, /en/inloggen.html) and what
# it needs to render.
PUBLIC_PATHS = (SIGN_IN_PAGE, f"/*{SIGN_IN_PAGE}", "/theme/*", "/images/logo.svg",
                "/images/favicon.svg")


def _cf_b64decode(text: str) -> bytes:
    return base64.b64decode(text.replace("-", "+").replace("_", "=").replace("~", "/"),
                            validate=True)


def allows(cookie_header: str, url: str, public_key, key_pair_id: str,
           now: float | None = None) -> bool:
    """Would CloudFront let these cookies read `url`?"""
    try:
        jar = SimpleCookie(cookie_header or "")
        policy = _cf_b64decode(jar["CloudFront-Policy"].value)
        signature = _cf_b64decode(jar["CloudFront-Signature"].value)
        if jar["CloudFront-Key-Pair-Id"].value != key_pair_id:
            return False
        public_key.verify(signature, policy, padding.PKCS1v15(), hashes.SHA1())
        statement = json.loads(policy)["Statement"][0]
        expires = statement["Condition"]["DateLessThan"]["AWS:EpochTime"]
        resource = statement["Resource"]
    except (CookieError, KeyError, IndexError, TypeError, ValueError, binascii.Error,
            InvalidSignature):
        return False
    now = time.time() if now is None else now
    return isinstance(expires, int) and now < expires and fnmatch.fnmatchcase(url, resource)


class PrivateSite:
    """WSGI middleware over the static files (or photos): signed cookies, or the sign-in page
    with 403."""

    def __init__(self, app, site_dir: Path, public_key, key_pair_id: str, headers: dict):
        self.app, self.site_dir = app, Path(site_dir)
        self.public_key, self.key_pair_id = public_key, key_pair_id
        self.headers = list(headers.items())

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "/")
        url = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}{path}"
        if any(fnmatch.fnmatchcase(path, p) for p in PUBLIC_PATHS) or allows(
                environ.get("HTTP_COOKIE", ""), url, self.public_key, self.key_pair_id):
            return self.app(environ, start_response)
        page = self.site_dir / SIGN_IN_PAGE.lstrip("/")
        body = page.read_bytes() if page.exists() else b"Sign in first."
        response = Response(body, status=403, content_type="text/html; charset=utf-8",
                            headers=self.headers + [("Cache-Control", "no-store")])
        return response(environ, start_response)
