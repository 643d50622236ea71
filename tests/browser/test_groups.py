"""Groups in the browser: a closed group, a request, an approval, and a post in the group."""

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


def create_group(page, name: str, visibility_label: str) -> str:
    page.goto("/groepen.html")
    form = page.locator('[data-widget="group-create"]')
    form.get_by_label("Naam").fill(name)
    form.get_by_label("Omschrijving").fill("Voor wie *graag* zingt.")
    form.get_by_label(visibility_label).check()
    form.get_by_role("button", name="Groep aanmaken").click()
    page.wait_for_url("**/groep.html?id=*")
    page.get_by_role("heading", name=name, level=1).wait_for()
    return page.url


def test_closed_group_request_approve_and_post(page, second_page):
    sign_in(page, "Bram Jansen")
    url = create_group(page, "Gemeentekoor", "Besloten")
    assert page.get_by_text("jij beheert deze groep").is_visible()

    sign_in(second_page, "Lotte Visser")
    second_page.goto(url)
    second_page.get_by_text("Alleen leden kunnen deze groep lezen.").wait_for()
    second_page.get_by_role("button", name="Lidmaatschap aanvragen").click()
    second_page.get_by_text("Je aanvraag is naar de beheerders gestuurd.").wait_for()
    assert second_page.locator('[data-widget="post-form"]').is_hidden()

    page.reload()
    page.get_by_role("button", name="Goedkeuren: Lotte Visser").click()
    page.get_by_text("Welkom: je collega is nu lid.").wait_for()
    page.locator("[data-member-list]").get_by_text("Lotte Visser").wait_for()

    second_page.reload()
    second_page.get_by_label("Deel een bericht met je collega's").fill("Wie zingt er *mee*?")
    second_page.get_by_role("button", name="Plaatsen").click()
    post = second_page.locator('[data-widget="stream"] .post').first
    post.get_by_text("Wie zingt er mee?").wait_for()

    page.reload()
    page.locator('[data-widget="stream"] .post').first.get_by_text("Wie zingt er mee?").wait_for()
    # a member's home stream includes the groups they are in
    second_page.goto("/")
    second_page.locator('[data-widget="stream"] .post').get_by_text("Wie zingt er mee?").wait_for()
    assert page.errors == [] and second_page.errors == []


def test_directory_search_and_my_groups(page):
    sign_in(page, "Kees Mulder")
    create_group(page, "Schaakclub", "Open")
    page.goto("/groepen.html")
    page.get_by_label("Zoek groepen op naam").fill("scha")
    page.get_by_role("button", name="Zoeken").click()
    results = page.locator('[data-widget="groups"] .group-card')
    results.first.get_by_text("Schaakclub").wait_for()
    assert results.count() == 1
    page.get_by_label("Zoek groepen op naam").fill("")
    page.get_by_label("Toon").select_option("mine")
    results.first.get_by_text("Schaakclub").wait_for()
    assert "Personeelsvereniging" not in page.locator('[data-widget="groups"]').inner_text()


def test_official_groups_exist_once_plein_dev_runs(live):
    session = live.session()
    session.call("POST", "/api/auth/dev-login", {"email": "fatima.el.amrani@voorbeeld.nl"})
    status, group = session.call("GET", "/api/groups/personeelsvereniging")
    assert status == 200 and group["official"] is True
    assert group["viewer"] == {"state": "member", "role": "manager"}


def test_group_pages_have_no_serious_accessibility_violations(page):
    sign_in(page, "Anna de Vries")
    for path in ("/groepen.html", "/groep.html?id=personeelsvereniging"):
        page.goto(path)
        page.locator(".group-card, .group-header:not([hidden])").first.wait_for()
        results = Axe().run(page)
        serious = [v for v in results.response["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], [(v["id"], v["nodes"][0]["target"]) for v in serious]
