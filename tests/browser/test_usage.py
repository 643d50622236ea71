"""The beacon, the usage dashboard and seen-by counts, in Chromium against `plein dev`."""

import json

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from steps import sign_in


def open_page(page, path):
    """Opens a page and waits until its beacon has been answered."""
    with page.expect_response(lambda r: r.url.endswith("/api/hits")) as answer:
        page.goto(path)
    assert answer.value.status == 204
    page.wait_for_load_state("networkidle")


def usage(page, days=7):
    response = page.request.get(f"/api/usage?days={days}")
    assert response.ok
    return response.json()


def test_the_beacon_is_sent_once_per_page_load(page):
    sign_in(page, "Anna de Vries")
    page.wait_for_load_state("networkidle")
    before = {p["path"]: p["views"] for p in usage(page)["pages"]}
    beacons = []
    page.on("request", lambda r: beacons.append(r) if r.url.endswith("/api/hits") else None)
    for path in ("/", "/huisregels.html", "/nieuws.html"):
        open_page(page, path)
    with page.expect_response(lambda r: r.url.endswith("/api/hits")):
        page.reload()
    page.wait_for_load_state("networkidle")
    assert len(beacons) == 4
    assert all(b.method == "POST" for b in beacons)
    assert beacons[0].headers["content-type"] == "application/json"
    after = {p["path"]: p["views"] for p in usage(page)["pages"]}
    assert {path: after[path] - before.get(path, 0) for path in after
            if after[path] != before.get(path, 0)} == {"/": 1, "/huisregels.html": 1,
                                                        "/nieuws.html": 2}
    assert page.errors == []


def test_opened_pages_are_counted_on_the_dashboard(page):
    sign_in(page, "Anna de Vries")
    before = {p["path"]: p["views"] for p in usage(page)["pages"]}
    for path in ("/over-plein.html", "/over-plein.html", "/contact.html"):
        open_page(page, path)
    open_page(page, "/dashboard.html")
    # The dashboard opens on 30 days; wait for the 7-day numbers it asks for, and for their
    # table to replace the 30-day one. (Its own page view races that request, as it would
    # for anyone, so the numbers to compare with are the ones it received.)
    with page.expect_response(lambda r: "/api/usage?days=7" in r.url) as answer:
        page.get_by_label("laatste 7 dagen").check()
    data = answer.value.json()
    pages = page.locator("table", has=page.locator("caption", has_text="Meest bekeken pagina's"))
    expect(pages.locator("tbody tr")).to_have_count(len(data["pages"]))
    rows = {r.locator("th").inner_text(): int(r.locator("td").inner_text())
            for r in pages.locator("tbody tr").all()}
    # Pages read as their names from the build; a path it does not know stays a path.
    titles = json.loads(page.locator("#page-titles").text_content())
    assert titles["/over-plein.html"] != "/over-plein.html"
    assert rows[titles["/over-plein.html"]] == before.get("/over-plein.html", 0) + 2
    assert rows[titles["/contact.html"]] == before.get("/contact.html", 0) + 1
    assert rows == {titles.get(p["path"], p["path"]): p["views"] for p in data["pages"]}
    today = data["daily"][-1]
    active = page.locator("table", has=page.locator("caption",
                                                    has_text="Actieve medewerkers per dag"))
    last = active.locator("tbody tr").last
    assert last.locator("th").text_content() == today["date"]
    assert [int(c.text_content()) for c in last.locator("td").all()] == [today["active"],
                                                                        today["views"]]
    assert page.locator(".dashboard svg.chart").count() >= 4
    page.get_by_text("Geen enkele vraag wacht langer dan 2 dagen op een antwoord.").wait_for()
    csv = page.get_by_role("link", name="Download als CSV").first.get_attribute("href")
    assert csv.startswith("/api/usage.csv?days=7")
    assert page.errors == []


def test_employees_are_told_the_dashboard_is_not_for_them(page):
    sign_in(page, "Pieter van Dijk")
    page.goto("/dashboard.html")
    page.get_by_text("Het dashboard is voor beheerders, communitymanagers en groepsbeheerders."
                     ).wait_for()
    assert page.locator("[data-dashboard-body]").is_hidden()


def test_a_post_shows_how_many_colleagues_saw_it(page, live):
    bram = live.session()
    bram.call("POST", "/api/auth/dev-login", {"email": "bram.jansen@voorbeeld.nl"})
    status, post = bram.call("POST", "/api/posts", {"body": "Wie leest dit?"})
    assert status == 201
    sign_in(page, "Anna de Vries")
    item = page.locator(f'.post[data-id="{post["id"]}"]')
    item.scroll_into_view_if_needed()  # counted once it is on screen
    item.get_by_text("Gezien door 1 collega").wait_for()
    status, seen = bram.call("GET", f"/api/posts/{post['id']}/seen")
    assert (status, seen["seen"]) == (200, 1)
    page.reload()  # seeing it again does not count again
    item.scroll_into_view_if_needed()
    item.get_by_text("Gezien door 1 collega").wait_for()
    assert bram.call("GET", f"/api/posts/{post['id']}/seen")[1]["seen"] == 1


def test_dashboard_has_no_serious_accessibility_violations(page):
    sign_in(page, "Anna de Vries")
    page.goto("/dashboard.html")
    page.locator("[data-dashboard-body]").wait_for()
    results = Axe().run(page)
    serious = [v for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["nodes"][0]["target"]) for v in serious]


def test_a_content_manager_sees_hidden_groups_only_as_other_groups(page, live):
    sign_in(page, "Pieter van Dijk")
    made = page.request.post("/api/groups", headers={"Origin": live.url}, data={
        "name": "Verborgen kring", "visibility": "secret"})
    assert made.status == 201
    posted = page.request.post("/api/posts", headers={"Origin": live.url}, data={
        "body": "Alleen voor ons", "group": made.json()["id"]})
    assert posted.status == 201
    page.get_by_role("button", name="Uitloggen").click()
    sign_in(page, "Bram Jansen")  # a content manager, not in the group
    page.goto("/dashboard.html")
    groups = page.locator("table", has=page.locator("caption", has_text="Meest actieve groepen"))
    groups.get_by_role("rowheader", name="Overige groepen").wait_for()
    assert "Verborgen kring" not in page.content()
    assert page.errors == []
