"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, against `plein dev`."""

import os
from pathlib import Path

import pytest
from devserver import DevServer

CHROMIUM = os.environ.get("PLEIN_CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium tries Google's hosts, which this network refuses.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    # This hook sees every collected test, not only this folder's: mark just ours, so that
    # `-m 'not browser'` keeps the rest.
    for item in items:
        if HERE in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `sudo make chromium` (make test does as root)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory, built_site):
    server = DevServer(tmp_path_factory.mktemp("data"), built_site).start()
    yield server
    server.stop()


@pytest.fixture
def page(browser, live):
    context = browser.new_context(base_url=live.url, locale="nl-NL")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"),
                                      dialog.dismiss()))
    page.errors = errors
    yield page
    context.close()

