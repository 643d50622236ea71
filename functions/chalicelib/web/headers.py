"""Security headers: one definition for API responses, the local server and CloudFront.

The pages run no inline script (settings travel in data-* attributes and JSON blocks), so the
policy can forbid inline scripts outright.
"""

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    # WebAssembly only (Pagefind's search runs in it), never eval of JavaScript.
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

# HTTPS only: browsers ignore HSTS over plain http, and locally we serve plain http.
HSTS = "max-age=63072000; includeSubDomains"


def for_stage(is_local: bool) -> dict:
    return dict(SECURITY_HEADERS) if is_local else {**SECURITY_HEADERS,
                                                    "Strict-Transport-Security": HSTS}


def add_security_headers(event, get_response):
    """Chalice middleware: every API response carries the headers, errors included."""
    from ..settings import settings

    response = get_response(event)
    for name, value in for_stage(settings.is_local).items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Cache-Control", "no-store")
    # API Gateway labels an unlabelled body application/json, the local server text/plain;
    # saying it ourselves makes both agree (found by the schemathesis run).
    if not any(name.lower() == "content-type" for name in response.headers) \
            and not isinstance(response.body, str | bytes):
        response.headers["Content-Type"] = "application/json"
    return response
