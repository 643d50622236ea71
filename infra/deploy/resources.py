"""The project's own resources, merged into Chalice's template by `chalice package`.

Table shape and security headers are not written here: they come from the API's own modules
(`models/schema.py`, `headers.py`), so production cannot drift from what the tests exercise.
"""

import sys

from ..paths import FUNCTIONS
from .stages import Stage, StageError

if str(FUNCTIONS) not in sys.path:
    sys.path.insert(0, str(FUNCTIONS))

# AWS-managed CloudFront policies (ids are fixed across accounts).
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"

# Chalice names its API Gateway stage "api" and its routes carry the /api prefix as well, so
# the viewer path /api/posts must reach <stage>/api/posts: the origin path is the stage.
API_ORIGIN_PATH = "/api"

# What the API does with the table: item reads and writes, queries on the table and its
# indexes, transactions (which need the per-item actions). No scans, no table management.
TABLE_ACTIONS = (
    "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
    "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
)
ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]

# The private site (see ARCHITECTURE.md, "The private static site"): pages need CloudFront's
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


def sub(text: str) -> dict:
    return {"Fn::Sub": text}


def _private_bucket(retain: bool) -> dict:
    bucket = {
        "Type": "AWS::S3::Bucket",
        "Properties": {
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True, "BlockPublicPolicy": True,
                "IgnorePublicAcls": True, "RestrictPublicBuckets": True,
            },
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
            "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
        },
    }
    if retain:
        bucket["DeletionPolicy"] = bucket["UpdateReplacePolicy"] = "Retain"
        bucket["Properties"]["VersioningConfiguration"] = {"Status": "Enabled"}
        bucket["Properties"]["LifecycleConfiguration"] = {"Rules": [
            # Originals carry EXIF (location) and are deleted once processed; an upload that
            # never made it into a post goes after a day, and so does every old version.
            {"Id": "originals", "Status": "Enabled", "Prefix": "originals/",
             "ExpirationInDays": 1,
             "NoncurrentVersionExpiration": {"NoncurrentDays": 1},
             "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}},
            # Versions keep a deleted photo restorable for a month, then it is gone.
            {"Id": "old-versions", "Status": "Enabled",
             "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
             "ExpiredObjectDeleteMarker": True},
        ]}
    return bucket


def _cloudfront_read_policy(bucket: str, objects: str, list_bucket: bool) -> dict:
    """Only this distribution may read, and only over TLS."""
    source = {"StringEquals": {"AWS:SourceArn": sub(
        "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}")}}
    statements = [{
        "Sid": "CloudFrontReads", "Effect": "Allow",
        "Principal": {"Service": "cloudfront.amazonaws.com"},
        "Action": "s3:GetObject", "Resource": sub(f"${{{bucket}.Arn}}/{objects}"),
        "Condition": source,
    }]
    if list_bucket:
        # Lets S3 answer 404 rather than 403 for a page that does not exist.
        statements.append({
            "Sid": "CloudFrontLists", "Effect": "Allow",
            "Principal": {"Service": "cloudfront.amazonaws.com"},
            "Action": "s3:ListBucket", "Resource": sub(f"${{{bucket}.Arn}}"),
            "Condition": source,
        })
    statements.append({
        "Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [sub(f"${{{bucket}.Arn}}"), sub(f"${{{bucket}.Arn}}/*")],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    })
    return {"Type": "AWS::S3::BucketPolicy", "Properties": {
        "Bucket": {"Ref": bucket},
        "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
    }}


def table() -> dict:
    from chalicelib.models.schema import TABLE_SCHEMA, TTL_ATTRIBUTE

    return {
        "Type": "AWS::DynamoDB::Table",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            **TABLE_SCHEMA,
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            "DeletionProtectionEnabled": True,
            "SSESpecification": {"SSEEnabled": True},
            "TimeToLiveSpecification": {"AttributeName": TTL_ATTRIBUTE, "Enabled": True},
        },
    }


def security_headers_config() -> dict:
    """CloudFront's shape for the same headers the API sends (headers.py)."""
    from chalicelib.headers import for_stage

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
    """What the sign-in page needs: itself, the theme, and the brand's logo and favicon."""
    import runpy

    from ..paths import ROOT

    conf = runpy.run_path(str(ROOT / "pelicanconf.py"))
    brand = [conf.get("BRAND_LOGO"), conf.get("BRAND_FAVICON")]
    return (SIGN_IN_PAGE, "/theme/*", *(f"/{p.lstrip('/')}" for p in brand if p))


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
             "CustomOriginConfig": {"OriginProtocolPolicy": "https-only",
                                    "OriginSSLProtocols": ["TLSv1.2"]}},
        ],
        "DefaultCacheBehavior": {**behaviour, **signed, "TargetOriginId": "site"},
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
        config["ViewerCertificate"] = {"CloudFrontDefaultCertificate": True}
    return {"Type": "AWS::CloudFront::Distribution",
            "Properties": {"DistributionConfig": config}}


def _access_control(name: str) -> dict:
    return {"Type": "AWS::CloudFront::OriginAccessControl", "Properties": {
        "OriginAccessControlConfig": {
            "Name": sub(f"${{AWS::StackName}}-{name}"),
            "OriginAccessControlOriginType": "s3",
            "SigningBehavior": "always", "SigningProtocol": "sigv4"}}}


def _parameter_arn(name: str) -> dict:
    return sub(f"arn:${{AWS::Partition}}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter{name}")


def lambda_policy(stage: Stage, private: bool) -> dict:
    """Written by hand: exactly what the handlers do, on exactly these resources."""
    params = [_parameter_arn(stage.session_secret_param)]
    if private:
        params.append(_parameter_arn(stage.site_key_param))
    if stage.oidc.client_secret_param:
        params.append(_parameter_arn(stage.oidc.client_secret_param))
    return {"Version": "2012-10-17", "Statement": [
        {"Sid": "Logs", "Effect": "Allow",
         "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
         "Resource": sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:"
                         "log-group:/aws/lambda/${AWS::StackName}-*")},
        {"Sid": "Table", "Effect": "Allow", "Action": list(TABLE_ACTIONS),
         "Resource": [{"Fn::GetAtt": ["Table", "Arn"]}, sub("${Table.Arn}/index/*")]},
        {"Sid": "Uploads", "Effect": "Allow",
         "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
         "Resource": sub("${UploadsBucket.Arn}/*")},
        # Deleting an account finds the uploads its person never attached by their prefix.
        {"Sid": "Originals", "Effect": "Allow", "Action": "s3:ListBucket",
         "Resource": {"Fn::GetAtt": ["UploadsBucket", "Arn"]},
         "Condition": {"StringLike": {"s3:prefix": "originals/*"}}},
        {"Sid": "Secrets", "Effect": "Allow", "Action": "ssm:GetParameter",
         "Resource": params},
    ]}


def api_settings() -> frozenset[str]:
    from chalicelib.settings import SETTINGS

    return frozenset(name for name, _default, _help in SETTINGS)


def environment(stage: Stage, known: frozenset[str], private: bool) -> dict:
    """The Lambda's settings (see chalicelib/settings.py); secrets are named, never inlined."""
    env = {
        "PLEIN_STAGE": stage.name,
        "PLEIN_TABLE": {"Ref": "Table"},
        "PLEIN_REGION": {"Ref": "AWS::Region"},
        "PLEIN_SESSION_SECRET_PARAM": stage.session_secret_param,
        "PLEIN_UPLOADS_BUCKET": {"Ref": "UploadsBucket"},
        # Behind CloudFront the API sees API Gateway's host name, so the public origin is
        # passed in for the Origin check (a parameter: the distribution's name is only known
        # once it exists, and referring to it here would be a dependency cycle).
        "PLEIN_ALLOWED_ORIGINS": {"Ref": "PublicOrigin"},
        "PLEIN_ADMIN_EMAILS": ",".join(stage.admin_emails),
        "PLEIN_OIDC_ISSUER": stage.oidc.issuer,
        "PLEIN_OIDC_CLIENT_ID": stage.oidc.client_id,
        "PLEIN_OIDC_CLIENT_SECRET_PARAM": stage.oidc.client_secret_param,
        "PLEIN_PUBLIC_URL": {"Ref": "PublicOrigin"},
    }
    if private:
        env["PLEIN_CLOUDFRONT_KEY_PAIR_ID"] = {"Ref": "SiteKey"}
        env["PLEIN_CLOUDFRONT_PRIVATE_KEY_PARAM"] = stage.site_key_param
    for name, value in stage.settings:
        if name in env:
            raise StageError(f"[stages.{stage.name}.settings] {name} is set by the deploy "
                             "itself; leave it out")
        if name not in known:
            raise StageError(f"[stages.{stage.name}.settings] {name}: the API has no such "
                             "setting (see functions/chalicelib/settings.py)")
        env[name] = value
    # A value is only passed on once the API has a setting for it.
    return {k: v for k, v in env.items() if k in known and v != ""}


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


def merge_template(stage: Stage, known: frozenset[str] | None = None) -> dict:
    """`known` are the API's setting names: the private site is built only when the API can
    sign its cookies, since otherwise nobody could open a page."""
    known = api_settings() if known is None else known
    private = stage.private_site and all(name in known for name in PRIVATE_SITE_SETTINGS)
    parameters = {"PublicOrigin": {
        "Type": "String", "Default": "",
        "Description": "https://<host> the browser uses; set by plein deploy"}}
    if private:
        parameters["SitePublicKey"] = {
            "Type": "String", "Description": "PEM public key for site cookies; set by deploy"}
    return {
        "Description": f"Plein intranet, stage {stage.name}",
        "Parameters": parameters,
        "Resources": {
            **(_site_key() if private else {}),
            "Table": table(),
            "SiteBucket": _private_bucket(retain=False),
            "UploadsBucket": _private_bucket(retain=True),
            "SiteBucketPolicy": _cloudfront_read_policy("SiteBucket", "*", list_bucket=True),
            # Only processed web sizes are public to signed-in pages; originals stay private.
            "UploadsBucketPolicy": _cloudfront_read_policy("UploadsBucket", "media/*",
                                                           list_bucket=False),
            "SiteAccess": _access_control("site"),
            "UploadsAccess": _access_control("media"),
            "SecurityHeaders": {"Type": "AWS::CloudFront::ResponseHeadersPolicy", "Properties": {
                "ResponseHeadersPolicyConfig": {
                    "Name": sub("${AWS::StackName}-security-headers"),
                    **security_headers_config()}}},
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
            "RestAPI": {"Properties": {"EndpointConfiguration": "REGIONAL"}},
            "APIHandler": {"Properties": {
                "MemorySize": 512, "Timeout": 29,
                "Environment": {"Variables": environment(stage, known, private)}}},
            "DefaultRole": {"Properties": {"Policies": [
                {"PolicyName": "PleinApi", "PolicyDocument": lambda_policy(stage, private)}]}},
        },
        "Outputs": {
            "Url": {"Value": f"https://{stage.domain}" if stage.domain
                    else sub("https://${Distribution.DomainName}")},
            "DistributionDomain": {"Value": {"Fn::GetAtt": ["Distribution", "DomainName"]}},
            "DistributionId": {"Value": {"Ref": "Distribution"}},
            "SiteBucket": {"Value": {"Ref": "SiteBucket"}},
            "UploadsBucket": {"Value": {"Ref": "UploadsBucket"}},
            "TableName": {"Value": {"Ref": "Table"}},
        },
    }
