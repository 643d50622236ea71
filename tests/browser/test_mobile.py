"""A phone and a laptop: nothing scrolls sideways, the first post is in the first screen, the
menu is a disclosure, nothing jumps while the API answers, and the news page's hero is WebP."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from steps import sign_in

PHONE = {"width": 390, "height": 844}
PAGES = ["/", "/nieuws.html", "/nieuws/kerstborrel-personeelsvereniging.html", "/groepen.html",
         "/mensen.html", "/dashboard.html", "/over-plein.html"]

# Layout shifts as the browser counts them for CLS (shifts right after input do not count).
CLS = """() => new Promise((done) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => done(total), 0);
})"""


def settled(page):
    page.wait_for_load_state("networkidle")


def overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [320, 390, 1366])
def test_no_page_scrolls_sideways(page, width):
    sign_in(page, "Anna de Vries")
    page.set_viewport_size({"width": width, "height": 844})
    for path in PAGES:
        page.goto(path)
        settled(page)
        assert overflow(page) <= 0, (path, width)
    assert page.errors == []


def test_first_post_is_in_the_first_screen_of_a_phone(page):
    sign_in(page, "Anna de Vries")
    page.set_viewport_size(PHONE)
    page.goto("/")
    first = page.locator(".stream-items .post").first
    first.wait_for()
    assert first.bounding_box()["y"] < PHONE["height"] - 100  # its author and first line show
    assert page.locator(".hero").count() == 0  # the hero is on the news page


def test_menu_is_a_disclosure_on_a_phone(page):
    sign_in(page, "Anna de Vries")
    page.set_viewport_size(PHONE)
    page.goto("/nieuws.html")
    menu = page.get_by_role("button", name="Menu")
    groups = page.get_by_role("link", name="Groepen")
    assert menu.get_attribute("aria-expanded") == "false" and groups.is_hidden()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true" and groups.is_visible()
    groups.focus()
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false" and groups.is_hidden()
    assert page.evaluate("() => document.activeElement.dataset.menuButton") == ""
    page.set_viewport_size({"width": 1366, "height": 844})
    assert menu.is_hidden() and groups.is_visible()


def test_touch_targets_are_at_least_44_px_on_a_phone(page):
    sign_in(page, "Anna de Vries")
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.locator(".stream-items .post").first.wait_for()
    page.get_by_role("button", name="Menu").click()
    small = page.evaluate("""() => [...document.querySelectorAll(
        '.site-header a, .site-header button, .post-actions button, .site-footer a')]
      .filter((n) => n.offsetParent !== null)
      .map((n) => [n.textContent.trim(), n.getBoundingClientRect().height])
      .filter(([, h]) => h < 44)""")
    assert small == []


@pytest.mark.parametrize("size", [PHONE, {"width": 1350, "height": 940}])  # Lighthouse's
def test_nothing_jumps_while_the_api_answers(page, size):
    sign_in(page, "Anna de Vries")
    page.set_viewport_size(size)
    for path in ["/", "/groepen.html", "/mensen.html", "/dashboard.html",
                 "/nieuws/kerstborrel-personeelsvereniging.html",
                 "/groep.html?id=personeelsvereniging"]:
        page.goto(path)
        settled(page)
        assert page.evaluate(CLS) <= 0.02, path


def test_news_hero_is_responsive_webp(page):
    page.goto("/nieuws.html")
    hero = page.locator(".hero img")
    srcset = hero.get_attribute("srcset")
    assert ".webp 480w" in srcset and ".webp 960w" in srcset
    assert hero.get_attribute("width") and hero.get_attribute("height")
    page.set_viewport_size(PHONE)
    page.reload()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=hero.element_handle())
    assert hero.evaluate("img => img.currentSrc").endswith(".webp")


def test_a_phone_has_no_serious_accessibility_violations(page):
    sign_in(page, "Anna de Vries")
    page.set_viewport_size(PHONE)
    for path in ["/", "/nieuws.html"]:
        page.goto(path)
        settled(page)
        page.get_by_role("button", name="Menu").click()
        results = Axe().run(page)
        serious = [v for v in results.response["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], [(v["id"], v["nodes"][0]["target"]) for v in serious]


def test_posts_show_who_wrote_them_and_in_which_group(page, live):
    helper = live.session()
    helper.call("POST", "/api/auth/dev-login", {"email": "kees.mulder@voorbeeld.nl"})
    status, group = helper.call("POST", "/api/groups", {"name": "Moestuin", "visibility": "open"})
    assert status == 201
    assert helper.call("POST", "/api/posts", {"body": "De tomaten zijn rijp",
                                              "group": group["id"]})[0] == 201
    sign_in(page, "Kees Mulder")
    post = page.locator(".stream-items .post", has_text="De tomaten zijn rijp")
    post.get_by_text("Coördinator groenbeheer").wait_for()
    assert post.locator(".avatar").inner_text() == "KM"
    link = post.get_by_role("link", name="Moestuin")
    assert link.get_attribute("href") == f"/groep.html?id={group['id']}"
    mine = page.get_by_role("region", name="Mijn groepen")
    assert mine.get_by_role("link", name="Moestuin").get_attribute("href") == link.get_attribute(
        "href")
