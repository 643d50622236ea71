"""`plein dev --no-demo-signin` against an identity provider (here the loopback one the tests
configure through PLEIN_OIDC_*, as docs/identity-providers.md tells a developer to): no demo
picker, sign-in through the provider, and sign-out that ends the provider's session too."""

import urllib.error
import urllib.request

import pytest
from devserver import ROOT, DevServer


@pytest.fixture(scope="module")
def real(tmp_path_factory, built_site):
    server = DevServer(tmp_path_factory.mktemp("data"), built_site).start(
        extra_args=("--no-demo-signin",))
    yield server
    server.stop()


@pytest.fixture
def visitor(browser, real):
    context = browser.new_context(base_url=real.url, locale="nl-NL")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.errors = errors
    yield page
    context.close()


def test_the_demo_routes_are_off(real):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{real.url}/api/auth/dev-users", timeout=10)
    assert err.value.code == 404


def test_sign_in_and_out_go_through_the_provider(visitor, real, issuer):
    issuer.end_session = True  # this server has not read the discovery document yet
    issuer.next_user = {"sub": "u-esther", "email": "esther.smit@voorbeeld.nl",
                        "name": "Esther Smit"}
    visitor.goto("/inloggen.html")
    assert visitor.get_by_label("Inloggen als demomedewerker").count() == 0
    visitor.get_by_role("link", name="Inloggen met je werkaccount").click()
    visitor.locator(".session").get_by_text("Esther Smit").wait_for()
    visitor.get_by_role("button", name="Uitloggen").click()
    visitor.wait_for_url(real.url + "/")
    # The header offers the provider, not a picker. ("Niet ingelogd" is in the page before
    # session.js runs, so waiting for it alone raced the link; waiting for the link also waits
    # for the provider's sign-out to bring the browser back here.)
    visitor.locator(".session").get_by_role("link", name="Inloggen").wait_for()
    assert visitor.locator(".session").get_by_text("Niet ingelogd").is_visible()
    assert visitor.get_by_label("Inloggen als demomedewerker").count() == 0
    assert len(issuer.logouts) == 1 and issuer.logouts[0]["id_token_hint"]
    assert visitor.request.get("/api/me").status == 401
    assert visitor.errors == []


def test_without_a_provider_the_flag_is_refused(tmp_path, built_site):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PLEIN_OIDC_ISSUER"}
    result = subprocess.run([sys.executable, "-m", "infra.cli", "dev", "--no-demo-signin",
                             "--data-dir", str(tmp_path), "--site-dir", str(built_site),
                             "--no-build", "--no-watch"], env=env, capture_output=True,
                            text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 2
    assert "PLEIN_OIDC_ISSUER" in result.stderr
