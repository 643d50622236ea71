"""Every action says how it went: a like or a delete that fails shows why, in Dutch, next to the
post, instead of failing silently. The failure is a real one: the post is deleted in another tab
(the same person, signed in twice) before the button is clicked."""

import pytest
from steps import sign_in

GONE = "Dit bestaat niet meer. Laad de pagina opnieuw."


@pytest.fixture
def gone_post(page, live):
    """A post of Kees's on his screen that he has meanwhile deleted elsewhere."""
    sign_in(page, "Kees Mulder")
    page.get_by_label("Deel een bericht met je collega's").fill("Wie heeft de sleutel van de kast?")
    page.get_by_role("button", name="Plaatsen").click()
    post = page.locator(".stream-items .post", has_text="sleutel van de kast")
    post.wait_for()
    elsewhere = live.session()
    elsewhere.call("POST", "/api/auth/dev-login", {"email": "kees.mulder@voorbeeld.nl"})
    status, _body = elsewhere.call("DELETE", f"/api/posts/{post.get_attribute('data-id')}", {})
    assert status < 300
    return post


def test_a_like_that_fails_says_why_in_dutch(page, gone_post):
    gone_post.get_by_role("button", name="Vind ik leuk").click()
    message = gone_post.get_by_role("status")
    message.get_by_text(GONE).wait_for()
    assert "No such" not in message.inner_text()  # the API's English reason is not for readers
    assert gone_post.get_by_role("button", name="Vind ik leuk").is_enabled()
    assert page.errors == []


def test_a_delete_that_fails_says_why_in_dutch_and_keeps_the_post(page, gone_post):
    gone_post.get_by_role("button", name="Verwijderen").click()
    gone_post.get_by_role("button", name="Klik nogmaals om definitief te verwijderen").click()
    gone_post.get_by_role("status").get_by_text(GONE).wait_for()
    assert gone_post.is_visible()
    assert page.errors == []


def test_a_delete_that_works_says_so(page):
    sign_in(page, "Lotte Visser")
    page.get_by_label("Deel een bericht met je collega's").fill("Dit bericht mag weg")
    page.get_by_role("button", name="Plaatsen").click()
    post = page.locator(".stream-items .post", has_text="Dit bericht mag weg")
    post.get_by_role("button", name="Verwijderen").click()
    assert post.is_visible()  # deleting asks once more
    post.get_by_role("button", name="Klik nogmaals om definitief te verwijderen").click()
    page.locator("[data-stream-status]").get_by_text("Het bericht is verwijderd.").wait_for()
    assert post.count() == 0
    assert page.errors == []
