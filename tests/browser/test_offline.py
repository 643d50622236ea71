"""Installable and offline: the manifest and its icons load, the service worker controls the
pages, pages read before open without a network, others show the offline page, and signing
out forgets the pages this person read."""

from steps import sign_in

ARTICLE = "/nieuws/kerstborrel-personeelsvereniging.html"


def controlled(page):
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def test_the_manifest_and_its_icons_load(page):
    page.goto("/")
    href = page.locator('link[rel="manifest"]').get_attribute("href")
    manifest = page.request.get(href)
    assert manifest.ok
    data = manifest.json()
    assert data["short_name"] == "Plein" and data["display"] == "standalone"
    for icon in data["icons"]:
        assert page.request.get(icon["src"]).ok, icon


def test_chrome_finds_the_site_installable(page):
    """Chrome's own check, the one behind its install prompt (Lighthouse 12 no longer has an
    installability audit): the manifest, its icons, the worker and a secure origin."""
    page.goto("/")
    controlled(page)
    check = page.context.new_cdp_session(page)

    def errors() -> list[str]:
        found = check.send("Page.getInstallabilityErrors")["installabilityErrors"]
        # A test browser's context is a private window, where Chrome offers no install; the
        # check still looks at everything else.
        return [e["errorId"] for e in found if e["errorId"] != "in-incognito"]

    assert errors() == []
    assert check.send("Page.getAppManifest")["errors"] == []
    # The check does look at the page: without its manifest link it is not installable.
    page.evaluate("document.querySelector('link[rel=manifest]').remove()")
    assert "no-manifest" in errors()


def test_pages_read_before_open_offline_and_others_say_so(page):
    sign_in(page, "Anna de Vries")
    controlled(page)
    page.goto(ARTICLE)
    page.get_by_role("heading", level=1).wait_for()
    page.context.set_offline(True)
    try:
        page.goto(ARTICLE)
        assert "kerstborrel" in page.get_by_role("heading", level=1).inner_text().lower()
        page.goto("/huisregels.html")
        page.get_by_role("heading", name="Je bent offline").wait_for()
    finally:
        page.context.set_offline(False)


def test_signing_out_forgets_the_pages_read(page):
    sign_in(page, "Anna de Vries")
    controlled(page)
    page.goto(ARTICLE)
    page.wait_for_function("() => caches.open('plein-pages').then((c) => c.keys())"
                           ".then((keys) => keys.length > 0)")
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_label("Inloggen als demomedewerker").wait_for()
    assert page.evaluate("() => caches.has('plein-pages')") is False
    assert page.errors == []
