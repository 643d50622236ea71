"""`plein deploy` end to end: S3, SSM and STS are moto's server over HTTP; CloudFormation and
CloudFront answer from recordings of the real APIs, and fail on any call not expected."""

import json
import shutil
import urllib.request
from pathlib import Path

import pytest

from infra.deploy import sync
from infra.deploy.deploy import TEMPLATE_BODY_LIMIT, Aws, deploy, template_body
from infra.deploy.package import Package
from tests.recorded import ANY, Recorded

SITE_BUCKET = "plein-prod-sitebucket-1x2y3z4a5b6c"
ARTIFACTS = "plein-artifacts-123456789012-eu-west-1"  # moto's account
URL = "https://d111111abcdef8.cloudfront.net"
TABLE = "plein-prod-Table-1M2N3B4V5C6X"  # the stack output TableName in the recordings


@pytest.fixture
def pkg(built, tmp_path) -> Package:
    """A copy each test may change."""
    shutil.copytree(built.out, tmp_path / "pkg")
    return Package.read(tmp_path / "pkg")


def template_param(pkg: Package) -> str:
    """How the change set carries this package's template: inline while it fits, else by its
    S3 address (the stream, job functions and routes of notifications and events made the
    API's template larger than CloudFormation takes inline)."""
    body = template_body(pkg, ARTIFACTS, f"plein/{pkg.artifact_digest}.zip")
    return "TemplateBody" if len(body) <= TEMPLATE_BODY_LIMIT else "TemplateURL"


def sent_template(s3, params: dict) -> str:
    if "TemplateBody" in params:
        return params["TemplateBody"]
    key = params["TemplateURL"].split(".amazonaws.com/", 1)[1]
    return s3.get_object(Bucket=ARTIFACTS, Key=key)["Body"].read().decode()


@pytest.fixture
def fresh(aws):
    """An empty account, but for the stack's table: deploys sync official groups into it."""
    from chalicelib.models import TABLE_SCHEMA

    from infra.local.dynamo import ensure_table

    urllib.request.urlopen(urllib.request.Request(f"{aws.endpoint}/moto-api/reset",
                                                  method="POST")).read()
    ensure_table(aws.client("dynamodb"), TABLE, TABLE_SCHEMA)
    return aws


def clients(aws, cfn: Recorded, cloudfront: Recorded | None = None) -> Aws:
    return Aws(cloudformation=cfn.client, s3=aws.client("s3"), ssm=aws.client("ssm"),
               sts=aws.client("sts"), cloudfront=(cloudfront or Recorded("cloudfront")).client,
               dynamodb=aws.client("dynamodb"))


