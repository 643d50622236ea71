"""Reading Set-Cookie headers from chalice.test responses (one header, or a list of them)."""


def set_cookies(response) -> dict[str, str]:
    """{cookie name: the whole Set-Cookie value}."""
    raw = response.headers.get("Set-Cookie") or response.headers.get("set-cookie") or []
    values = [raw] if isinstance(raw, str) else list(raw)
    return {v.split("=", 1)[0]: v for v in values}


def value(set_cookie: str) -> str:
    return set_cookie.split(";", 1)[0].split("=", 1)[1]
