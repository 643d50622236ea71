"""Find a colleague by expertise in the directory, open their profile, edit your own."""

from axe_playwright_python.sync_playwright import Axe
from steps import sign_in


def serious_violations(page) -> list:
    results = Axe().run(page)
    return [(v["id"], v["nodes"][0]["target"]) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


def test_search_the_directory_by_expertise_and_open_a_profile(page):
    sign_in(page, "Pieter van Dijk")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mensen").click()
    expertise = page.get_by_label("Expertise", exact=True)
    expertise.fill("organisatieverandering")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url("**/mensen.html?*expertise=organisatieverandering*")
    cards = page.locator(".person-card")
    cards.first.wait_for()
    assert cards.locator(".person-name").all_inner_texts() == [
        "Bram Jansen", "Emre Yılmaz", "Fatima El Amrani"]
    assert serious_violations(page) == []

    cards.get_by_role("link", name="Fatima El Amrani").click()
    page.get_by_role("heading", name="Fatima El Amrani", level=1).wait_for()
    assert page.get_by_text("Adviseur organisatieontwikkeling · HR").is_visible()
    assert page.locator("[data-profile-expertise]").get_by_role(
        "link", name="leiderschap").is_visible()
    assert page.get_by_role("button", name="Profiel bewerken").is_hidden()
    groups = page.locator("[data-profile-groups]").get_by_role("link")
    groups.first.wait_for()
    assert groups.all_inner_texts() == ["Personeelsvereniging"]  # an official group she runs
    assert serious_violations(page) == []
    groups.first.click()
    page.wait_for_url("**/groep.html?id=personeelsvereniging")
    assert page.errors == []


def test_edit_your_own_expertise_with_suggestions_and_be_found_by_it(page):
    sign_in(page, "Lotte Visser")
    page.goto("/mensen/profiel.html")
    page.get_by_role("button", name="Profiel bewerken").click()
    new_tag = page.get_by_label("Expertise toevoegen")
    new_tag.press_sequentially("organisatiev")
    page.locator("#profile-tag-suggestions option[value='organisatieverandering']").wait_for(
        state="attached")
    new_tag.fill("organisatieverandering")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Je profiel is opgeslagen.").wait_for()
    page.locator("[data-profile-expertise]").get_by_role(
        "link", name="organisatieverandering").click()
    page.locator(".person-card").first.wait_for()
    assert "Lotte Visser" in page.locator(".person-name").all_inner_texts()
    assert page.errors == []


def test_the_people_page_asks_each_thing_once(page):
    """Session, people, departments and the page-view beacon: four API requests, where the
    directory used to ask /me itself and then fetch the lists twice."""
    sign_in(page, "Pieter van Dijk")
    asked = []
    page.on("request", lambda request: asked.append(request.url.split("/api/", 1)[1])
            if "/api/" in request.url else None)
    page.goto("/mensen.html")
    page.locator(".person-card").first.wait_for()
    page.wait_for_load_state("networkidle")
    paths = sorted(url.split("?", 1)[0] for url in asked)
    # session.js asks /api/session (200 with null when signed out), not /api/me
    assert paths == ["departments", "hits", "people", "session"], paths
