"""The CloudFront distribution: one hostname for the site, the API, media and photo uploads.

Security headers are not written here: they come from the API's own `web/headers.py`, so the
pages CloudFront serves carry exactly what the API sends.
"""

from .stages import Stage
from .template import sub

# AWS-managed CloudFront policies (ids are fixed across accounts).
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"

# Chalice names its API Gateway stage "api" and its routes carry the /api prefix as well, so
# the viewer path /api/posts must reach <stage>/api/posts: the origin path is the stage.
API_ORIGIN_PATH = "/api"
# What CloudFront adds to every API request, and the API requires (web/origin.py): the random
# part of the stack's id, known to the template and nobody on the internet.
ORIGIN_HEADER = "X-Plein-Origin"
ORIGIN_SECRET = {"Fn::Select": [2, {"Fn::Split": ["/", {"Ref": "AWS::StackId"}]}]}

ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]

# The private site (see docs/security.md, "The private static site"): pages need CloudFront's
# signed cookies, which the API sets at sign-in; the sign-in page and what it shows are open.
SIGN_IN_PAGE = "/inloggen.html"
PRIVATE_SITE_SETTINGS = ("PLEIN_CLOUDFRONT_KEY_PAIR_ID", "PLEIN_CLOUDFRONT_PRIVATE_KEY_PARAM")

# Browsers post photo forms (presigned by the API) to this same-origin path; S3 takes a form
# upload only at the bucket's root, so a viewer-request function rewrites the path.
UPLOAD_PATH = "/upload"
UPLOAD_REWRITE = """function handler(event) {
  var request = event.request;
  request.uri = "/";
  return request;
}
"""

# Each language's home page is a folder's index (/en/ is /en/index.html): CloudFront's
# DefaultRootObject covers the root only, and S3 behind OAC knows no index documents.
SITE_INDEX = """function handler(event) {
  var request = event.request;
  if (request.uri.endsWith("/")) {
    request.uri += "index.html";
  }
  return request;
}
"""


def security_headers_config() -> dict:
    """CloudFront's shape for the same headers the API sends (web/headers.py)."""
    from chalicelib.web.headers import for_stage

    headers = dict(for_stage(is_local=False))
    config = {}
    if "Content-Security-Policy" in headers:
        config["ContentSecurityPolicy"] = {
            "ContentSecurityPolicy": headers.pop("Content-Security-Policy"), "Override": True}
    if headers.pop("X-Content-Type-Options", None) == "nosniff":
        config["ContentTypeOptions"] = {"Override": True}
    if "X-Frame-Options" in headers:
        config["FrameOptions"] = {"FrameOption": headers.pop("X-Frame-Options").upper(),
                                  "Override": True}
    if "Referrer-Policy" in headers:
        config["ReferrerPolicy"] = {"ReferrerPolicy": headers.pop("Referrer-Policy"),
                                    "Override": True}
    if "Strict-Transport-Security" in headers:
        parts = [p.strip() for p in headers.pop("Strict-Transport-Security").split(";")]
        max_age = next(int(p.split("=", 1)[1]) for p in parts if p.startswith("max-age="))
        config["StrictTransportSecurity"] = {
            "AccessControlMaxAgeSec": max_age, "Override": True,
            "IncludeSubdomains": "includeSubDomains" in parts, "Preload": "preload" in parts}
    custom = [{"Header": name, "Value": value, "Override": True}
              for name, value in sorted(headers.items())]
    return {"SecurityHeadersConfig": config, "CustomHeadersConfig": {"Items": custom}}


def public_paths() -> tuple[str, ...]:
    """What the sign-in page needs: itself (in every language), the theme, and the brand's
    logo and favicon."""
    import runpy

    from ..paths import ROOT

    conf = runpy.run_path(str(ROOT / "pelicanconf.py"))
    brand = [conf.get("BRAND_LOGO"), conf.get("BRAND_FAVICON")]
    root = conf.get("DEFAULT_LANG", "nl")
    translated = [f"/{lang}{SIGN_IN_PAGE}" for lang in conf.get("LANGUAGES", []) if lang != root]
    return (SIGN_IN_PAGE, *translated, "/theme/*", *(f"/{p.lstrip('/')}" for p in brand if p))


