"""The distribution and its buckets: private origins, HTTPS only, the API uncached, the API's
security headers on every page, and photo uploads to the bucket root."""

import json
import subprocess

import pytest
from package_run import statements

from infra.deploy import cloudfront


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
    for statement in statements(template, "AWS::S3::BucketPolicy"):
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
    # Uncached answers are not compressed by CloudFront: API Gateway gzips them, for the
    # Accept-Encoding the origin request policy passes on.
    assert template["Resources"]["RestAPI"]["Properties"]["MinimumCompressionSize"] == 1000
    site = config["DefaultCacheBehavior"]
    assert site["Compress"] is True and site["CachePolicyId"] == cloudfront.CACHING_OPTIMIZED


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


def test_custom_domain_and_certificate_from_stage_config(template):
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    assert config["Aliases"] == ["plein-acc.voorbeeld.nl"]
    assert config["ViewerCertificate"]["SslSupportMethod"] == "sni-only"
    assert config["ViewerCertificate"]["AcmCertificateArn"].startswith("arn:aws:acm:us-east-1:")
    assert template["Outputs"]["Url"]["Value"] == "https://plein-acc.voorbeeld.nl"


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
