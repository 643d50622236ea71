"""The local site sends each file the headers `plein deploy` gives it in the bucket, so the
browser caches pages as it will when deployed."""

from werkzeug.test import Client

from infra.deploy import sync
from infra.local.gateway import SiteApp


def test_files_carry_the_deployed_cache_control_and_content_type(built_site):
    site = Client(SiteApp(built_site, {"X-Content-Type-Options": "nosniff"}))
    for path, key in [("/", "index.html"), ("/over-plein.html", "over-plein.html"),
                      ("/theme/css/plein.css", "theme/css/plein.css")]:
        reply = site.get(path)
        assert reply.status_code == 200, path
        assert reply.headers.getlist("Cache-Control") == [sync.cache_control(key)], path
        assert reply.headers.getlist("Content-Type") == [sync.content_type(key)], path
        assert reply.headers["X-Content-Type-Options"] == "nosniff"
    # Pages are asked for again on every visit (then checked by CloudFront's cookie check).
    assert "max-age=0" in sync.cache_control("index.html")
    assert "must-revalidate" in sync.cache_control("index.html")


def test_a_revalidation_of_an_unchanged_page_is_a_304(built_site):
    site = Client(SiteApp(built_site, {}))
    etag = site.get("/over-plein.html").headers["ETag"]
    again = site.get("/over-plein.html", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["Cache-Control"] == sync.cache_control("over-plein.html")


def test_a_missing_page_is_the_404_page(built_site):
    reply = Client(SiteApp(built_site, {})).get("/bestaat-niet.html")
    assert reply.status_code == 404 and b"<html" in reply.get_data().lower()
