"""Search in the browser: a word only a news article holds is found on the results page
(Pagefind, under the site's own security headers), the header's combobox is driven by
keyboard, and @mentions are completed from the people search."""

import json
import re

from axe_playwright_python.sync_playwright import Axe
from steps import sign_in

from infra import search_index, site


def serious_violations(page) -> list:
    results = Axe().run(page)
    return [(v["id"], v["nodes"][0]["target"]) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


def test_a_word_only_in_a_news_article_is_found_on_the_search_page(page, built_site):
    # The article sits in a shard the page merges into the first one it loads (the test site's
    # index is cut small), so this also holds the merging of shards.
    state = json.loads((site.cache_path(built_site) / search_index.STATE).read_text())
    shards = (built_site / "pagefind" / search_index.MANIFEST).read_text()
    first = int(json.loads(shards.removeprefix("export default ").rstrip().rstrip(";"))[0][:-1])
    assert search_index.shard_of("nieuws/workshop-omgevingswet-participatie.html",
                                 state["shards"]) != first
    sign_in(page, "Pieter van Dijk")
    page.goto("/zoeken.html?q=dakopbouw")
    news = page.get_by_role("tabpanel", name=re.compile("Nieuws en pagina's"))
    result = news.get_by_role("link", name="Workshop Omgevingswet: participatie in de praktijk")
    result.wait_for()
    assert news.locator("mark").first.inner_text().lower() == "dakopbouw"
    assert page.get_by_role("tab", name="Nieuws en pagina's (1)").get_attribute(
        "aria-selected") == "true"
    # The other tabs searched too, and say what to try when they hold nothing.
    page.get_by_role("tab", name=re.compile("^Groepen")).press("ArrowRight")
    people = page.get_by_role("tabpanel", name=re.compile("^Mensen"))
    assert people.get_by_text("Geen collega's met deze naam").is_visible()
    assert serious_violations(page) == []
    page.get_by_role("tab", name=re.compile("^Nieuws")).click()
    result.click()
    page.wait_for_url("**/nieuws/workshop-omgevingswet-participatie.html")
    assert page.errors == []


def test_the_header_combobox_and_mentions_work_from_the_keyboard(page):
    sign_in(page, "Pieter van Dijk")
    page.get_by_role("searchbox", name="Zoek in nieuws, berichten, groepen en mensen").click()
    # A plain search box until someone uses it; then the combobox.
    box = page.get_by_role("combobox", name="Zoek in nieuws, berichten, groepen en mensen")
    box.press_sequentially("lotte")
    option = page.get_by_role("option", name=re.compile("Lotte Visser"))
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("status").filter(has_text="suggesties").count() == 1
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    box.press("Enter")
    page.wait_for_url("**/mensen/profiel.html?id=*")
    page.get_by_role("heading", name="Lotte Visser", level=1).wait_for()

    page.goto("/")
    composer = page.get_by_label("Deel een bericht met je collega's")
    composer.press_sequentially("Dank je @lot")
    mention = page.get_by_role("option", name=re.compile("Lotte Visser"))
    mention.wait_for()
    composer.press("ArrowDown")
    composer.press("Enter")
    assert composer.input_value() == "Dank je @lotte.visser "
    assert page.errors == []
