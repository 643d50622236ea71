"""Reading the session cookie: other cookies holding JSON or quotes do not hide it, two
different session cookies count as none (a planted one must not win), and deployed the cookie
carries the __Host- prefix."""

import os
import subprocess
import sys

from chalicelib.domain import sessions
from chalicelib.web.guard import cookie_values


def _me(client, cookie_header: str) -> int:
    return client.http.get("/api/me", headers={"cookie": cookie_header}).status_code


def test_other_cookies_with_json_or_quotes_do_not_hide_the_session(client, make_person,
                                                                  as_person):
    ours = as_person(make_person())["cookie"]
    for other in ('prefs={"theme":"dark","font":2}', 'x="', 'a="b c"', "broken", "=lonely",
                  'consent={"ads":false}; _ga=GA1.2.3'):
        assert _me(client, f"{other}; {ours}") == 200, other
        assert _me(client, f"{ours}; {other}") == 200, other


def test_two_different_session_cookies_count_as_none(client, make_person, as_person):
    """A sibling subdomain, or a cookie with a longer Path, can add a second one that the
    browser sends first; picking either could sign the victim in as the planter."""
    mine, planted = as_person(make_person())["cookie"], as_person(make_person())["cookie"]
    assert _me(client, f"{planted}; {mine}") == 401
    assert _me(client, f"{mine}; {planted}") == 401
    assert _me(client, f"{mine}; {mine}") == 200  # the same one twice is not ambiguous


def test_cookie_values_split_as_browsers_do():
    header = 'a={"k":"v;x"}; plein_session="abc"; b=1;plein_session=abc'
    assert cookie_values(header, "plein_session") == ["abc", "abc"]
    assert cookie_values(header, "missing") == []
    assert cookie_values(None, "plein_session") == []


def test_deployed_the_cookie_has_the_host_prefix_and_only_it_is_read(make_person):
    """A fresh interpreter with a deployed stage's settings, against the same endpoint."""
    anna = make_person()
    script = (
        "import sys; from chalice.test import Client; from app import app\n"
        "from chalicelib.clock import system_clock\n"
        "from chalicelib.domain import sessions\n"
        "token = sessions.issue(sys.argv[1], system_clock())\n"
        "print(sessions.set_cookie(token))\n"
        "with Client(app) as c:\n"
        "    for name in ('__Host-plein_session', 'plein_session'):\n"
        "        print(c.http.get('/api/me', headers={'cookie': f'{name}={token}'}).status_code)\n"
    )
    env = {**os.environ, "PLEIN_STAGE": "prod", "PLEIN_DEMO_SIGNIN": ""}
    out = subprocess.run([sys.executable, "-c", script, anna.id], env=env, capture_output=True,
                         text=True, cwd="functions", check=True).stdout.splitlines()
    set_cookie, host_prefixed, plain = out
    assert set_cookie.startswith("__Host-plein_session=")
    assert "; Secure" in set_cookie and "; Path=/;" in set_cookie
    assert "Domain" not in set_cookie
    assert (host_prefixed, plain) == ("200", "401")


def test_locally_over_http_the_cookie_has_no_prefix():
    """`plein dev` runs on plain http, where browsers refuse __Host- cookies."""
    assert sessions.set_cookie("t").startswith("plein_session=t;")
    assert "Secure" not in sessions.set_cookie("t")
