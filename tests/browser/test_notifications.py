"""The bell in the browser: its count rises after a colleague comments (through `plein dev`'s
own stream reader and the same handler Lambda runs), and the notification leads to the comment."""

from steps import sign_in


def bell_shows(page, count: str, attempts: int = 40) -> None:
    """`plein dev` hands the stream to the handler within a poll; each page load reads /api/me."""
    bell = page.locator('[data-widget="bell"] [data-bell-count]')
    for _ in range(attempts):
        page.reload()
        page.locator('[data-widget="bell"]').wait_for()
        if bell.is_visible() and bell.text_content() == count:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"the bell never showed {count}")


def test_the_bell_counts_a_colleagues_comment_and_leads_to_it(page, live):
    from axe_playwright_python.sync_playwright import Axe

    colleague = live.session()
    colleague.call("POST", "/api/auth/dev-login", {"email": "sanne.bakker@voorbeeld.nl"})
    sign_in(page, "Ruben de Boer")
    bell = page.locator('[data-widget="bell"]')
    bell.wait_for()
    assert bell.get_attribute("aria-label") == "Meldingen"
    page.get_by_label("Deel een bericht met je collega's").fill("Wie heeft de sleutel van kast 3?")
    page.get_by_role("button", name="Plaatsen").click()
    post = page.locator(".stream-items .post").first
    post.get_by_text("kast 3").wait_for()
    post_id = post.get_attribute("data-id")
    status, comment = colleague.call("POST", f"/api/posts/{post_id}/comments",
                                     {"body": "Die ligt bij de receptie"})
    assert status == 201

    bell_shows(page, "1")
    assert bell.get_attribute("aria-label") == "Meldingen: 1 ongelezen"
    bell.click()
    page.wait_for_url("**/meldingen.html")
    link = page.get_by_role("link", name="Sanne Bakker reageerde op je bericht")
    link.wait_for()
    result = Axe().run(page)
    serious = [v for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["nodes"][0]["target"]) for v in serious]
    link.click()
    page.wait_for_url(f"**/?post={post_id}#comment-{comment['id']}")
    target = page.locator(f"#comment-{comment['id']}")
    target.get_by_text("Die ligt bij de receptie").wait_for()
    page.wait_for_function("id => document.activeElement && document.activeElement.id === id",
                           arg=f"comment-{comment['id']}")
    assert page.locator(".stream-items .post").count() == 1  # that post alone
    page.locator('[data-widget="bell"]').wait_for()
    assert not page.locator('[data-widget="bell"] [data-bell-count]').is_visible()
    assert page.errors == []


def test_notification_settings_on_my_data(page):
    from axe_playwright_python.sync_playwright import Axe

    sign_in(page, "Emre Yılmaz")
    page.goto("/mijn-gegevens.html")
    form = page.locator('[data-widget="notification-settings"]')
    likes = form.get_by_label("Likes op mijn bericht")
    likes.wait_for()
    assert likes.input_value() == "daily"
    assert form.get_by_label("Iemand noemt mij").input_value() == "now"
    likes.select_option("off")
    form.get_by_label("Taal van e-mail en pushberichten").select_option("en")
    form.get_by_role("button", name="Opslaan").click()
    form.get_by_text("Je instellingen zijn opgeslagen.").wait_for()
    result = Axe().run(page)
    serious = [v for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["nodes"][0]["target"]) for v in serious]
    page.reload()
    likes = page.locator('[data-widget="notification-settings"]').get_by_label(
        "Likes op mijn bericht")
    likes.wait_for()
    page.wait_for_function("el => el.value === 'off'", arg=likes.element_handle())
    assert page.errors == []


def test_marking_read_says_so_and_a_deleted_post_behind_a_link_is_explained(page, live):
    author, colleague = live.session(), live.session()
    author.call("POST", "/api/auth/dev-login", {"email": "lotte.visser@voorbeeld.nl"})
    colleague.call("POST", "/api/auth/dev-login", {"email": "kees.mulder@voorbeeld.nl"})
    status, post = author.call("POST", "/api/posts", {"body": "Wie gaat er mee lunchen?"})
    assert status == 201
    for text in ("Ik!", "Ik ook", "Morgen wel"):
        assert colleague.call("POST", f"/api/posts/{post['id']}/comments",
                              {"body": text})[0] == 201
    sign_in(page, "Lotte Visser")
    bell_shows(page, "3")  # a note per comment
    page.goto("/meldingen.html")
    status_region = page.locator("[data-notifications-status]")
    page.get_by_role("button", name="Markeer als gelezen").first.click()
    status_region.get_by_text("Gemarkeerd als gelezen.").wait_for()
    assert page.get_by_role("button", name="Markeer als gelezen").count() == 2
    page.wait_for_function("() => document.querySelector('[data-bell-count]').textContent === '2'")
    page.get_by_role("button", name="Alles als gelezen markeren").click()
    status_region.get_by_text("Alle meldingen zijn als gelezen gemarkeerd.").wait_for()
    assert page.get_by_role("button", name="Markeer als gelezen").count() == 0
    assert not page.locator('[data-widget="bell"] [data-bell-count]').is_visible()

    assert author.call("DELETE", f"/api/posts/{post['id']}", {})[0] in (200, 204)
    page.goto(f"/?post={post['id']}")
    page.locator("[data-stream-status]").get_by_text(
        "Dit bericht bestaat niet meer, of je mag het niet zien.").wait_for()
    assert page.locator(".stream-items .post").count() == 0
    assert page.errors == []
