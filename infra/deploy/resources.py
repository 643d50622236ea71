"""The project's own resources, merged into Chalice's template by `chalice package`: the table,
the Lambda's settings and permissions, and the pieces from `buckets` and `cloudfront`.

The table's shape is not written here: it comes from the API's own `models/schema.py`, so
production cannot drift from what the tests exercise.
"""

import sys

from ..paths import FUNCTIONS
from . import buckets, cloudfront
from .cloudfront import PRIVATE_SITE_SETTINGS
from .stages import Stage, StageError
from .template import sub

if str(FUNCTIONS) not in sys.path:
    sys.path.insert(0, str(FUNCTIONS))

# What the API does with the table: item reads and writes, queries on the table and its
# indexes, transactions (which need the per-item actions). No scans, no table management.
TABLE_ACTIONS = (
    "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
    "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
)


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


def _parameter_arn(name: str) -> dict:
    return sub(f"arn:${{AWS::Partition}}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter{name}")


def lambda_policy(stage: Stage, private: bool) -> dict:
    """Written by hand: exactly what the handlers do, on exactly these resources."""
    params = [_parameter_arn(stage.session_secret_param), _parameter_arn(stage.vapid_key_param)]
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
        *mail_statements(stage),
    ]}


def mail_statements(stage: Stage) -> list[dict]:
    """Sending as the stage's sender identity (with its configuration set) only; the
    suppression-list lookup has no resource to narrow it to."""
    mail = stage.mail
    if not mail.sender:
        return []
    arn = "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}"
    resources = [sub(f"{arn}:identity/{mail.identity_name}")]
    if mail.configuration_set:
        resources.append(sub(f"{arn}:configuration-set/{mail.configuration_set}"))
    return [
        {"Sid": "Mail", "Effect": "Allow", "Action": "ses:SendEmail", "Resource": resources,
         "Condition": {"StringEquals": {"ses:FromAddress": mail.sender_address}}},
        {"Sid": "MailSuppression", "Effect": "Allow", "Action": "ses:GetSuppressedDestination",
         "Resource": "*"},
    ]


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
        "PLEIN_MAIL_SENDER": stage.mail.sender,
        "PLEIN_MAIL_CONFIGURATION_SET": stage.mail.configuration_set,
        "PLEIN_VAPID_PRIVATE_KEY_PARAM": stage.vapid_key_param,
        "PLEIN_VAPID_SUBJECT": f"mailto:{stage.mail.sender_address}" if stage.mail.sender
        else "",
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
            "Table": table(),
            "SiteBucket": buckets.private_bucket(retain=False),
            "UploadsBucket": buckets.private_bucket(retain=True),
            "SiteBucketPolicy": buckets.cloudfront_read_policy("SiteBucket", "*", list_bucket=True),
            # Only processed web sizes are public to signed-in pages; originals stay private.
            "UploadsBucketPolicy": buckets.cloudfront_read_policy("UploadsBucket", "media/*",
                                                                   list_bucket=False),
            **cloudfront.resources(stage, private),
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
