"""An employee downloads their own data and deletes their account from "Mijn gegevens"."""

import json
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from steps import sign_in


def test_download_then_delete_my_account_keeping_my_posts_anonymous(page, live):
    session = live.session()
    session.call("POST", "/api/auth/dev-login", {"email": "ruben.de.boer@voorbeeld.nl"})
    status, post = session.call("POST", "/api/posts", {"body": "Van Ruben"})
    assert status == 201
    assert session.call("POST", f"/api/posts/{post['id']}/comments", {"body": "En dit"})[0] == 201
    sign_in(page, "Ruben de Boer")
    page.get_by_role("link", name="Mijn gegevens").click()
    page.get_by_role("heading", name="Mijn gegevens", level=1).wait_for()
    serious = [v for v in Axe().run(page).response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["nodes"][0]["target"]) for v in serious]

    with page.expect_download() as download:
        page.get_by_role("link", name="Mijn gegevens downloaden (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["profile"]["email"] == "ruben.de.boer@voorbeeld.nl"
    assert [p["body"] for p in data["posts"]] == ["Van Ruben"]
    assert [c["body"] for c in data["comments"]] == ["En dit"]
    assert "next" not in data  # the page followed every cursor and saved one file

    page.get_by_role("button", name="Mijn account verwijderen").click()
    # Every action has its own status now (the download's, the header's): this is the form's.
    status = page.locator('[data-widget="owndata-delete"]').get_by_role("status")
    assert status.inner_text() in ("", "Vink eerst het vakje aan om te bevestigen.")
    page.get_by_label("Ik begrijp dat dit niet ongedaan kan worden gemaakt.").check()
    page.get_by_role("button", name="Mijn account verwijderen").click()
    page.get_by_text("Je account is verwijderd. Tot ziens!").wait_for()
    assert page.request.get("/api/me").status == 401
    other = live.session()
    other.call("POST", "/api/auth/dev-login", {"email": "anna.de.vries@voorbeeld.nl"})
    items = other.call("GET", "/api/stream")[1]["items"]
    assert [(p["body"], p["author"]["name"]) for p in items if p["body"] == "Van Ruben"] == [
        ("Van Ruben", "")]
    assert page.errors == []


def test_sign_out_everywhere_ends_the_sessions_of_every_browser(page, live):
    phone = live.session()
    phone.call("POST", "/api/auth/dev-login", {"email": "lotte.visser@voorbeeld.nl"})
    assert phone.call("GET", "/api/me")[0] == 200
    sign_in(page, "Lotte Visser")
    page.goto("/mijn-gegevens.html")
    page.get_by_role("heading", name="Ingelogde apparaten").wait_for()
    page.get_by_role("button", name="Overal uitloggen").click()
    page.get_by_text("Je bent op al je apparaten uitgelogd.").wait_for()
    page.locator(".session").get_by_text("Niet ingelogd").wait_for()
    assert page.request.get("/api/me").status == 401
    assert phone.call("GET", "/api/me")[0] == 401
    assert page.errors == []