def _distribution(stage: Stage, private: bool) -> dict:
    s3_origin = {"S3OriginConfig": {"OriginAccessIdentity": ""}}
    behaviour = {
        "ViewerProtocolPolicy": "redirect-to-https",
        "Compress": True,
        "AllowedMethods": ["GET", "HEAD"],
        "CachedMethods": ["GET", "HEAD"],
        "CachePolicyId": CACHING_OPTIMIZED,
        "ResponseHeadersPolicyId": {"Ref": "SecurityHeaders"},
    }
    signed = {"TrustedKeyGroups": [{"Ref": "SiteKeyGroup"}]} if private else {}
    config = {
        "Enabled": True,
        "Comment": sub("Plein ${AWS::StackName}"),
        "HttpVersion": "http2and3",
        "IPV6Enabled": True,
        "PriceClass": "PriceClass_100",
        "DefaultRootObject": "index.html",
        # Access logs are the one place a viewer's IP address is kept: for the days the stage
        # sets (14 by default, as the privacy page says), to investigate faults and abuse.
        "Logging": {"Bucket": {"Fn::GetAtt": ["LogsBucket", "RegionalDomainName"]},
                    "IncludeCookies": False, "Prefix": "cloudfront/"},
        "Origins": [
            {"Id": "site", "DomainName": {"Fn::GetAtt": ["SiteBucket", "RegionalDomainName"]},
             "OriginAccessControlId": {"Fn::GetAtt": ["SiteAccess", "Id"]}, **s3_origin},
            {"Id": "media",
             "DomainName": {"Fn::GetAtt": ["UploadsBucket", "RegionalDomainName"]},
             "OriginAccessControlId": {"Fn::GetAtt": ["UploadsAccess", "Id"]}, **s3_origin},
            # The same bucket without OAC: the form carries its own signature (the API's
            # presigned POST policy), which CloudFront must pass on, not replace.
            {"Id": "upload",
             "DomainName": {"Fn::GetAtt": ["UploadsBucket", "RegionalDomainName"]},
             **s3_origin},
            {"Id": "api",
             "DomainName": sub("${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}"),
             "OriginPath": API_ORIGIN_PATH,
             "OriginCustomHeaders": [{"HeaderName": ORIGIN_HEADER,
                                      "HeaderValue": ORIGIN_SECRET}],
             "CustomOriginConfig": {"OriginProtocolPolicy": "https-only",
                                    "OriginSSLProtocols": ["TLSv1.2"]}},
        ],
        "DefaultCacheBehavior": {
            **behaviour, **signed, "TargetOriginId": "site",
            "FunctionAssociations": [{
                "EventType": "viewer-request",
                "FunctionARN": {"Fn::GetAtt": ["SiteIndex", "FunctionARN"]}}]},
        "CacheBehaviors": [
            *({**behaviour, "PathPattern": path, "TargetOriginId": "site"}
              for path in (public_paths() if private else ())),
            {**behaviour, "PathPattern": "/api/*", "TargetOriginId": "api",
             # API answers are per person: never cached, cookies and query strings forwarded.
             "ViewerProtocolPolicy": "https-only",
             "AllowedMethods": ALL_METHODS,
             "CachePolicyId": CACHING_DISABLED,
             "OriginRequestPolicyId": ALL_VIEWER_EXCEPT_HOST},
            {**behaviour, **signed, "PathPattern": "/media/*", "TargetOriginId": "media"},
            {**behaviour, "PathPattern": UPLOAD_PATH, "TargetOriginId": "upload",
             "ViewerProtocolPolicy": "https-only",
             "AllowedMethods": ALL_METHODS,
             "CachePolicyId": CACHING_DISABLED,
             "OriginRequestPolicyId": {"Ref": "UploadForwarding"},
             "FunctionAssociations": [{
                 "EventType": "viewer-request",
                 "FunctionARN": {"Fn::GetAtt": ["UploadRewrite", "FunctionARN"]}}]},
        ],
    }
    if private:
        # CloudFront's own 403 (no valid cookies) shows the sign-in page. This applies to the
        # whole distribution, so the API's 403s arrive as that page too (status kept).
        config["CustomErrorResponses"] = [{"ErrorCode": 403, "ResponseCode": 403,
                                           "ResponsePagePath": SIGN_IN_PAGE,
                                           "ErrorCachingMinTTL": 0}]
    if stage.domain:
        config["Aliases"] = [stage.domain]
        config["ViewerCertificate"] = {"AcmCertificateArn": stage.certificate_arn,
                                       "SslSupportMethod": "sni-only",
                                       "MinimumProtocolVersion": "TLSv1.2_2021"}
    else:
        # CloudFront fixes the default *.cloudfront.net certificate's policy at TLSv1 whatever
        # MinimumProtocolVersion says: TLS 1.2 as the minimum needs the stage's own domain
        # (docs/deploy.md). Current browsers negotiate TLS 1.2 or 1.3 with it regardless.
        config["ViewerCertificate"] = {"CloudFrontDefaultCertificate": True}
    return {"Type": "AWS::CloudFront::Distribution",
            "Properties": {"DistributionConfig": config}}


