"""The site in every language (issue 17): Dutch at /, English under /en/, from one real build
(the `built_site` every site test shares); the language a person chooses is their saved
preference; CloudFront serves /en/ like the rest. See docs/languages.md."""

import json
import re
import shutil
import subprocess

import pytest
from api_steps import call

from infra.deploy import cloudfront
from infra.paths import PAGES_MANIFEST

# What every language shares at the root: the theme's files, images, icons, the search index,
# the worker, the manifest, the API.
SHARED = re.compile(r"^/(theme|images|icons|pagefind|api)(/|$)|^/(sw\.js|manifest\.webmanifest)$")
HREF = re.compile(r'\b(?:href|src|action|data-[\w-]+)="(/[^"]*)"')


def html(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_english_pages_have_english_words_around_the_dutch_news(built_site):
    home = html(built_site, "en/index.html")
    assert '<html lang="en" ' in home and 'data-root="/en"' in home
    assert ">Groups</a>" in home and ">People</a>" in home and ">News</a>" in home
    assert "Skip to content" in home and '"signIn": "Sign in"' in home
    news = html(built_site, "en/nieuws.html")
    assert "<title>News · Gemeente Voorbeeld</title>" in news
    assert "<p>The intranet of Gemeente Voorbeeld</p>" in news
    assert 'alt="Voorbeeld\'s town hall on the canal"' in news
    assert "<title>Groups · " in html(built_site, "en/groepen.html")
    # The Dutch site is as it was.
    dutch = html(built_site, "nieuws.html")
    assert '<html lang="nl" ' in dutch and "<title>Nieuws · " in dutch
    assert "<p>Het intranet van Gemeente Voorbeeld</p>" in dutch and ">Groepen</a>" in dutch


def test_dates_follow_the_language_and_the_news_text_says_it_is_dutch(built_site):
    article = html(built_site, "en/nieuws/kerstborrel-personeelsvereniging.html")
    date = re.search(r"<time datetime=\"[^\"]+\">([^<]+)</time>", article).group(1)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}", date), date
    dutch = html(built_site, "nieuws/kerstborrel-personeelsvereniging.html")
    assert re.search(r"<time datetime=\"[^\"]+\">\d{2}-\d{2}-\d{4}</time>", dutch)
    assert '<div class="text" lang="nl">' in article and 'class="text" lang' not in dutch


def test_every_link_on_an_english_page_stays_in_english(built_site):
    for page in (built_site / "en").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # The one way back to Dutch: the switcher and the alternate link, both marked.
        text = re.sub(r'<(?:a|link)[^>]*hreflang="nl"[^>]*>', "", text)
        # A page's comments are one thread, whichever language it is read in.
        text = re.sub(r'data-path="[^"]*"', "", text)
        for target in HREF.findall(text):
            assert target == "/en" or target.startswith("/en/") or SHARED.match(target), (
                page, target)
            # And it is there: a theme file linked at {{ SITEURL }} would be /en/theme/…,
            # which no build writes (theme files are linked at {{ SHARED_URL }}).
            path = re.split(r"[?#]", target)[0]
            if path.startswith("/api") or path == "/en" or path.endswith("/"):
                continue
            assert (built_site / path.lstrip("/")).is_file(), (page, target)


def test_the_switcher_links_the_same_page_in_the_other_language(built_site):
    switch = re.compile(r'<a href="([^"]+)" hreflang="(\w+)" lang="(\w+)" data-language="\w+">'
                        r'([^<]+)</a>')
    for dutch, english in (("groepen.html", "en/groepen.html"), ("index.html", "en/index.html"),
                           ("nieuws/kerstborrel-personeelsvereniging.html",
                            "en/nieuws/kerstborrel-personeelsvereniging.html")):
        href = "/" + english.removesuffix("index.html")
        assert switch.findall(html(built_site, dutch)) == [(href, "en", "en", "English")]
        back = "/" + dutch.removesuffix("index.html")
        assert switch.findall(html(built_site, english)) == [(back, "nl", "nl", "Nederlands")]
        # Both pages name both: language-early.js finds the chosen one here.
        for page in (dutch, english):
            text = html(built_site, page)
            assert f'<link rel="alternate" hreflang="en" href="{href}">' in text
            assert f'<link rel="alternate" hreflang="nl" href="{back}">' in text


