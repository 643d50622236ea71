"""The private static site, with `plein dev --private-site` doing CloudFront's cookie check:
without valid site cookies every page is the sign-in page (403); after signing in through the
identity provider the site is readable; after signing out it is not."""

import os
import time

import pytest
from devserver import DevServer


@pytest.fixture(scope="module")
def private(tmp_path_factory, built_site):
    server = DevServer(tmp_path_factory.mktemp("data"), built_site).start(
        extra_args=("--private-site",))
    yield server
    server.stop()


@pytest.fixture
def visitor(browser, private):
    context = browser.new_context(base_url=private.url, locale="nl-NL")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.errors = errors
    yield page
    context.close()


def test_a_visitor_without_cookies_gets_the_sign_in_page_with_403(visitor):
    for path in ("/", "/over-plein.html", "/nieuws/nieuwe-flexplekken-stadhuis.html"):
        response = visitor.goto(path)
        assert response.status == 403
        assert visitor.get_by_role("heading", name="Inloggen op Plein").is_visible()
    # The sign-in page can render: its styles and scripts are public.
    assert visitor.request.get("/theme/css/plein.css").status == 200
    assert visitor.errors == []


def test_signing_in_opens_the_site_and_signing_out_closes_it(visitor, issuer):
    issuer.next_user = {"sub": "u-kees", "email": "kees.mulder@voorbeeld.nl", "name": "Kees"}
    visitor.goto("/api/auth/login?next=/over-plein.html")
    visitor.wait_for_url("**/over-plein.html")
    assert visitor.request.get("/over-plein.html").status == 200
    assert visitor.get_by_role("heading", name="Over Plein", level=1).is_visible()
    with visitor.expect_response("**/api/auth/logout") as logout:
        visitor.get_by_role("button", name="Uitloggen").click()
    assert logout.value.status == 200
    visitor.locator(".session").get_by_text("Niet ingelogd").wait_for()
    # Asked afresh (not from the browser's cache of the page it is on): 403 again.
    assert visitor.request.get("/over-plein.html").status == 403


def test_tampered_or_foreign_site_cookies_do_not_open_the_site(visitor, issuer, private):
    issuer.next_user = {"sub": "u-kees", "email": "kees.mulder@voorbeeld.nl", "name": "Kees"}
    visitor.goto("/api/auth/login?next=/")
    visitor.wait_for_url(private.url + "/")
    good = {c["name"]: c for c in visitor.context.cookies()}
    assert visitor.request.get("/over-plein.html").status == 200
    policy = good["CloudFront-Policy"]
    for bad_value in (policy["value"][:-4] + "AAAA", ""):
        visitor.context.add_cookies([{**policy, "value": bad_value}])
        assert visitor.request.get("/over-plein.html").status == 403
    visitor.context.add_cookies([policy, {**good["CloudFront-Key-Pair-Id"], "value": "K-OTHER"}])
    assert visitor.request.get("/over-plein.html").status == 403


@pytest.mark.parametrize("path", ["//evil.example/x", "/\\evil.example/x"])
def test_continue_after_signing_in_never_leaves_the_site(visitor, private, path):
    """CloudFront shows the sign-in page at the URL that was refused, which can be one a
    browser reads as another host; "Verder" must not follow it there."""
    response = visitor.goto(private.url + path)
    assert response.status == 403
    picker = visitor.get_by_label("Inloggen als demomedewerker")
    picker.select_option(picker.locator("option", has_text="Lotte Visser").get_attribute("value"))
    visitor.get_by_role("button", name="Inloggen").click()
    go_on = visitor.get_by_role("link", name="Verder")
    go_on.wait_for()
    assert go_on.get_attribute("href") == "/"
    assert visitor.errors == []


def test_after_signing_out_a_page_is_not_shown_from_the_browsers_cache(visitor, issuer,
                                                                        built_site):
    # A page unchanged for a year: told only `public`, a browser deems it fresh for weeks
    # (a tenth of its age) and shows it without asking, signed in or not.
    year_ago = time.time() - 365 * 86400
    os.utime(built_site / "over-plein.html", (year_ago, year_ago))
    issuer.next_user = {"sub": "u-kees", "email": "kees.mulder@voorbeeld.nl", "name": "Kees"}
    visitor.goto("/api/auth/login?next=/over-plein.html")
    visitor.wait_for_url("**/over-plein.html")
    assert visitor.get_by_role("heading", name="Over Plein", level=1).is_visible()
    with visitor.expect_response("**/api/auth/logout"):
        visitor.get_by_role("button", name="Uitloggen").click()
    visitor.locator(".session").get_by_text("Niet ingelogd").wait_for()
    visitor.goto("/inloggen.html")

    response = visitor.goto("/over-plein.html")  # a link followed, not a reload
    assert response.status == 403
    assert visitor.get_by_role("heading", name="Inloggen op Plein").is_visible()
    assert not visitor.get_by_role("heading", name="Over Plein", level=1).is_visible()