def _access_control(name: str) -> dict:
    return {"Type": "AWS::CloudFront::OriginAccessControl", "Properties": {
        "OriginAccessControlConfig": {
            "Name": sub(f"${{AWS::StackName}}-{name}"),
            "OriginAccessControlOriginType": "s3",
            "SigningBehavior": "always", "SigningProtocol": "sigv4"}}}


def _site_key() -> dict:
    """The public half of the key the API signs site cookies with; deploy passes it in (the
    private half is created in SSM by deploy and never leaves it)."""
    return {
        "SiteKey": {"Type": "AWS::CloudFront::PublicKey", "Properties": {"PublicKeyConfig": {
            "Name": sub("${AWS::StackName}-site-key"),
            "CallerReference": sub("${AWS::StackName}-site-key"),
            "EncodedKey": {"Ref": "SitePublicKey"},
            "Comment": "Verifies the site cookies set at sign-in"}}},
        "SiteKeyGroup": {"Type": "AWS::CloudFront::KeyGroup", "Properties": {"KeyGroupConfig": {
            "Name": sub("${AWS::StackName}-site"), "Items": [{"Ref": "SiteKey"}]}}},
    }


def resources(stage: Stage, private: bool) -> dict:
    """Everything CloudFront needs; the site key only when the site is private."""
    return {
        **(_site_key() if private else {}),
        "SiteAccess": _access_control("site"),
        "UploadsAccess": _access_control("media"),
        "SecurityHeaders": {"Type": "AWS::CloudFront::ResponseHeadersPolicy", "Properties": {
            "ResponseHeadersPolicyConfig": {
                "Name": sub("${AWS::StackName}-security-headers"),
                **security_headers_config()}}},
        "SiteIndex": {"Type": "AWS::CloudFront::Function", "Properties": {
            "Name": sub("${AWS::StackName}-site-index"),
            "AutoPublish": True,
            "FunctionCode": SITE_INDEX,
            "FunctionConfig": {"Comment": "/en/ is /en/index.html",
                               "Runtime": "cloudfront-js-2.0"}}},
        "UploadRewrite": {"Type": "AWS::CloudFront::Function", "Properties": {
            "Name": sub("${AWS::StackName}-upload-path"),
            "AutoPublish": True,
            "FunctionCode": UPLOAD_REWRITE,
            "FunctionConfig": {"Comment": "POST /upload goes to the bucket's root",
                               "Runtime": "cloudfront-js-2.0"}}},
        # The form's multipart boundary is in Content-Type; nothing else (no cookies)
        # needs to reach S3.
        "UploadForwarding": {"Type": "AWS::CloudFront::OriginRequestPolicy", "Properties": {
            "OriginRequestPolicyConfig": {
                "Name": sub("${AWS::StackName}-upload"),
                "HeadersConfig": {"HeaderBehavior": "whitelist",
                                  "Headers": ["Content-Type"]},
                "CookiesConfig": {"CookieBehavior": "none"},
                "QueryStringsConfig": {"QueryStringBehavior": "none"}}}},
        "Distribution": _distribution(stage, private),
    }
