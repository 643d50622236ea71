"""The built site's page list: the build writes it, `plein dev` and the deployed API read it,
and page comments and hits accept only the paths on it."""

import json
import tomllib

from devserver import ROOT, DevServer

from infra.paths import PAGES_MANIFEST

DEMO_EMAIL = tomllib.loads((ROOT / "infra/demo/people.toml").read_text())["people"][0]["email"]


def test_the_build_lists_every_page_it_wrote(built_site):
    listed = json.loads((built_site / PAGES_MANIFEST).read_text())["pages"]
    written = {"/" + p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    # The English pages are the same pages under /en/: comments and hits name them as one.
    english = {p for p in written if p.startswith("/en/")}
    assert english and {p.removeprefix("/en") for p in english} == written - english
    assert set(listed) == written - english - {"/404.html"}
    assert {"/index.html", "/over-plein.html", "/groepen.html", "/mensen/profiel.html"} <= set(
        listed)
    assert listed == sorted(listed)


def test_a_file_list_is_read_again_when_the_site_is_rebuilt(tmp_path):
    from chalicelib.domain.site_pages import SitePages, is_page

    manifest = tmp_path / PAGES_MANIFEST
    pages = SitePages(str(manifest))
    assert not is_page("/", pages)  # nothing built yet: no pages
    manifest.write_text(json.dumps({"pages": ["/index.html", "/oud.html"]}))
    assert is_page("/", pages) and is_page("/oud.html", pages)
    manifest.write_text(json.dumps({"pages": ["/index.html", "/nieuw.html"]}))
    import os

    os.utime(manifest, ns=(1, 1))  # a rebuild within the same clock tick still counts
    assert is_page("/nieuw.html", pages) and not is_page("/oud.html", pages)


def test_the_deployed_list_is_read_from_the_site_bucket_once_a_minute(aws, table):
    from chalicelib.domain.site_pages import RELOAD_SECONDS, SitePages

    s3 = aws.client("s3")
    s3.create_bucket(Bucket="site", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    now = [0.0]
    pages = SitePages(f"s3://site/{PAGES_MANIFEST}", monotonic=lambda: now[0])
    assert "/index.html" not in pages  # not synced yet
    now[0] += RELOAD_SECONDS
    s3.put_object(Bucket="site", Key=PAGES_MANIFEST, Body=b'{"pages": ["/index.html"]}')
    assert "/index.html" in pages
    s3.put_object(Bucket="site", Key=PAGES_MANIFEST, Body=b'{"pages": ["/nieuw.html"]}')
    now[0] += RELOAD_SECONDS - 1
    assert "/index.html" in pages  # cached
    now[0] += 1
    assert "/nieuw.html" in pages and "/index.html" not in pages


def test_a_deployed_api_reads_the_list_its_stack_syncs(stage):
    from infra.deploy.resources import environment, lambda_policy

    env = environment(stage, frozenset({"PLEIN_SITE_PAGES"}), private=False)
    assert env["PLEIN_SITE_PAGES"] == {"Fn::Sub": f"s3://${{SiteBucket}}/{PAGES_MANIFEST}"}
    granted = [s for s in lambda_policy(stage, False)["Statement"] if s["Sid"] == "SitePages"]
    assert granted == [{"Sid": "SitePages", "Effect": "Allow", "Action": "s3:GetObject",
                        "Resource": {"Fn::Sub": f"${{SiteBucket.Arn}}/{PAGES_MANIFEST}"}}]


def test_plein_dev_takes_comments_and_hits_for_the_pages_it_serves(tmp_path, built_site):
    server = DevServer(tmp_path / "data", built_site).start()
    try:
        session = server.session()
        assert session.call("POST", "/api/auth/dev-login", {"email": DEMO_EMAIL})[0] == 200
        assert session.call("POST", "/api/hits", {"path": "/over-plein.html"})[0] == 204
        assert session.call("POST", "/api/pages/comments?path=/over-plein.html",
                            {"body": "Handig"})[0] == 201
        status, body = session.call("POST", "/api/hits", {"path": "/over.html"})
        assert (status, body["field"]) == (400, "path")  # a page of the tests' list, not this site
    finally:
        server.stop()
