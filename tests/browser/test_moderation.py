"""Community management in the browser: an employee reports a post, a content manager hides it
on the moderation page, and the post is gone from the employee's stream."""

from axe_playwright_python.sync_playwright import Axe
from steps import sign_in


def second_page(browser, live):
    context = browser.new_context(base_url=live.url, locale="nl-NL")
    return context, context.new_page()


def test_report_hide_and_see_it_gone(page, browser, live):
    author = live.session()
    author.call("POST", "/api/auth/dev-login", {"email": "noor.hendriks@voorbeeld.nl"})
    status, post = author.call("POST", "/api/posts", {"body": "Wat een sukkels op de derde"})
    assert status == 201

    sign_in(page, "Pieter van Dijk")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Ambassadeurs").wait_for()
    assert menu.get_by_role("link", name="Moderatie").count() == 0  # an employee: not theirs
    reported = page.locator(".stream-items .post", has_text="Wat een sukkels op de derde")
    reported.wait_for()
    reported.get_by_role("button", name="Melden").click()
    reported.get_by_label("Waarom meld je dit?").select_option(label="Kwetsend of ongepast")
    reported.get_by_label("Toelichting (niet verplicht)").fill("Dit is niet aardig")
    reported.get_by_role("button", name="Melding versturen").click()
    reported.get_by_text("Dank je. De moderatoren kijken ernaar").wait_for()

    context, moderator = second_page(browser, live)
    try:
        sign_in(moderator, "Bram Jansen")
        # The menu leads a content manager to the queue.
        moderator.get_by_role("navigation", name="Hoofdmenu").get_by_role(
            "link", name="Moderatie").click()
        moderator.wait_for_url("**/moderatie.html")
        item = moderator.locator(".queue-item", has_text="Wat een sukkels op de derde")
        item.wait_for()
        assert "1× gemeld" in item.inner_text() and "Kwetsend of ongepast" in item.inner_text()
        assert "Pieter" not in item.inner_text()  # nobody learns who reported
        item.get_by_role("button", name="Verbergen").click()
        item.get_by_text("Geef eerst een reden.").wait_for()
        item.get_by_label("Reden (de schrijver en het auditlog zien die)").fill(
            "Past niet bij onze huisregels")
        item.get_by_role("button", name="Verbergen").click()
        moderator.get_by_text("Verborgen. De melders horen dat het is afgehandeld.").wait_for()
        results = Axe().run(moderator)
        serious = [v for v in results.response["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], [(v["id"], v["nodes"][0]["target"]) for v in serious]
    finally:
        context.close()

    page.reload()
    page.locator(".stream-items[aria-busy=false]").wait_for()
    page.locator(".stream-items .post").first.wait_for()
    assert page.locator(".stream-items .post", has_text="Wat een sukkels").count() == 0
    status, _body = author.call("GET", f"/api/posts/{post['id']}")
    assert status == 200  # the author still sees it, with the reason
    assert page.errors == []


def test_an_announcement_that_must_be_read_is_pinned_and_confirmed(page, browser, live):
    sign_in(page, "Fatima El Amrani")  # a content manager
    page.get_by_label("Deel een bericht met je collega's").fill("Nieuwe werktijdenregeling")
    page.get_by_label("Collega's moeten bevestigen dat ze dit gelezen hebben").check()
    page.get_by_role("button", name="Plaatsen").click()
    mine = page.locator(".stream-items .post", has_text="Nieuwe werktijdenregeling").first
    mine.get_by_text("0 van").wait_for()
    mine.get_by_role("button", name="Vastzetten").click()
    mine.get_by_label("Vastzetten tot en met").fill("2099-01-01")  # too far: refused
    mine.get_by_role("button", name="Vastzetten").click()
    mine.get_by_text("Kies een einddatum van vandaag tot een jaar vooruit.").wait_for()
    mine.get_by_label("Vastzetten tot en met").fill(
        page.evaluate("new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10)"))
    mine.get_by_role("button", name="Vastzetten").click()
    page.get_by_text("Bovenaan vastgezet.").wait_for()
    pinned = page.locator(".stream-items .post.pinned", has_text="Nieuwe werktijdenregeling")
    pinned.get_by_text("Vastgezet", exact=True).wait_for()

    context, colleague = second_page(browser, live)
    try:
        sign_in(colleague, "Pieter van Dijk")
        post = colleague.locator(".stream-items .post.pinned",
                                 has_text="Nieuwe werktijdenregeling")
        post.get_by_role("button", name="Gelezen").click()
        post.get_by_text("Je hebt bevestigd dat je dit gelezen hebt.").wait_for()
        assert post.locator(".read-count").count() == 0  # counts: author and editors only
    finally:
        context.close()

    page.reload()
    pinned.get_by_text("1 van").wait_for()
    pinned.get_by_role("button", name="Wie nog niet?").click()
    pinned.locator(".not-yet li").first.wait_for()
    assert "Pieter van Dijk" not in pinned.locator(".not-yet").inner_text()
    assert page.errors == []
