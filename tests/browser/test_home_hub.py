"""The home page as a hub: one API request for every dynamic part (plus the page-view
beacon), none refused for a signed-out visitor, and the open questions of my groups."""

import pytest
from steps import sign_in

PIETER, LOTTE = "pieter.van.dijk@voorbeeld.nl", "lotte.visser@voorbeeld.nl"


def api_paths(page):
    """The API paths this page asks from now on (without their query)."""
    asked = []
    page.on("request", lambda request: asked.append(
        request.url.split("/api/", 1)[1].split("?", 1)[0]) if "/api/" in request.url else None)
    return asked


@pytest.fixture(scope="module")
def groups(live):
    """Pieter's groups: one Lotte is in, one she is not, and a secret one; each open group
    with a question nobody answered yet."""
    pieter, lotte = live.session(), live.session()
    assert pieter.call("POST", "/api/auth/dev-login", {"email": PIETER})[0] == 200
    assert lotte.call("POST", "/api/auth/dev-login", {"email": LOTTE})[0] == 200
    made = {}
    for name, visibility in (("Fietsers", "open"), ("Schakers", "open"),
                             ("Reorganisatie", "secret"), ("Koffieclub", "closed")):
        status, group = pieter.call("POST", "/api/groups",
                                    {"name": name, "visibility": visibility})
        assert status == 201, group
        made[name] = group["id"]
    assert lotte.call("PUT", f"/api/groups/{made['Fietsers']}/members/me", {})[0] == 200
    for body, group in (("Wie heeft er een fietspomp?", "Fietsers"),
                        ("Wie speelt er zaterdag mee?", "Schakers")):
        status, post = pieter.call("POST", "/api/posts",
                                   {"body": body, "kind": "question", "group": made[group]})
        assert status == 201, post
    return made


def test_the_signed_in_home_asks_the_api_once(page, groups):
    # The first visit reports the posts it showed as seen (Pieter's new question is on top);
    # a visit that sees nothing new asks nothing more than /api/home and the beacon.
    with page.expect_response("**/api/posts/seen"):
        sign_in(page, "Lotte Visser")
    asked = api_paths(page)
    page.goto("/")
    page.locator('[data-widget="stream"] .post').first.wait_for()
    page.wait_for_load_state("networkidle")
    assert sorted(asked) == ["hits", "home"], asked
    questions = page.locator('[data-widget="home-questions"]')
    link = questions.get_by_role("link", name="Wie heeft er een fietspomp?")
    assert link.is_visible()
    assert questions.get_by_text("Wie speelt er zaterdag mee?").count() == 0
    assert questions.get_by_role("heading").inner_text() == "Onbeantwoorde vragen in mijn groepen"
    # My groups came with the same answer.
    page.locator("[data-my-groups]").get_by_role("link", name="Fietsers").wait_for()
    # A question links to its post, shown on its own with its comments.
    link.click()
    page.wait_for_url("**/?post=*")
    page.locator('[data-widget="stream"] .post').get_by_text(
        "Wie heeft er een fietspomp?").wait_for()
    assert page.errors == []


def test_a_signed_out_visitor_sees_no_refused_request(page, groups):
    failed = []
    page.on("response", lambda response: failed.append((response.status, response.url))
            if response.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.append(("failed", request.url)))
    asked = api_paths(page)
    page.goto("/")
    page.get_by_label("Inloggen als demomedewerker").wait_for()
    page.wait_for_load_state("networkidle")
    assert failed == []
    # The demo picker's list is the one other request, and only under `plein dev`.
    assert sorted(asked) == ["auth/dev-users", "home"], asked
    assert page.locator('[data-widget="home-questions"]').is_hidden()
    assert page.errors == []


def test_an_admin_is_not_offered_to_join_a_secret_group(page, groups):
    sign_in(page, "Anna de Vries")
    page.goto(f"/groep.html?id={groups['Reorganisatie']}")
    page.get_by_role("heading", name="Reorganisatie", level=1).wait_for()
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-group-action]").is_hidden()
    # A closed group she may join at once, as its admin.
    page.goto(f"/groep.html?id={groups['Koffieclub']}")
    page.get_by_role("heading", name="Koffieclub", level=1).wait_for()
    page.get_by_role("button", name="Lid worden").wait_for()
    assert page.errors == []
