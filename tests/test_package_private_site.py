"""A private stage: every page and photo needs CloudFront's signed cookies, except the sign-in
page and what it needs to show itself."""

import json

import pytest
from package_run import STAGES, lint_errors, statements

from infra.deploy import cloudfront, resources, stages


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
    path, _template = private_template
    assert lint_errors(path, "eu-central-1") == []


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
    granted = [s for s in statements(template, "AWS::IAM::Role") if s["Sid"] == "Secrets"][0]
    assert {"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:"
                       "parameter/plein/acc/cloudfront-private-key"} in granted["Resource"]


def test_a_stage_is_private_by_default_now_that_the_api_signs_site_cookies(template):
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    assert config["DefaultCacheBehavior"]["TrustedKeyGroups"] == [{"Ref": "SiteKeyGroup"}]
    assert "SiteKey" in template["Resources"]
