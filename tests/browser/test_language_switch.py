"""Choosing English (issue 17): the switcher goes to the same page in English and saves the
choice on the profile; the Dutch pages then lead to the English ones before they show, also
on another browser once signed in; the phone's menu has the switcher; offline, an English
page that was never read shows the English offline page; search results stay in English."""

import re

from steps import sign_in

SETTINGS = "/api/me/notification-settings"


def language_of(page) -> str:
    return page.request.get(SETTINGS).json()["language"]


def test_switch_to_english_while_signed_in_and_stay_there(page):
    sign_in(page, "Anna de Vries")
    page.goto("/groepen.html?filter=mine#main")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/groepen\.html\?filter=mine#main$"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("heading", name="Groups", level=1).wait_for()
    page.locator(".session").get_by_text("Signed in as").wait_for()
    assert language_of(page) == "en"  # mail and push follow it
    # Links lead on in English.
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="People").click()
    page.wait_for_url("**/en/mensen.html")
    # A Dutch page (a link in a mail, a bookmark) goes to its English page before it shows.
    page.goto("/")
    page.wait_for_url(re.compile(r"/en/$"))
    page.goto("/nieuws.html?page=1")
    page.wait_for_url(re.compile(r"/en/nieuws\.html\?page=1$"))
    page.get_by_role("heading", name="News", level=1).wait_for()
    # And back.
    page.get_by_role("link", name="Nederlands").click()
    page.wait_for_url(re.compile(r"/nieuws\.html\?page=1$"))
    page.get_by_role("heading", name="Nieuws", level=1).wait_for()
    assert "/en/" not in page.url and language_of(page) == "nl"
    page.goto("/")
    page.get_by_role("link", name="English").wait_for()
    assert not page.url.endswith("/en/")
    assert page.errors == []


def test_another_browser_takes_the_saved_language_once_signed_in(browser, live):
    first = browser.new_context(base_url=live.url, locale="nl-NL").new_page()
    sign_in(first, "Bram Jansen")
    first.get_by_role("link", name="English").click()
    first.wait_for_url(re.compile(r"/en/$"))
    assert language_of(first) == "en"
    first.context.close()

    other = browser.new_context(base_url=live.url, locale="nl-NL")
    page = other.new_page()
    try:
        sign_in(page, "Bram Jansen")  # on the Dutch home page, no choice on this browser yet
        page.wait_for_url(re.compile(r"/en/$"))
        page.get_by_role("navigation", name="Main menu").wait_for()
        page.goto("/groepen.html")  # remembered here now: straight to English
        page.wait_for_url("**/en/groepen.html")
    finally:
        other.close()


def test_the_phones_menu_has_the_switcher(page):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/en/mensen.html")
    switch = page.get_by_role("link", name="Nederlands")
    assert not switch.is_visible()
    page.get_by_role("button", name="Menu").click()
    assert switch.is_visible()
    assert switch.get_attribute("hreflang") == "nl" and switch.get_attribute("lang") == "nl"
    switch.click()
    page.wait_for_url("**/mensen.html")
    assert "/en/" not in page.url
    page.get_by_role("button", name="Menu").wait_for()


def test_an_english_page_never_read_shows_the_english_offline_page(page):
    page.goto("/en/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.goto("/en/groepen.html")
    page.context.set_offline(True)
    try:
        page.goto("/en/huisregels.html")
        assert page.locator("html").get_attribute("lang") == "en"
        page.get_by_role("link", name="Back to the home page").wait_for()
    finally:
        page.context.set_offline(False)


def test_english_search_finds_english_pages_and_keeps_results_in_english(page):
    sign_in(page, "Pieter van Dijk")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/$"))
    page.goto("/en/zoeken.html?q=dakopbouw")
    news = page.get_by_role("tabpanel", name=re.compile("^News"))
    result = news.get_by_role("link", name="Workshop Omgevingswet: participatie in de praktijk")
    result.wait_for()  # Pagefind's English index: the English pages of the Dutch news
    assert result.get_attribute("href") == "/en/nieuws/workshop-omgevingswet-participatie.html"
    # Our own search API names pages at the root; the results lead to the English ones.
    box = page.get_by_role("searchbox", name="Search news, posts, groups and people")
    box.click()
    box = page.get_by_role("combobox", name="Search news, posts, groups and people")
    box.press_sequentially("lotte")
    page.get_by_role("option", name=re.compile("Lotte Visser")).wait_for()
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/en/mensen/profiel.html?id=*")
    page.get_by_role("heading", name="Lotte Visser", level=1).wait_for()
