"""Open the home page, sign in as a demo employee, post, and see it in the stream."""

from axe_playwright_python.sync_playwright import Axe
from steps import sign_in


def test_sign_in_post_and_see_it_without_reload(page):
    sign_in(page, "Anna de Vries")
    assert page.locator(".session").get_by_text("Anna de Vries").is_visible()
    page.get_by_label("Deel een bericht met je collega's").fill("Hallo *Plein*!")
    page.get_by_role("button", name="Plaatsen").click()
    first = page.locator(".stream-items .post").first
    first.get_by_text("Hallo Plein!").wait_for()
    assert first.locator("em").inner_text() == "Plein"
    page.reload()
    page.locator(".stream-items .post").first.get_by_text("Hallo Plein!").wait_for()
    assert page.errors == []


def test_more_loads_the_next_page_by_cursor(page, live):
    session = live.session()
    session.call("POST", "/api/auth/dev-login", {"email": "bram.jansen@voorbeeld.nl"})
    for n in range(25):
        assert session.call("POST", "/api/posts", {"body": f"Reeks {n}"})[0] == 201
    sign_in(page, "Bram Jansen")
    posts = page.locator(".stream-items .post")
    posts.nth(19).wait_for()
    assert posts.count() == 20
    page.get_by_role("button", name="Meer tonen").click()
    posts.nth(20).wait_for()
    assert posts.count() > 20


def test_home_page_has_no_serious_accessibility_violations(page):
    for signed_in in (False, True):
        if signed_in:
            sign_in(page, "Anna de Vries")
        else:
            page.goto("/")
            page.get_by_label("Inloggen als demomedewerker").wait_for()
        results = Axe().run(page)
        serious = [v for v in results.response["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], [(v["id"], v["nodes"][0]["target"]) for v in serious]