def site_bucket_holding(s3, site: Path) -> None:
    s3.create_bucket(Bucket=SITE_BUCKET,
                     CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    sync.apply(s3, SITE_BUCKET, site, sync.plan(site, {}), report=lambda _line: None)


def everything_in_s3(s3) -> dict:
    return {b["Name"]: sync.remote_etags(s3, b["Name"]) for b in s3.list_buckets()["Buckets"]}


def test_no_change_is_a_no_op_that_says_so(fresh, pkg, stage):
    s3 = fresh.client("s3")
    site_bucket_holding(s3, pkg.site_dir)
    cfn = Recorded(DEPLOY_HASH=pkg.deploy_hash).reply("describe_stacks",
                                                      "describe_stacks_update_complete")
    lines = []
    assert deploy(pkg, stage, clients(fresh, cfn), report=lines.append) == 0
    cfn.assert_done()
    assert "Nothing to deploy: stack and site are up to date." in "\n".join(lines)
    assert lines[-1].endswith(URL)


def test_content_only_change_updates_only_the_site(fresh, pkg, stage):
    s3 = fresh.client("s3")
    site_bucket_holding(s3, pkg.site_dir)
    page = pkg.site_dir / "over-plein.html"
    page.write_text(page.read_text().replace("</main>", "<p>Nieuw.</p></main>"))
    cfn = Recorded(DEPLOY_HASH=pkg.deploy_hash).reply("describe_stacks",
                                                      "describe_stacks_update_complete")
    cloudfront = Recorded("cloudfront").reply("create_invalidation", "create_invalidation", {
        "DistributionId": "E2QWRUHAPOMQZL",
        "InvalidationBatch": {"Paths": {"Quantity": 1, "Items": ["/over-plein.html"]},
                              "CallerReference": ANY}})
    lines = []
    deploy(pkg, stage, clients(fresh, cfn, cloudfront), report=lines.append)
    # Any stack call beyond describing it would have failed the recording.
    cfn.assert_done()
    cloudfront.assert_done()
    body = s3.get_object(Bucket=SITE_BUCKET, Key="over-plein.html")["Body"].read()
    assert b"<p>Nieuw.</p>" in body
    assert f"Deployed plein-prod: {URL}" in lines


def test_dry_run_on_a_changed_stack_previews_and_writes_nothing(fresh, pkg, stage):
    s3, ssm = fresh.client("s3"), fresh.client("ssm")
    site_bucket_holding(s3, pkg.site_dir)
    (pkg.site_dir / "nieuw.html").write_text("<h1>Nieuw</h1>")
    (pkg.site_dir / "contact.html").unlink()
    before = everything_in_s3(s3)
    cfn = Recorded(DEPLOY_HASH="an-older-hash")
    cfn.reply("describe_stacks", "describe_stacks_update_complete")
    # A change set needs the template inline or uploaded; a dry run uploads nothing, so a
    # template past the inline limit (ours, since notifications and events) is not previewed.
    inline = template_param(pkg) == "TemplateBody"
    if inline:
        cfn.reply("create_change_set", "create_change_set", {
            "StackName": "plein-prod", "ChangeSetName": ANY, "ChangeSetType": "UPDATE",
            "TemplateBody": ANY, "Capabilities": ANY, "Parameters": ANY, "Description": ANY})
        cfn.reply("describe_change_set", "describe_change_set_complete_page1")
        cfn.reply("describe_change_set", "describe_change_set_complete_page2")
        cfn.reply("delete_change_set", "delete_change_set")
    lines = []
    assert deploy(pkg, stage, clients(fresh, cfn), dry_run=True, report=lines.append) == 0
    cfn.assert_done()  # no execute_change_set was queued, so none can have happened
    text = "\n".join(lines)
    assert ("Update stack: 5 resource change(s)" if inline else
            "it is too large to preview without uploading it") in text
    assert "  + nieuw.html" in text and "  - contact.html" in text
    assert everything_in_s3(s3) == before
    assert ssm.describe_parameters()["Parameters"] == []


def test_dry_run_for_a_new_stack_lists_what_would_be_created(fresh, pkg, stage):
    cfn = Recorded().reply("describe_stacks", "describe_stacks_missing")
    lines = []
    deploy(pkg, stage, clients(fresh, cfn), dry_run=True, report=lines.append)
    cfn.assert_done()
    text = "\n".join(lines)
    assert "Create stack plein-prod in eu-west-1" in text
    assert "+ Table [AWS::DynamoDB::Table]" in text
    assert "+ Distribution [AWS::CloudFront::Distribution]" in text
    assert everything_in_s3(fresh.client("s3")) == {}


def test_a_changed_stack_is_updated_through_a_change_set(fresh, pkg, stage):
    s3, ssm = fresh.client("s3"), fresh.client("ssm")
    s3.create_bucket(Bucket=SITE_BUCKET,
                     CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    cfn = Recorded(DEPLOY_HASH=pkg.deploy_hash)
    cfn.reply("describe_stacks", "describe_stacks_update_complete", DEPLOY_HASH="older")
    cfn.reply("create_change_set", "create_change_set")
    cfn.reply("describe_change_set", "describe_change_set_complete_page1")
    cfn.reply("describe_change_set", "describe_change_set_complete_page2")
    cfn.reply("describe_stack_events", "describe_stack_events_before")
    cfn.reply("execute_change_set", "execute_change_set")
    cfn.reply("describe_stack_events", "describe_stack_events_update_ok")
    cfn.reply("describe_stacks", "describe_stacks_update_complete")
    cfn.reply("describe_stacks", "describe_stacks_update_complete")
    sent = {}
    cfn.client.meta.events.register("provide-client-params.cloudformation.CreateChangeSet",
                                    lambda params, **_: sent.update(params))
    lines = []
    deploy(pkg, stage, clients(fresh, cfn), report=lines.append, sleep=lambda _s: None)
    cfn.assert_done()
    text = "\n".join(lines)
    assert "Update stack: 5 resource change(s)" in text
    assert "UPDATE_COMPLETE" in text and f"Deployed plein-prod: {URL}" in text
    # The code went to the artifacts bucket under its content digest, and the template
    # points there; the session key was created as a SecureString and is not in the template.
    key = f"plein/{pkg.artifact_digest}.zip"
    assert s3.head_object(Bucket=ARTIFACTS, Key=key)["ContentLength"] > 0
    template = sent_template(s3, sent)
    body = json.loads(template)
    assert body["Resources"]["APIHandler"]["Properties"]["CodeUri"] == {
        "Bucket": ARTIFACTS, "Key": key}
    secret = ssm.get_parameter(Name="/plein/prod/session-secret", WithDecryption=True)
    assert secret["Parameter"]["Type"] == "SecureString"
    assert secret["Parameter"]["Value"] not in template
    assert sent["Parameters"] == [{"ParameterKey": "PublicOrigin", "ParameterValue": URL}]
    # and the site went up
    assert "index.html" in sync.remote_etags(s3, SITE_BUCKET)


def test_session_secret_is_created_once_and_never_replaced(fresh):
    from infra.deploy.deploy import ensure_secret

    ssm = fresh.client("ssm")
    assert ensure_secret(ssm, "/plein/prod/session-secret") is True
    first = ssm.get_parameter(Name="/plein/prod/session-secret", WithDecryption=True)
    assert ensure_secret(ssm, "/plein/prod/session-secret") is False
    again = ssm.get_parameter(Name="/plein/prod/session-secret", WithDecryption=True)
    assert again["Parameter"]["Value"] == first["Parameter"]["Value"]
    assert len(first["Parameter"]["Value"]) >= 48


def test_first_deploy_without_a_domain_tells_the_api_its_address(fresh, pkg, stage):
    s3 = fresh.client("s3")
    s3.create_bucket(Bucket=SITE_BUCKET,
                     CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    cfn = Recorded(DEPLOY_HASH=pkg.deploy_hash)
    cfn.reply("describe_stacks", "describe_stacks_missing")
    for created, origin in (("describe_stacks_create_complete", ""),
                            ("describe_stacks_update_complete", URL)):
        cfn.reply("create_change_set", "create_change_set", {
            "StackName": "plein-prod", "ChangeSetName": ANY,
            "ChangeSetType": "CREATE" if not origin else "UPDATE",
            template_param(pkg): ANY, "Capabilities": ANY, "Description": ANY,
            "Parameters": [{"ParameterKey": "PublicOrigin", "ParameterValue": origin}]})
        cfn.reply("describe_change_set", "describe_change_set_complete_page2")
        cfn.reply("describe_stack_events", "describe_stack_events_before")
        cfn.reply("execute_change_set", "execute_change_set")
        cfn.reply("describe_stack_events", "describe_stack_events_update_ok")
        cfn.reply("describe_stacks", created)
        cfn.reply("describe_stacks", created)
    lines = []
    deploy(pkg, stage, clients(fresh, cfn), report=lines.append, sleep=lambda _s: None)
    cfn.assert_done()
    text = "\n".join(lines)
    assert "Create stack: 3 resource change(s)" in text
    assert text.index("Telling the API its public address") < text.index("Update stack")
    assert f"Deployed plein-prod: {URL}" in lines


def test_a_template_too_large_to_send_inline_goes_by_s3(fresh):
    from infra.deploy.deploy import TEMPLATE_BODY_LIMIT, template_source

    s3 = fresh.client("s3")
    s3.create_bucket(Bucket=ARTIFACTS,
                     CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    clients = Aws(cloudformation=None, s3=s3, ssm=None, sts=None, cloudfront=None)
    small = json.dumps({"Resources": {}})
    assert template_source(clients, ARTIFACTS, small, "eu-west-1") == small
    large = json.dumps({"Description": "x" * TEMPLATE_BODY_LIMIT})
    source = template_source(clients, ARTIFACTS, large, "eu-west-1")
    key = source["TemplateURL"].split(".amazonaws.com/", 1)[1]
    assert source["TemplateURL"].startswith(f"https://{ARTIFACTS}.s3.eu-west-1.amazonaws.com/")
    assert s3.get_object(Bucket=ARTIFACTS, Key=key)["Body"].read().decode() == large


def test_template_without_a_domain_lints_clean_and_uses_cloudfronts_name(built):
    from cfnlint.api import ManualArgs, lint_file

    matches = lint_file(built.template_path, config=ManualArgs(regions=[built.region]))
    assert [m for m in matches if m.rule.id.startswith("E")] == []
    template = built.template()
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    assert config["ViewerCertificate"] == {"CloudFrontDefaultCertificate": True}
    assert "Aliases" not in config
    assert template["Outputs"]["Url"]["Value"] == {
        "Fn::Sub": "https://${Distribution.DomainName}"}


def test_site_cookie_key_is_made_once_and_only_its_public_half_leaves_ssm(fresh):
    from cryptography.hazmat.primitives import serialization

    from infra.deploy.deploy import site_public_key

    ssm, name = fresh.client("ssm"), "/plein/prod/cloudfront-private-key"
    assert site_public_key(ssm, name, create=False) == ""  # a dry run creates nothing
    assert ssm.describe_parameters()["Parameters"] == []
    public = site_public_key(ssm, name, create=True)
    assert public.startswith("-----BEGIN PUBLIC KEY-----") and "PRIVATE" not in public
    assert site_public_key(ssm, name, create=True) == public
    stored = ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]
    assert stored["Type"] == "SecureString"
    key = serialization.load_pem_private_key(stored["Value"].encode(), password=None)
    assert key.key_size == 2048
