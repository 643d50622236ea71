"""Events in the browser: an organiser plans an event, a colleague enrols, the organiser
sees them going; the events pages pass axe's serious and critical checks."""

from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from steps import sign_in


@pytest.fixture
def second_page(browser, live):
    context = browser.new_context(base_url=live.url, locale="nl-NL")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    yield page
    context.close()


def no_serious_violations(page) -> None:
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["nodes"][0]["target"]) for v in serious]


def test_plan_an_event_a_colleague_enrols_and_the_organiser_sees_them(page, second_page):
    day = (date.today() + timedelta(days=14)).isoformat()
    sign_in(page, "Bram Jansen")  # a content manager: may plan for the whole organisation
    page.goto("/evenementen.html")
    form = page.locator('[data-widget="event-create"]')
    form.get_by_label("Titel").fill("Koorrepetitie")
    form.get_by_label("Omschrijving").fill("Iedereen die *graag* zingt.")
    form.get_by_label("Begint").fill(f"{day}T17:00")
    form.get_by_label("Eindigt").fill(f"{day}T18:30")
    form.get_by_label("Locatie").fill("De Kantine")
    form.get_by_label("Plaatsen (leeg: geen limiet)").fill("2")
    no_serious_violations(page)
    form.get_by_role("button", name="Evenement aanmaken").click()
    page.wait_for_url("**/evenement.html?id=*")
    page.get_by_role("heading", name="Koorrepetitie", level=1).wait_for()
    page.locator("[data-event-going-list]").get_by_text("Nog niemand gaat.").wait_for()

    sign_in(second_page, "Lotte Visser")
    second_page.goto("/evenementen.html")
    second_page.get_by_role("link", name="Koorrepetitie").click()
    second_page.wait_for_url("**/evenement.html?id=*")
    # Shown in local time, as planned.
    second_page.locator("[data-event-when]").get_by_text("17:00").wait_for()
    second_page.get_by_role("button", name="Aanmelden").click()
    second_page.get_by_text("Je gaat.").wait_for()
    assert second_page.get_by_role("button", name="Afmelden").is_visible()
    no_serious_violations(second_page)

    page.reload()
    page.locator("[data-event-going-list]").get_by_text("Lotte Visser").wait_for()
    assert page.locator("[data-event-organise]").is_visible()  # the organiser's tools
    assert second_page.locator("[data-event-organise]").is_hidden()
    assert second_page.locator('[data-widget="event-edit"]').is_hidden()
    # The organiser moves it to another room; the page says so at once.
    edit = page.locator('[data-widget="event-edit"]')
    edit.get_by_text("Dit evenement bewerken").click()
    edit.get_by_label("Locatie").fill("De Aula")
    edit.get_by_role("button", name="Wijzigingen opslaan").click()
    page.locator("[data-event-where]").get_by_text("De Aula").wait_for()
    # The colleague's own events list has it; the home page shows it as upcoming.
    second_page.goto("/evenementen.html")
    second_page.get_by_label("Mijn evenementen").check()
    second_page.locator('[data-widget="events"]').get_by_text("Koorrepetitie").wait_for()
    second_page.goto("/")
    second_page.locator('[data-widget="events-upcoming"]').get_by_text("Koorrepetitie").wait_for()
    assert page.errors == [] and second_page.errors == []
