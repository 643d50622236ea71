"""What people do with posts in the browser: a photo, a comment and a reaction on the news,
an answer."""

import io

from PIL import Image
from steps import sign_in


def only_questions(page):
    """Waits until the filtered stream has replaced the full one."""
    page.wait_for_function("""() => {
        const list = document.querySelector('.stream-items');
        return list.getAttribute('aria-busy') === 'false'
            && !list.querySelector('.post:not(.question)');
    }""")


def test_post_with_a_photo(page, tmp_path):
    photo = tmp_path / "stadspark.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (40, 140, 80)).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    scripts = []
    page.on("request", lambda r: scripts.append(r.url.rsplit("/", 1)[-1]))
    sign_in(page, "Kees Mulder")
    # The picker's code comes as the composer opens; a photo chosen before that is kept.
    assert "photos.js" not in scripts
    page.get_by_label("Foto's (tot 4").set_input_files(str(photo))
    page.get_by_label("Deel een bericht met je collega's").fill("Nieuwe bomen in het park")
    page.get_by_label("Beschrijf deze foto").fill("Jonge linden in het Stadspark")
    assert "photos.js" in scripts
    page.get_by_role("button", name="Plaatsen").click()
    first = page.locator(".stream-items .post").first
    first.get_by_text("Nieuwe bomen in het park").wait_for()
    image = first.get_by_role("img", name="Jonge linden in het Stadspark")
    image.wait_for()
    assert image.get_attribute("loading") == "lazy"
    assert "400w" in image.get_attribute("srcset") and "1200w" in image.get_attribute("srcset")
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=image.element_handle())
    assert page.errors == []


def fits_its_reserved_space(holder) -> bool:
    """The page's reaction bar is no taller than the height reserved for it before it came:
    filling it moved nothing below it."""
    return holder.evaluate("""el => el.getBoundingClientRect().height
        <= parseFloat(getComputedStyle(el).minHeight) + 0.5""")


def test_comment_and_react_on_a_news_article(page):
    from axe_playwright_python.sync_playwright import Axe

    article = "/nieuws/kerstborrel-personeelsvereniging.html"
    console, calls = [], []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: calls.append(r.url) if "/api/" in r.url else None)
    # Signed out: no bar, and no request that is refused (nothing red in the console).
    page.goto(article)
    page.get_by_text("Niet ingelogd").wait_for()
    page.get_by_text("Log in om je waardering te laten zien").wait_for()
    assert page.locator("[data-page-reactions]").is_hidden()
    assert console == []

    sign_in(page, "Lotte Visser")
    calls.clear()
    page.goto(article)
    comments = page.locator('[data-widget="comments"]')
    bar = comments.get_by_role("group", name="Laat je waardering zien")
    thanks = bar.get_by_role("button", name="Bedankt")
    thanks.wait_for()
    # The comments' answer brought the counts: the article asked for no reactions itself.
    assert not [url for url in calls if "/pages/reactions" in url]
    holder = page.locator("[data-page-reactions]")
    assert fits_its_reserved_space(holder)
    thanks.click()
    comments.get_by_role("status").get_by_text("Jouw waardering: Bedankt.").wait_for()
    assert (thanks.get_attribute("aria-pressed"), thanks.inner_text()) == ("true", "Bedankt 1")

    comments.get_by_label("Schrijf een reactie").fill("Ik kom **zeker**!")
    comments.get_by_role("button", name="Versturen").click()
    comments.locator(".comment strong", has_text="zeker").wait_for()
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the bar takes more rows
    page.reload()
    page.locator(".comment").get_by_text("Lotte Visser").wait_for()
    assert (thanks.get_attribute("aria-pressed"), thanks.inner_text()) == ("true", "Bedankt 1")
    assert fits_its_reserved_space(holder)
    serious = [v for v in Axe().run(page).response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["nodes"][0]["target"]) for v in serious]

    # The English page is the same page: the same reaction, counted once.
    page.evaluate("document.cookie = 'plein_lang=en; Path=/'")  # or it leads back to Dutch
    page.goto(f"/en{article}")
    english = page.get_by_role("group", name="Show your appreciation").get_by_role(
        "button", name="Thanks")
    english.wait_for()
    assert (english.get_attribute("aria-pressed"), english.inner_text()) == ("true", "Thanks 1")
    assert page.errors == [] and console == []


