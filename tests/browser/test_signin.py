"""Signing in through the identity provider in a real browser, and the sign-in page."""

from axe_playwright_python.sync_playwright import Axe


def test_the_browser_signs_in_through_the_provider_and_lands_where_it_was_going(page, live,
                                                                                issuer):
    issuer.next_user = {"sub": "u-pieter", "email": "pieter.van.dijk@voorbeeld.nl",
                        "name": "Pieter van Dijk"}
    page.goto("/api/auth/login?next=/over-plein.html")
    page.wait_for_url("**/over-plein.html")
    page.locator(".session").get_by_text("Pieter van Dijk").wait_for()
    names = {c["name"] for c in page.context.cookies()}
    assert {"plein_session", "CloudFront-Policy", "CloudFront-Signature",
            "CloudFront-Key-Pair-Id"} <= names
    page.get_by_role("button", name="Uitloggen").click()
    page.locator(".session").get_by_text("Niet ingelogd").wait_for()
    names = {c["name"] for c in page.context.cookies()}
    assert not names & {"plein_session", "CloudFront-Policy", "CloudFront-Signature"}
    assert page.errors == []


def test_a_refused_sign_in_shows_why_in_dutch(page, live, issuer):
    issuer.next_user = {"sub": "u-x", "email": "iemand@gmail.com", "name": "Iemand"}
    csp = []
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text
            else None)
    page.goto("/api/auth/login?next=/")
    page.wait_for_url("**/inloggen.html?error=domain")
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text() == "Dit account is niet van onze organisatie."
    assert page.get_by_role("heading", name="Inloggen op Plein").is_visible()
    serious = [v for v in Axe().run(page).response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["nodes"][0]["target"]) for v in serious]
    assert csp == [] and page.errors == []


def test_after_picking_a_demo_employee_the_sign_in_page_offers_to_go_on(page, live):
    page.goto("/inloggen.html")
    picker = page.get_by_label("Inloggen als demomedewerker")
    picker.select_option(picker.locator("option", has_text="Lotte Visser").get_attribute("value"))
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Verder").click()
    page.wait_for_url(live.url + "/")


def test_a_provider_that_cannot_be_reached_gets_the_dutch_try_again_message(page, live):
    page.goto("/inloggen.html?error=unavailable")
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text() == ("De inlogdienst is nu niet bereikbaar. Probeer het over een "
                                  "paar minuten opnieuw.")
    assert page.errors == []

