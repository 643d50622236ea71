"""Site upload against moto's S3 over HTTP: headers, changed files only, stale files gone."""

import secrets

import pytest

from infra.deploy import sync


@pytest.fixture
def s3(aws):
    return aws.client("s3")


@pytest.fixture
def bucket(s3):
    name = f"plein-site-{secrets.token_hex(4)}"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    return name


def write(root, files: dict):
    for key, text in files.items():
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())


SITE = {
    "index.html": "<h1>Plein</h1>",
    "nieuws/fietsplan.html": "<h1>Fietsplan</h1>",
    "theme/css/plein.css": "body{}",
    "theme/js/stream.js": "export {}",
    "images/logo.svg": "<svg/>",
    "images/hero.jpg": b"\xff\xd8\xff\xe0jpeg",
    "pagefind/fragment/nl_4c1f0a2.pf_fragment": b"\x00\x01",
}


def sync_once(s3, bucket, site):
    todo = sync.plan(site, sync.remote_etags(s3, bucket), sync.remote_rules(s3, bucket))
    sync.apply(s3, bucket, site, todo, report=lambda _line: None)
    return todo


def test_first_upload_sends_everything_with_the_right_headers(s3, bucket, tmp_path):
    write(tmp_path, SITE)
    todo = sync_once(s3, bucket, tmp_path)
    assert sorted(todo.upload) == sorted(SITE) and not todo.changed and not todo.delete
    head = {key: s3.head_object(Bucket=bucket, Key=key) for key in SITE}
    assert head["index.html"]["ContentType"] == "text/html; charset=utf-8"
    assert head["theme/js/stream.js"]["ContentType"] == "text/javascript; charset=utf-8"
    assert head["theme/css/plein.css"]["ContentType"] == "text/css; charset=utf-8"
    assert head["images/logo.svg"]["ContentType"] == "image/svg+xml"
    assert head["images/hero.jpg"]["ContentType"] == "image/jpeg"
    # Pages revalidate; a fingerprinted file is kept for a year.
    assert head["index.html"]["CacheControl"] == sync.REVALIDATE
    assert head["theme/js/stream.js"]["CacheControl"] == sync.REVALIDATE
    assert head["pagefind/fragment/nl_4c1f0a2.pf_fragment"]["CacheControl"] == sync.IMMUTABLE
    assert "immutable" in sync.IMMUTABLE and "must-revalidate" in sync.REVALIDATE


def test_second_sync_of_the_same_site_does_nothing(s3, bucket, tmp_path):
    write(tmp_path, SITE)
    sync_once(s3, bucket, tmp_path)
    again = sync.plan(tmp_path, sync.remote_etags(s3, bucket), sync.remote_rules(s3, bucket))
    assert again.empty and again.unchanged == len(SITE)
    assert sync.invalidation_paths(again) == []


def test_only_changes_are_sent_stale_files_deleted_and_changed_paths_invalidated(
        s3, bucket, tmp_path):
    write(tmp_path, SITE)
    sync_once(s3, bucket, tmp_path)
    write(tmp_path, {"nieuws/fietsplan.html": "<h1>Fietsplan 2027</h1>",
                     "nieuws/nieuw.html": "<h1>Nieuw</h1>"})
    (tmp_path / "images" / "hero.jpg").unlink()
    todo = sync_once(s3, bucket, tmp_path)
    assert todo.upload == ["nieuws/fietsplan.html", "nieuws/nieuw.html"]
    assert todo.changed == ["nieuws/fietsplan.html"]
    assert todo.delete == ["images/hero.jpg"]
    remote = sync.remote_etags(s3, bucket)
    assert "images/hero.jpg" not in remote and "nieuws/nieuw.html" in remote
    body = s3.get_object(Bucket=bucket, Key="nieuws/fietsplan.html")["Body"].read()
    assert body == b"<h1>Fietsplan 2027</h1>"
    # A new page was never cached, so it is not invalidated.
    assert sync.invalidation_paths(todo) == ["/images/hero.jpg", "/nieuws/fietsplan.html"]


def test_new_header_rules_rewrite_every_file_once(s3, bucket, tmp_path):
    write(tmp_path, SITE)
    sync_once(s3, bucket, tmp_path)
    assert sync.remote_rules(s3, bucket) == sync.RULES
    # As if the bucket had been synced by a version with other rules:
    s3.copy_object(Bucket=bucket, Key="index.html", CopySource=f"{bucket}/index.html",
                   Metadata={"plein-rules": "older"}, MetadataDirective="REPLACE",
                   ContentType="text/html")
    todo = sync.plan(tmp_path, sync.remote_etags(s3, bucket), sync.remote_rules(s3, bucket))
    assert sorted(todo.upload) == sorted(SITE) == sorted(todo.changed)
    sync.apply(s3, bucket, tmp_path, todo, report=lambda _line: None)
    assert s3.head_object(Bucket=bucket, Key="index.html")["ContentType"] == \
        "text/html; charset=utf-8"
    assert sync_once(s3, bucket, tmp_path).empty


def test_home_page_change_also_invalidates_the_root():
    todo = sync.SyncPlan(upload=["index.html"], changed=["index.html"])
    assert sync.invalidation_paths(todo) == ["/", "/index.html"]


def test_many_changes_become_one_wildcard():
    keys = [f"nieuws/{n}.html" for n in range(sync.MAX_INVALIDATION_PATHS + 1)]
    assert sync.invalidation_paths(sync.SyncPlan(upload=keys, changed=keys)) == ["/*"]


def test_content_types_and_cache_rules():
    assert sync.content_type("data/feed.json") == "application/json"
    assert sync.content_type("fonts/x.woff2") == "font/woff2"
    assert sync.content_type("pagefind/pagefind.wasm") == "application/wasm"
    assert sync.content_type("unknown.blob") == "application/octet-stream"
    assert sync.cache_control("theme/css/plein.3f2a9c1d.css") == sync.IMMUTABLE
    assert sync.cache_control("nieuws/2026-fietsplan.html") == sync.REVALIDATE
    assert sync.cache_control("theme/css/plein.css") == sync.REVALIDATE
