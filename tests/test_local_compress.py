"""`plein dev` gzips what CloudFront gzips (Compress on every behaviour), so a page measured
locally weighs what a phone receives."""

import gzip
import json

from werkzeug.test import Client
from werkzeug.wrappers import Response

from infra.local.compress import Compressed
from infra.local.gateway import SiteApp

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def test_a_page_is_sent_gzipped_to_a_browser_that_accepts_it(built_site):
    site = Client(Compressed(SiteApp(built_site, {})))
    plain = site.get("/")
    packed = site.get("/", headers=GZIP)
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert int(packed.headers["Content-Length"]) == len(packed.get_data())
    assert len(packed.get_data()) < len(plain.get_data()) / 2
    assert "Accept-Encoding" in packed.headers["Vary"]


def test_a_revalidation_of_the_gzipped_page_is_still_a_304(built_site):
    site = Client(Compressed(SiteApp(built_site, {})))
    etag = site.get("/over-plein.html", headers=GZIP).headers["ETag"]
    assert etag.startswith("W/")
    again = site.get("/over-plein.html", headers={**GZIP, "If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""


def test_photos_small_answers_and_encoded_answers_are_left_alone(built_site):
    site = Client(Compressed(SiteApp(built_site, {})))
    icon = site.get("/icons/icon-512.png", headers=GZIP)
    assert icon.status_code == 200 and "Content-Encoding" not in icon.headers

    def answer(body, **headers):
        return Client(Compressed(Response(body, content_type="application/json",
                                          headers=headers))).get("/", headers=GZIP)

    assert "Content-Encoding" not in answer(json.dumps({"ok": True})).headers
    already = gzip.compress(b"x" * 5000)
    kept = answer(already, **{"Content-Encoding": "gzip"})
    assert kept.get_data() == already
    big = json.dumps({"items": ["een bericht"] * 200})
    assert gzip.decompress(answer(big).get_data()).decode() == big


def test_a_head_request_is_answered_as_it_was(built_site):
    site = Client(Compressed(SiteApp(built_site, {})))
    head = site.head("/", headers=GZIP)
    assert head.status_code == 200 and "Content-Encoding" not in head.headers
