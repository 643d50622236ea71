"""Every events action says how it went, in the reader's language: enrol, cancel the enrolment,
export, cancel the event, the calendar address, and a refused form, without console errors."""

from datetime import date, timedelta

import pytest
from steps import sign_in


def watched(page):
    """The page's console errors, besides the uncaught ones the fixtures collect."""
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    return page


@pytest.fixture
def colleague(browser, live):
    context = browser.new_context(base_url=live.url, locale="nl-NL")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    yield page
    context.close()


def create_event(page, title: str, capacity: int = 5) -> str:
    """The organiser makes an event through the API, as the form does; returns its page."""
    day = (date.today() + timedelta(days=10)).isoformat()
    made = page.evaluate("""async (body) => {
        const response = await fetch(`${document.body.dataset.api}/events`, {
            method: "POST", credentials: "same-origin",
            headers: {"Content-Type": "application/json", Accept: "application/json"},
            body: JSON.stringify(body)});
        return response.json();
    }""", {"title": title, "start": f"{day}T15:00", "end": f"{day}T16:00",
           "location": "Zaal 2", "capacity": capacity})
    return f"/{made['url']}"


def status_says(region, text: str, error: bool = False) -> None:
    region.get_by_text(text).wait_for()
    assert ("is-error" in (region.get_attribute("class") or "")) is error


def test_enrol_cancel_export_and_cancel_the_event_each_say_so(page, colleague):
    sign_in(page, "Bram Jansen")
    watched(page)  # from here: before signing in, /me answers 401 (the session widget's)
    url = create_event(page, "Boekenclub")
    page.goto(url)
    organise = page.locator("[data-event-organise]")
    organise.get_by_role("button", name="Dit evenement afgelasten").wait_for()
    with page.expect_download() as download:
        organise.get_by_role("button", name="Deelnemers en wachtlijst downloaden").click()
    assert download.value.suggested_filename.endswith(".csv")
    status_says(page.locator("[data-event-organise-status]"), "De lijst is gedownload.")

    sign_in(colleague, "Lotte Visser")
    watched(colleague)
    colleague.goto(url)
    enrol_status = colleague.locator("[data-event-enrol-status]")
    colleague.get_by_role("button", name="Aanmelden").click()
    status_says(enrol_status, "Je bent aangemeld.")
    colleague.get_by_role("button", name="Afmelden").click()
    status_says(enrol_status, "Je bent afgemeld.")
    # Not an organiser: the API's may flags give her none of their tools.
    assert colleague.locator("[data-event-organise]").is_hidden()

    # The organiser calls it off (two clicks); the colleague's page still offers to enrol.
    cancel = organise.get_by_role("button", name="Dit evenement afgelasten")
    cancel.click()
    organise.get_by_role("button", name="Klik nogmaals om af te gelasten").click()
    status_says(page.locator("[data-event-organise-status]"), "Het evenement is afgelast.")
    assert cancel.is_hidden()

    colleague.get_by_role("button", name="Aanmelden").click()
    status_says(enrol_status, "Dit evenement is afgelast.", error=True)
    assert colleague.get_by_text("This event is cancelled.").count() == 0  # the API's English
    # The refused request itself is logged by Chromium; nothing else may be.
    assert [e for e in colleague.console_errors if "409" not in e] == []
    assert page.console_errors == [] and page.errors == [] and colleague.errors == []


def test_a_refused_field_is_named_in_dutch_and_focused(page):
    sign_in(page, "Bram Jansen")
    watched(page)  # from here: before signing in, /me answers 401 (the session widget's)
    page.goto("/evenementen.html")
    form = page.locator('[data-widget="event-create"]')
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    form.get_by_label("Titel").fill("Te laat")
    form.get_by_label("Begint").fill(f"{yesterday}T10:00")
    form.get_by_label("Eindigt").fill(f"{yesterday}T11:00")
    form.get_by_role("button", name="Evenement aanmaken").click()
    status_says(page.locator("[data-event-create-status]"),
                "Controleer het begin: een datum en tijd die nog niet voorbij is.", error=True)
    assert page.evaluate("document.activeElement.name") == "start"
    assert [e for e in page.console_errors if "400" not in e] == [] and page.errors == []


def test_the_calendar_address_is_made_renewed_and_revoked(page):
    sign_in(page, "Lotte Visser")
    watched(page)
    page.goto("/evenementen.html")
    box = page.locator('[data-widget="calendar-feed"]')
    status = box.locator("[data-feed-status]")
    address = box.get_by_label("Je agenda-adres (alleen nu te zien)")
    box.get_by_role("button", name="Agenda-adres maken").click()
    status_says(status, "je ziet het maar één keer")
    first = address.input_value()
    assert first.endswith(".ics")

    box.get_by_role("button", name="Nieuw adres maken").click()
    box.get_by_role("button", name="Klik nogmaals").click()
    page.wait_for_function("(old) => document.querySelector('#calendar-feed-url').value !== old",
                           arg=first)
    assert address.input_value().endswith(".ics")
    assert page.request.get(first).status == 404  # the old address stopped working

    box.get_by_role("button", name="Adres intrekken").click()
    status_says(status, "Het adres werkt niet meer.")
    assert box.get_by_role("button", name="Adres intrekken").is_hidden()
    assert page.console_errors == [] and page.errors == []
