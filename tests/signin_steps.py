"""The browser's part of the sign-in flow, driven over HTTP against chalice.test's client."""

import urllib.error
import urllib.parse
import urllib.request

from cookies import set_cookies, value

HOST = "plein.test"  # as in conftest


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def follow_provider(url: str) -> str:
    """GET the provider's authorize URL; returns where it sends the browser back to."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(url, timeout=10)
    except urllib.error.HTTPError as err:
        if err.code == 302:
            return err.headers["Location"]
        raise
    raise AssertionError("the provider did not redirect")


def start(client, next_path: str | None = None):
    path = "/api/auth/login" + (f"?{urllib.parse.urlencode({'next': next_path})}"
                                if next_path else "")
    return client.http.get(path, headers={"host": HOST})


def callback(client, location: str, flow: str | None):
    """Our callback, as the browser would request it after the provider's redirect."""
    parts = urllib.parse.urlsplit(location)
    assert parts.path == "/api/auth/callback", location
    headers = {"host": HOST}
    if flow:
        headers["cookie"] = f"plein_signin={flow}"
    return client.http.get(f"{parts.path}?{parts.query}", headers=headers)


def sign_in(client, next_path: str | None = None):
    """The whole flow; returns our callback's response."""
    login = start(client, next_path)
    assert login.status_code == 302, login.body
    flow = value(set_cookies(login)["plein_signin"])
    return callback(client, follow_provider(login.headers["Location"]), flow)
