"""`plein package`: a template that lints clean, has the security properties the issue asks
for, and is written without any call to AWS."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from infra.deploy import cloudfront, resources, stages
from infra.deploy.package import RUNTIME_PROVIDED, Package

ROOT = Path(__file__).resolve().parent.parent
STAGES = ROOT / "tests" / "data" / "stages.toml"


def offline_env() -> dict:
    """No credentials anywhere, and every AWS endpoint unroutable: any call would fail."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
                "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": "http://192.0.2.1:9",
                "AWS_MAX_ATTEMPTS": "1"})
    return env


def run_package(stage: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "infra.cli", "package", "--stage", stage, "--out", str(out),
         "--stages-file", str(STAGES)],
        cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def packaged(tmp_path_factory) -> Package:
    out = tmp_path_factory.mktemp("package") / "acc"
    result = run_package("acc", out)
    assert result.returncode == 0, result.stderr
    return Package.read(out)


@pytest.fixture(scope="module")
def template(packaged) -> dict:
    return packaged.template()


def test_package_needs_no_aws_account_and_writes_everything(packaged):
    # The fixture ran it without credentials and with AWS unreachable.
    assert packaged.template_path.exists() and packaged.artifact_path.exists()
    assert (packaged.site_dir / "index.html").exists()
    assert packaged.stack_name == "plein-acc" and packaged.region == "eu-central-1"


def test_package_never_replaces_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = run_package("acc", tmp_path)
    assert result.returncode == 1 and "holds no earlier package" in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_site_is_built_with_the_production_settings(packaged):
    html = (packaged.site_dir / "index.html").read_text()
    assert 'data-stage="acc"' in html


def test_template_passes_cfn_lint(packaged, tmp_path):
    from cfnlint.api import ManualArgs, lint_file

    def errors(path):
        matches = lint_file(path, config=ManualArgs(regions=[packaged.region]))
        return [f"{m.rule.id} {m.message}" for m in matches if m.rule.id.startswith("E")]

    assert errors(packaged.template_path) == []
    # ... and the linter does catch a broken one.
    broken = packaged.template()
    broken["Resources"]["Distribution"]["Properties"]["DistributionConfig"][
        "DefaultCacheBehavior"]["ViewerProtocolPolicy"] = "sometimes-https"
    (tmp_path / "broken.json").write_text(json.dumps(broken))
    assert errors(tmp_path / "broken.json")


def test_deploy_hash_is_stable_and_recorded_in_the_template(packaged, template, tmp_path):
    from infra.deploy.package import package

    assert template["Outputs"]["DeployHash"]["Value"] == packaged.deploy_hash
    # The site is not part of the hash (content changes only sync), so skip building it.
    again = package(stages.load("acc", STAGES), tmp_path / "again",
                    build_site=lambda *_args, **_kwargs: True)
    assert again.deploy_hash == packaged.deploy_hash