def test_mark_an_answer_to_a_question(page, live):
    helper = live.session()
    helper.call("POST", "/api/auth/dev-login", {"email": "noor.hendriks@voorbeeld.nl"})
    sign_in(page, "Pieter van Dijk")
    page.get_by_label("Deel een bericht met je collega's").fill("Waar staat de plotter?")
    page.get_by_label("Vraag", exact=True).check()
    page.get_by_role("button", name="Plaatsen").click()
    # Not just the first post: until ours arrives, that is the demo's newest question.
    question = page.locator(".stream-items .post", has_text="Waar staat de plotter?").first
    question.get_by_text("Open vraag").wait_for()
    post_id = question.get_attribute("data-id")
    assert helper.call("POST", f"/api/posts/{post_id}/comments",
                       {"body": "Naast de printer op de tweede verdieping"})[0] == 201

    page.get_by_label("Alleen open vragen").check()
    only_questions(page)
    question = page.locator(f'.post[data-id="{post_id}"]')
    question.get_by_role("button", name="Reacties").click()
    question.get_by_role("button", name="Markeer als antwoord").click()
    question.get_by_text("Beantwoord").wait_for()
    question.locator(".comment.is-answer").get_by_text("tweede verdieping").wait_for()
    page.reload()
    page.get_by_label("Alleen open vragen").check()
    only_questions(page)
    assert page.locator(f'.post[data-id="{post_id}"]').count() == 0
    assert page.errors == []


def test_comments_and_stream_widgets_have_no_serious_accessibility_violations(page, live):
    from axe_playwright_python.sync_playwright import Axe

    scripts = []
    page.on("request", lambda r: scripts.append(r.url.rsplit("/", 1)[-1]))
    sign_in(page, "Esther Smit")
    page.get_by_label("Deel een bericht met je collega's").fill("Toegankelijk?")
    page.get_by_label("Vraag", exact=True).check()
    page.get_by_role("button", name="Plaatsen").click()
    first = page.locator(".stream-items .post").first
    first.get_by_text("Toegankelijk?").wait_for()
    # The thread's script comes with the first thread opened, not with the home page.
    assert "comments.js" not in scripts and "stream.js" in scripts
    first.get_by_role("button", name="Reacties").click()
    first.get_by_label("Schrijf een reactie").wait_for()
    assert "comments.js" in scripts
    checked = [Axe().run(page)]
    page.goto("/nieuws/nieuwe-flexplekken-stadhuis.html")
    page.get_by_label("Schrijf een reactie").wait_for()
    checked.append(Axe().run(page))
    serious = [v for result in checked for v in result.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["nodes"][0]["target"]) for v in serious]


def test_react_with_thanks_switch_and_see_who_reacted(page, live):
    from axe_playwright_python.sync_playwright import Axe

    colleague = live.session()
    colleague.call("POST", "/api/auth/dev-login", {"email": "noor.hendriks@voorbeeld.nl"})
    sign_in(page, "Kees Mulder")
    page.get_by_label("Deel een bericht met je collega's").fill("De nieuwe website staat live")
    page.get_by_role("button", name="Plaatsen").click()
    post = page.locator(".stream-items .post", has_text="De nieuwe website staat live").first
    post.wait_for()
    post_id = post.get_attribute("data-id")
    assert colleague.call("PUT", f"/api/posts/{post_id}/reactions/like", {})[0] == 200

    bar = post.get_by_role("group", name="Laat je waardering zien")
    thanks = bar.get_by_role("button", name="Bedankt")
    party = bar.get_by_role("button", name="Feest")
    thanks.click()
    post.get_by_role("status").get_by_text("Jouw waardering: Bedankt.").wait_for()
    assert (thanks.get_attribute("aria-pressed"), thanks.inner_text()) == ("true", "Bedankt 1")
    party.click()
    post.get_by_role("status").get_by_text("Jouw waardering: Feest.").wait_for()
    assert (thanks.get_attribute("aria-pressed"), thanks.inner_text()) == ("false", "Bedankt 0")
    assert (party.get_attribute("aria-pressed"), party.inner_text()) == ("true", "Feest 1")

    who = post.get_by_role("button", name="Wie gaf een waardering (2)")
    who.click()
    assert who.get_attribute("aria-expanded") == "true"
    people = post.locator(".reactors li")
    people.filter(has_text="Kees Mulder").filter(has_text="Feest").wait_for()
    people.filter(has_text="Noor Hendriks").filter(has_text="Vind ik leuk").wait_for()
    party.click()  # pressed again: the reaction is taken back, the list follows
    post.get_by_role("status").get_by_text("Je waardering is weggehaald.").wait_for()
    post.get_by_role("button", name="Wie gaf een waardering (1)").wait_for()
    people.filter(has_text="Kees Mulder").wait_for(state="detached")
    serious = [v for v in Axe().run(page).response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["nodes"][0]["target"]) for v in serious]
    assert page.errors == []