def test_shared_files_are_written_once_at_the_root(built_site):
    for shared in ("theme", "sw.js", "manifest.webmanifest", "icons", "pagefind",
                   PAGES_MANIFEST):
        assert (built_site / shared).exists() and not (built_site / "en" / shared).exists()
    worker = html(built_site, "sw.js")
    assert '"en".split(",")' in worker and "__PLEIN_LANGUAGE_PREFIXES__" not in worker
    listed = json.loads(html(built_site, PAGES_MANIFEST))["pages"]
    assert "/groepen.html" in listed and not [p for p in listed if p.startswith("/en/")]


def test_the_deploy_uploads_the_english_pages(built_site):
    from infra.deploy import sync

    files = sync.local_files(built_site)
    assert "en/index.html" in files and "en/nieuws.html" in files and "index.html" in files


def test_the_search_index_has_each_languages_pages(built_site):
    counts = {}
    for entry in (built_site / "pagefind").glob("*/pagefind-entry.json"):
        for lang, found in json.loads(entry.read_text())["languages"].items():
            counts[lang] = counts.get(lang, 0) + found["page_count"]
    assert counts["en"] == counts["nl"] > 0
    # The English search page loads the one sharded index; Pagefind picks each shard's index
    # for the page's <html lang>.
    assert 'data-pagefind="/pagefind/"' in html(built_site, "en/zoeken.html")


def test_choosing_a_language_saves_it_for_mail_and_push(client, make_person, as_person):
    me = make_person()
    path = "/api/me/notification-settings"
    saved = call(client, "PUT", path, as_person(me), {"language": "en"})
    assert saved.status_code == 200 and saved.json_body["language"] == "en"
    assert saved.json_body["mail"]["likes"] == "daily"  # nothing else changed
    from chalicelib.domain.notifications import preferences

    assert preferences.language(preferences.load(me.id)) == "en"  # what the fan-out writes in
    wrong = call(client, "PUT", path, as_person(me), {"language": "fr"})
    assert (wrong.status_code, wrong.json_body["field"]) == (400, "language")
    assert call(client, "PUT", path, as_person(), {"language": "nl"}).status_code == 401
    foreign = as_person(me, origin="https://elsewhere.example")
    assert call(client, "PUT", path, foreign, {"language": "nl"}).status_code == 403
    assert call(client, "GET", path, as_person(me)).json_body["language"] == "en"


def test_cloudfront_serves_english_like_the_rest(stage):
    paths = cloudfront.public_paths()
    assert "/inloggen.html" in paths and "/en/inloggen.html" in paths
    config = cloudfront._distribution(stage, private=True)["Properties"]["DistributionConfig"]
    default = config["DefaultCacheBehavior"]
    assert default["FunctionAssociations"] == [{
        "EventType": "viewer-request",
        "FunctionARN": {"Fn::GetAtt": ["SiteIndex", "FunctionARN"]}}]
    assert "SiteIndex" in cloudfront.resources(stage, private=True)


@pytest.mark.parametrize(("uri", "served"), [("/en/", "/en/index.html"),
                                             ("/en/groepen.html", "/en/groepen.html"),
                                             ("/", "/index.html")])
def test_a_languages_home_is_its_folders_index(tmp_path, uri, served):
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed")
    script = tmp_path / "run.js"
    script.write_text(cloudfront.SITE_INDEX + f"""
console.log(JSON.stringify(handler({{request: {{method: "GET", uri: {json.dumps(uri)}}}}})));
""")
    result = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["uri"] == served


def test_signing_in_sets_the_saved_language_for_this_browser(client, make_person, as_person):
    """The first page after signing in is in the person's language without asking the API."""
    me = make_person()
    call(client, "PUT", "/api/me/notification-settings", as_person(me), {"language": "en"})
    signed = client.http.post("/api/auth/dev-login", headers=as_person(),
                              body=json.dumps({"email": me.email}))
    assert signed.status_code == 200
    assert "plein_lang=en;" in str(signed.headers)