def test_table_comes_from_the_schema_and_is_kept_safe(template):
    from chalicelib.models.schema import TABLE_SCHEMA, TTL_ATTRIBUTE

    table = template["Resources"]["Table"]
    assert table["DeletionPolicy"] == table["UpdateReplacePolicy"] == "Retain"
    props = table["Properties"]
    keys = [k for k in TABLE_SCHEMA if k != "StreamSpecification"]
    assert {k: props[k] for k in keys} == {k: TABLE_SCHEMA[k] for k in keys}
    # The stream that notifications (and search) read, with both images, in CloudFormation's
    # form of the schema's StreamSpecification.
    assert props["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert TABLE_SCHEMA["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert props["DeletionProtectionEnabled"] is True
    assert props["TimeToLiveSpecification"] == {"AttributeName": TTL_ATTRIBUTE, "Enabled": True}


def _statements(template, resource_type):
    for resource in template["Resources"].values():
        if resource["Type"] == resource_type:
            policy = resource["Properties"].get("PolicyDocument")
            docs = [policy] if policy else [p["PolicyDocument"]
                                            for p in resource["Properties"].get("Policies", [])]
            for doc in docs:
                yield from doc["Statement"]


def test_buckets_are_private_and_read_only_by_this_distribution(template):
    res = template["Resources"]
    for name in ("SiteBucket", "UploadsBucket"):
        props = res[name]["Properties"]
        assert set(props["PublicAccessBlockConfiguration"].values()) == {True}
        assert "AccessControl" not in props and "WebsiteConfiguration" not in props
    assert res["UploadsBucket"]["DeletionPolicy"] == "Retain"
    rules = {r["Id"]: r for r in
             res["UploadsBucket"]["Properties"]["LifecycleConfiguration"]["Rules"]}
    # Originals hold EXIF: gone within a day, old versions included.
    assert rules["originals"]["Prefix"] == "originals/"
    assert rules["originals"]["ExpirationInDays"] == 1
    assert rules["originals"]["NoncurrentVersionExpiration"] == {"NoncurrentDays": 1}
    for statement in _statements(template, "AWS::S3::BucketPolicy"):
        if statement["Effect"] == "Allow":
            assert statement["Principal"] == {"Service": "cloudfront.amazonaws.com"}
            assert "distribution/${Distribution}" in \
                statement["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"]
    origins = {o["Id"]: o for o in
               res["Distribution"]["Properties"]["DistributionConfig"]["Origins"]}
    for origin, access in (("site", "SiteAccess"), ("media", "UploadsAccess")):
        assert origins[origin]["OriginAccessControlId"] == {"Fn::GetAtt": [access, "Id"]}
        assert origins[origin]["S3OriginConfig"] == {"OriginAccessIdentity": ""}
        assert res[access]["Properties"]["OriginAccessControlConfig"][
            "SigningBehavior"] == "always"


def test_https_only_everywhere(template):
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    behaviours = [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]
    assert {b["ViewerProtocolPolicy"] for b in behaviours} <= {"redirect-to-https", "https-only"}
    assert all(b["Compress"] for b in behaviours)
    api = next(o for o in config["Origins"] if o["Id"] == "api")
    assert api["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    assert config["ViewerCertificate"]["MinimumProtocolVersion"].startswith("TLSv1.2")


def test_api_behaviour_is_uncached_and_forwards_cookies(template):
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    api = next(b for b in config["CacheBehaviors"] if b["PathPattern"] == "/api/*")
    assert api["TargetOriginId"] == "api"
    assert api["CachePolicyId"] == cloudfront.CACHING_DISABLED
    assert api["OriginRequestPolicyId"] == cloudfront.ALL_VIEWER_EXCEPT_HOST
    assert {"POST", "DELETE", "PATCH", "PUT"} <= set(api["AllowedMethods"])
    # Chalice's stage is "api" and its routes start with /api too.
    origin = next(o for o in config["Origins"] if o["Id"] == "api")
    assert origin["OriginPath"] == "/api"
    assert template["Resources"]["RestAPI"]["Properties"]["StageName"] == "api"
    paths = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]["paths"]
    assert all(path.startswith("/api/") for path in paths)


def test_security_headers_are_the_ones_the_api_sends(template):
    from chalicelib.web.headers import for_stage

    policy = template["Resources"]["SecurityHeaders"]["Properties"][
        "ResponseHeadersPolicyConfig"]
    security = policy["SecurityHeadersConfig"]
    expected = for_stage(is_local=False)
    assert security["ContentSecurityPolicy"]["ContentSecurityPolicy"] == \
        expected["Content-Security-Policy"]
    assert security["FrameOptions"]["FrameOption"] == expected["X-Frame-Options"]
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == expected["Referrer-Policy"]
    assert f"max-age={security['StrictTransportSecurity']['AccessControlMaxAgeSec']}" in \
        expected["Strict-Transport-Security"]
    assert "ContentTypeOptions" in security
    custom = {h["Header"]: h["Value"] for h in policy["CustomHeadersConfig"]["Items"]}
    assert custom == {"Permissions-Policy": expected["Permissions-Policy"]}
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    for behaviour in [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]:
        assert behaviour["ResponseHeadersPolicyId"] == {"Ref": "SecurityHeaders"}


def test_lambda_policy_is_least_privilege(template):
    statements = list(_statements(template, "AWS::IAM::Role"))
    assert statements
    for statement in statements:
        actions = statement["Action"] if isinstance(statement["Action"], list) \
            else [statement["Action"]]
        assert "*" not in actions and not any(a.endswith(":*") for a in actions)
        targets = statement["Resource"] if isinstance(statement["Resource"], list) \
            else [statement["Resource"]]
        assert "*" not in targets
        if any(a.startswith("dynamodb:") for a in actions):
            assert "dynamodb:Scan" not in actions
            if statement["Sid"] == "Stream":  # reading the stream, and nothing else
                assert all(a.startswith("dynamodb:") and ("Stream" in a or "Records" in a
                           or "ShardIterator" in a) for a in actions)
                assert targets == [{"Fn::GetAtt": ["Table", "StreamArn"]}]
                continue
            assert targets == [{"Fn::GetAtt": ["Table", "Arn"]},
                               {"Fn::Sub": "${Table.Arn}/index/*"}]
    listing = [s for s in statements if s["Action"] == "s3:ListBucket"]
    assert [s["Condition"] for s in listing] == [{"StringLike": {"s3:prefix": "originals/*"}}]
    # Chalice's generated policy is replaced, not extended.
    policies = template["Resources"]["DefaultRole"]["Properties"]["Policies"]
    assert [p["PolicyName"] for p in policies] == ["PleinApi"]
    role = template["Resources"]["APIHandler"]["Properties"]["Role"]
    assert role == {"Fn::GetAtt": ["DefaultRole", "Arn"]}


def test_the_stream_handler_retries_bisects_and_keeps_what_fails(template):
    resources = template["Resources"]
    handler = resources["TableChanges"]["Properties"]
    assert handler["Handler"] == "app.table_changes" and handler["Timeout"] == 300
    events = handler["Events"]
    assert list(events) == ["TableChangesDynamodbEventSource"]
    mapping = events["TableChangesDynamodbEventSource"]
    assert mapping["Type"] == "DynamoDB"
    props = mapping["Properties"]
    # Chalice's placeholder is gone: the stream is our own table's.
    assert props["Stream"] == {"Fn::GetAtt": ["Table", "StreamArn"]}
    assert props["BisectBatchOnFunctionError"] is True
    assert 0 < props["MaximumRetryAttempts"] <= 10 and props["BatchSize"] == 100
    assert props["DestinationConfig"] == {"OnFailure": {
        "Destination": {"Fn::GetAtt": ["StreamFailures", "Arn"]}}}
    assert resources["StreamFailures"]["Type"] == "AWS::SQS::Queue"
    assert resources["StreamFailures"]["Properties"]["SqsManagedSseEnabled"] is True
    # The background functions run with the API's settings and role.
    api_env = resources["APIHandler"]["Properties"]["Environment"]
    for name in ("TableChanges", "Reminders"):
        assert resources[name]["Properties"]["Environment"] == api_env
        assert resources[name]["Properties"]["Role"] == {"Fn::GetAtt": ["DefaultRole", "Arn"]}
    reminders = resources["Reminders"]["Properties"]
    assert reminders["Handler"] == "app.reminders"
    assert reminders["Events"]["RemindersEvent"]["Properties"]["Schedule"] == "rate(1 hour)"
    statements = {s["Sid"]: s for s in _statements(template, "AWS::IAM::Role")}
    assert statements["StreamFailures"]["Resource"] == {"Fn::GetAtt": ["StreamFailures", "Arn"]}


def test_custom_domain_and_certificate_from_stage_config(template):
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    assert config["Aliases"] == ["plein-acc.voorbeeld.nl"]
    assert config["ViewerCertificate"]["SslSupportMethod"] == "sni-only"
    assert config["ViewerCertificate"]["AcmCertificateArn"].startswith("arn:aws:acm:us-east-1:")
    assert template["Outputs"]["Url"]["Value"] == "https://plein-acc.voorbeeld.nl"


def test_secrets_are_named_never_included(template, packaged):
    env = template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert env["PLEIN_SESSION_SECRET_PARAM"] == "/plein/acc/session-secret"
    assert "PLEIN_SESSION_SECRET" not in env
    assert env["PLEIN_STAGE"] == "acc" and env["PLEIN_TABLE"] == {"Ref": "Table"}
    granted = [s for s in _statements(template, "AWS::IAM::Role") if s["Sid"] == "Secrets"][0]
    assert {"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:"
                       "parameter/plein/acc/oidc-client-secret"} in granted["Resource"]


def test_lambda_artifact_leaves_out_what_the_runtime_provides(packaged):
    import zipfile

    with zipfile.ZipFile(packaged.artifact_path) as zf:
        tops = {name.split("/", 1)[0] for name in zf.namelist()}
    assert "app.py" in tops and "chalicelib" in tops and "pynamodb" in tops
    assert not tops & set(RUNTIME_PROVIDED)
    # With Pillow and cryptography it is about 7 MB; Lambda takes 50 MB zipped.
    assert packaged.artifact_path.stat().st_size < 20 * 1024 * 1024


def test_lambda_artifact_carries_the_compiled_catalogs(packaged):
    """The API's own words (notifications, mail) need the catalogs without Babel or the theme."""
    import gettext
    import io
    import zipfile

    with zipfile.ZipFile(packaged.artifact_path) as zf:
        nl = zf.read("chalicelib/translations/nl.mo")
    assert gettext.GNUTranslations(io.BytesIO(nl)).gettext("Sign in") == "Inloggen"


def test_stage_config_is_checked_with_clear_reasons():
    def parse(**stage):
        return stages.parse({"stages": {"x": stage}}, "x")

    assert parse().stack_name == "plein-x"
    assert stages.load("acc", STAGES).admin_emails == ("anna.de.vries@voorbeeld.nl",)
    with pytest.raises(stages.StageError, match="set both or neither"):
        parse(domain="plein.voorbeeld.nl")
    with pytest.raises(stages.StageError, match="us-east-1"):
        parse(domain="plein.voorbeeld.nl",
              certificate_arn="arn:aws:acm:eu-west-1:123456789012:certificate/abc")
    with pytest.raises(stages.StageError, match="unknown keys"):
        parse(session_secret="hunter2")
    with pytest.raises(stages.StageError, match="never the secret itself"):
        parse(oidc={"client_secret_param": "s3cr3t value"})
    with pytest.raises(stages.StageError, match="no stage 'y'"):
        stages.parse({"stages": {"x": {}}}, "y")
    with pytest.raises(stages.StageError, match="store it in SSM"):
        parse(settings={"PLEIN_OIDC_CLIENT_SECRET": "s3cr3t"})


def test_other_api_settings_pass_through_when_the_api_knows_them(template):
    env = template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert env["PLEIN_SESSION_HOURS"] == "10"
    stage = stages.parse({"stages": {"x": {"settings": {"PLEIN_NO_SUCH": "1"}}}}, "x")
    with pytest.raises(stages.StageError, match="the API has no such setting"):
        resources.merge_template(stage)
    stage = stages.parse({"stages": {"x": {"settings": {"PLEIN_TABLE": "mine"}}}}, "x")
    with pytest.raises(stages.StageError, match="set by the deploy itself"):
        resources.merge_template(stage)


def test_the_templates_table_is_created_by_cloudformation_on_moto(packaged, aws):
    """moto runs the table part of the template (it cannot run SAM or API Gateway)."""
    import secrets

    from chalicelib.models.schema import TABLE_SCHEMA

    template = {"AWSTemplateFormatVersion": "2010-09-09",
                "Resources": {"Table": packaged.template()["Resources"]["Table"]},
                "Outputs": {"TableName": {"Value": {"Ref": "Table"}}}}
    cfn, dynamodb = aws.client("cloudformation"), aws.client("dynamodb")
    stack = f"plein-table-{secrets.token_hex(3)}"
    cfn.create_stack(StackName=stack, TemplateBody=json.dumps(template))
    described = cfn.describe_stacks(StackName=stack)["Stacks"][0]
    assert described["StackStatus"] == "CREATE_COMPLETE"
    name = described["Outputs"][0]["OutputValue"]
    table = dynamodb.describe_table(TableName=name)["Table"]
    assert table["KeySchema"] == TABLE_SCHEMA["KeySchema"]
    assert sorted(i["IndexName"] for i in table["GlobalSecondaryIndexes"]) == ["gsi1", "gsi2"]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert table["DeletionProtectionEnabled"] is True
    assert table["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    # The access patterns work on it: an item in the feed partition comes back from gsi1.
    dynamodb.put_item(TableName=name, Item={k: {"S": v} for k, v in {
        "pk": "POST#01J", "sk": "POST", "gsi1pk": "FEED", "gsi1sk": "01J"}.items()})
    found = dynamodb.query(TableName=name, IndexName="gsi1",
                           KeyConditionExpression="gsi1pk = :feed",
                           ExpressionAttributeValues={":feed": {"S": "FEED"}})
    assert found["Count"] == 1


def test_photo_forms_posted_to_upload_reach_the_uploads_bucket_root(template):
    res = template["Resources"]
    config = res["Distribution"]["Properties"]["DistributionConfig"]
    upload = next(b for b in config["CacheBehaviors"] if b["PathPattern"] == "/upload")
    assert upload["ViewerProtocolPolicy"] == "https-only"
    assert "POST" in upload["AllowedMethods"]
    assert upload["CachePolicyId"] == cloudfront.CACHING_DISABLED
    origin = next(o for o in config["Origins"] if o["Id"] == upload["TargetOriginId"])
    assert origin["DomainName"] == {"Fn::GetAtt": ["UploadsBucket", "RegionalDomainName"]}
    # No OAC here: CloudFront must not replace the form's own signature with its own.
    assert "OriginAccessControlId" not in origin
    forwarding = res["UploadForwarding"]["Properties"]["OriginRequestPolicyConfig"]
    assert forwarding["CookiesConfig"] == {"CookieBehavior": "none"}  # no session cookie
    assert forwarding["HeadersConfig"]["Headers"] == ["Content-Type"]
    code = res["UploadRewrite"]["Properties"]["FunctionCode"]
    assert 'request.uri = "/"' in code
    assert upload["FunctionAssociations"][0]["EventType"] == "viewer-request"


def test_upload_rewrite_function_sends_the_form_to_the_bucket_root(tmp_path):
    """Runs the CloudFront Function's code (plain JavaScript) with Node when it is there."""
    import shutil

    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed")
    script = tmp_path / "run.js"
    script.write_text(cloudfront.UPLOAD_REWRITE + """
var out = handler({request: {method: "POST", uri: "/upload", querystring: {},
                             headers: {"content-type": {value: "multipart/form-data"}}}});
console.log(JSON.stringify(out));
""")
    result = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    request = json.loads(result.stdout)
    assert request["uri"] == "/" and request["method"] == "POST"
    assert request["headers"]["content-type"]["value"] == "multipart/form-data"


@pytest.fixture(scope="module")
def private_template(packaged, tmp_path_factory):
    """The template once the API can sign site cookies (its settings named in `known`): the
    private-site merge laid over the packaged template the way Chalice merges it."""
    from chalice.package import TemplateDeepMerger

    known = resources.api_settings() | set(cloudfront.PRIVATE_SITE_SETTINGS) | {
        "PLEIN_PUBLIC_URL"}
    merge = resources.merge_template(stages.load("acc", STAGES), known=frozenset(known))
    template = TemplateDeepMerger().merge(merge, packaged.template())
    path = tmp_path_factory.mktemp("private") / "template.json"
    path.write_text(json.dumps(template))
    return path, template


def test_private_site_template_lints_clean(private_template):
    from cfnlint.api import ManualArgs, lint_file

    path, _template = private_template
    matches = lint_file(path, config=ManualArgs(regions=["eu-central-1"]))
    assert [f"{m.rule.id} {m.message}" for m in matches if m.rule.id.startswith("E")] == []


def test_private_site_pages_need_signed_cookies_except_the_sign_in_page(private_template):
    _path, template = private_template
    res = template["Resources"]
    config = res["Distribution"]["Properties"]["DistributionConfig"]
    group = [{"Ref": "SiteKeyGroup"}]
    assert config["DefaultCacheBehavior"]["TrustedKeyGroups"] == group
    behaviours = {b["PathPattern"]: b for b in config["CacheBehaviors"]}
    assert behaviours["/media/*"]["TrustedKeyGroups"] == group
    for open_path in ("/inloggen.html", "/theme/*", "/images/logo.svg", "/images/favicon.svg",
                      "/api/*"):
        assert "TrustedKeyGroups" not in behaviours[open_path], open_path
        assert behaviours[open_path]["ViewerProtocolPolicy"] != "allow-all"
    assert config["CustomErrorResponses"] == [{
        "ErrorCode": 403, "ResponseCode": 403, "ResponsePagePath": "/inloggen.html",
        "ErrorCachingMinTTL": 0}]
    assert res["SiteKeyGroup"]["Properties"]["KeyGroupConfig"]["Items"] == [{"Ref": "SiteKey"}]
    assert res["SiteKey"]["Properties"]["PublicKeyConfig"]["EncodedKey"] == {
        "Ref": "SitePublicKey"}
    env = res["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert env["PLEIN_CLOUDFRONT_KEY_PAIR_ID"] == {"Ref": "SiteKey"}
    assert env["PLEIN_CLOUDFRONT_PRIVATE_KEY_PARAM"] == "/plein/acc/cloudfront-private-key"
    assert env["PLEIN_PUBLIC_URL"] == {"Ref": "PublicOrigin"}
    granted = [s for s in _statements(template, "AWS::IAM::Role") if s["Sid"] == "Secrets"][0]
    assert {"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:"
                       "parameter/plein/acc/cloudfront-private-key"} in granted["Resource"]


def test_a_stage_is_private_by_default_now_that_the_api_signs_site_cookies(template):
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    assert config["DefaultCacheBehavior"]["TrustedKeyGroups"] == [{"Ref": "SiteKeyGroup"}]
    assert "SiteKey" in template["Resources"]
