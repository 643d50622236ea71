"""Shared fixtures. One embedded AWS endpoint (moto's server, over HTTP) serves the session;
each test starts from an empty table."""

import os
import secrets
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from oidc_issuer import LoopbackIssuer

from infra.local import env
from infra.local.dynamo import EmbeddedAws, ensure_table
from infra.local.meter import CallMeter

ROOT = Path(__file__).resolve().parent.parent

TABLE = "plein-test"
HOST = "plein.test"
ORIGIN = f"http://{HOST}"
_aws = EmbeddedAws()
_meter: CallMeter | None = None
_issuer = LoopbackIssuer()
# The key pair whose public half CloudFront would trust; tests verify site cookies with it.
_site_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pytest_configure(config):
    # Settings are read at import, so the endpoint must be known before any test module
    # imports the app. The API talks to moto through a meter that counts DynamoDB calls.
    global _meter
    _aws.start()
    _meter = CallMeter(_aws.endpoint)
    # As `plein dev` does: the API tests sign in through the demo routes too.
    env.configure(_meter.endpoint, TABLE, secrets.token_urlsafe(32), s3_endpoint=_aws.endpoint,
                  demo_signin=True)
    _issuer.start()
    pem = _site_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()).decode()
    os.environ.update({
        "PLEIN_OIDC_ISSUER": _issuer.url, "PLEIN_OIDC_CLIENT_ID": _issuer.client_id,
        "PLEIN_OIDC_CLIENT_SECRET": _issuer.client_secret,
        "PLEIN_OIDC_ALLOWED_DOMAINS": "voorbeeld.nl", "PLEIN_ADMIN_GROUP": "plein-admins",
        "PLEIN_CONTENT_MANAGER_EMAILS": "redactie@voorbeeld.nl",
        "PLEIN_CLOUDFRONT_KEY_PAIR_ID": "K2TESTKEYPAIR", "PLEIN_CLOUDFRONT_PRIVATE_KEY": pem,
        # High enough for tests that post in bulk; the limit itself is tested with low ones.
        "PLEIN_RATE_LIMITS": "post=1000/60,comment=1000/60,upload=1000/60,hit=1000/60,"
                             "photo=1000/60,group=1000/60,like=1000/60,profile=1000/60",
        # The pages the API tests comment on and count; `plein dev` names its own site's list.
        "PLEIN_SITE_PAGES": str(ROOT / "tests" / "data" / "site-pages.json"),
    })
    # Web Push is signed as `plein dev` signs it: with a key made for this run.
    from infra.local.delivery import new_vapid_pem

    os.environ["PLEIN_VAPID_PRIVATE_KEY"] = new_vapid_pem()


def pytest_unconfigure(config):
    _issuer.stop()
    _meter.stop()
    _aws.stop()


@pytest.fixture(scope="session")
def aws():
    return _aws


@pytest.fixture
def issuer():
    """The loopback OpenID provider the app is configured with, reset for this test. The
    app's cached discovery document goes too: tests change what the provider advertises."""
    from chalicelib.domain import oidc

    _issuer.reset()
    oidc._discovery.cache_clear()
    yield _issuer
    _issuer.reset()
    oidc._discovery.cache_clear()


@pytest.fixture(scope="session")
def site_public_key():
    return _site_key.public_key()


@pytest.fixture(scope="session")
def dynamodb(aws):
    return aws.client("dynamodb")


@pytest.fixture
def table(aws, dynamodb):
    """An empty table for this test."""
    import urllib.request

    urllib.request.urlopen(urllib.request.Request(f"{aws.endpoint}/moto-api/reset",
                                                  method="POST")).read()
    from chalicelib.models import TABLE_SCHEMA

    ensure_table(dynamodb, TABLE, TABLE_SCHEMA)
    return TABLE


@pytest.fixture
def bucket(aws, table):
    """The empty uploads bucket (the table fixture's reset empties S3 too)."""
    aws.client("s3").create_bucket(Bucket=env.UPLOADS_BUCKET, CreateBucketConfiguration={
        "LocationConstraint": "eu-west-1"})
    return env.UPLOADS_BUCKET


@pytest.fixture
def meter(table):
    """Counts the DynamoDB operations the API makes; starts at zero."""
    _meter.reset()
    return _meter


@pytest.fixture
def app(table):
    return env.load_app()


@pytest.fixture
def client(app):
    from chalice.test import Client

    with Client(app, stage_name="local", project_dir=str(ROOT / "functions")) as c:
        yield c


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start=None):
        from datetime import UTC, datetime

        self.now = start or datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.now

    def advance(self, **delta):
        from datetime import timedelta

        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def make_person(table):
    from chalicelib.clock import system_clock
    from chalicelib.domain import people
    from chalicelib.ids import new_id

    counter = iter(range(1, 10_000))

    def make(role="employee", name=None, **fields):
        n = next(counter)
        fields = {"email": f"person{n}@voorbeeld.nl", "name": name or f"Collega {n}",
                  "role": role, **fields}
        return people.create(fields, system_clock, new_id)

    return make


def headers_for(person=None, **extra) -> dict:
    """Headers of a same-origin JSON request, signed in as `person` when given."""
    from chalicelib.clock import system_clock
    from chalicelib.domain import sessions

    headers = {"host": HOST, "origin": ORIGIN, "content-type": "application/json"}
    if person is not None:
        headers["cookie"] = f"{sessions.COOKIE}={sessions.issue(person.id, system_clock())}"
    headers.update(extra)
    return headers


@pytest.fixture
def as_person():
    return headers_for


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site with the demo content, built once for the tests that serve it. Its search
    index is cut into shards of three pages, so that the browser merges several of them as it
    does on a site with thousands of articles."""
    from infra import site

    out = tmp_path_factory.mktemp("site")
    assert site.build(output=out, shard_pages=3)
    return out


@pytest.fixture(scope="session")
def stage():
    """The recorded production stage the deploy tests run against."""
    from infra.deploy import stages

    return stages.load("prod", ROOT / "tests" / "data" / "stages.toml")


@pytest.fixture(scope="session")
def built(stage, tmp_path_factory):
    """One real `plein package` for every deploy test: it takes most of a minute."""
    from infra.deploy.package import package

    return package(stage, tmp_path_factory.mktemp("deploy") / "pkg")


@pytest.fixture(scope="session")
def packaged(tmp_path_factory):
    """One `plein package` run (stage acc, offline) shared by every package test: it builds
    the site and the Lambda artifact, which takes a while."""
    from package_run import run_package

    from infra.deploy.package import Package

    out = tmp_path_factory.mktemp("package") / "acc"
    result = run_package("acc", out)
    assert result.returncode == 0, result.stderr
    return Package.read(out)


@pytest.fixture(scope="session")
def template(packaged) -> dict:
    return packaged.template()


@pytest.fixture
def stream(aws, table, app):
    """The table's stream, read from this test's start: `stream.drain()` hands everything
    written since to the handler Lambda runs (`app.table_changes`), synchronously."""
    import app as app_module

    from infra.local.streams import TableStream

    return TableStream(aws.client("dynamodb"), aws.client("dynamodbstreams"), table,
                       app_module.table_changes).start()
