"""The project's own resources, merged into Chalice's template by `chalice package`: the table,
the Lambda's settings and permissions, and the pieces from `buckets` and `cloudfront`.

The table's shape is not written here: it comes from the API's own `models/schema.py`, so
production cannot drift from what the tests exercise.
"""

import sys

from ..paths import FUNCTIONS, PAGES_MANIFEST
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

# The smallest answer API Gateway gzips: CloudFront's own threshold for the site's files, so
# `plein dev` (infra/local/compress.py) can treat both alike.
API_MIN_COMPRESSION = 1_000

# Chalice's names for the stream handler and its event source (app.py's `table_changes`):
# the merge template adds to exactly these.
STREAM_FUNCTION = "TableChanges"
STREAM_EVENT = "TableChangesDynamodbEventSource"
# How the stream's event source mapping treats a batch whose handler fails: halve it until
# the failing record is alone, retry a few times, then describe it on the failure queue
# rather than block the shard (records live 24 hours in the stream).
STREAM_MAPPING = {"BatchSize": 100, "BisectBatchOnFunctionError": True,
                  "MaximumRetryAttempts": 5, "MaximumRecordAgeInSeconds": 6 * 3600,
                  "StartingPosition": "TRIM_HORIZON"}


def table() -> dict:
    from chalicelib.models.schema import TABLE_SCHEMA, TTL_ATTRIBUTE

    # CloudFormation's StreamSpecification has the view type only (CreateTable also wants
    # StreamEnabled).
    schema = {**TABLE_SCHEMA, "StreamSpecification": {
        "StreamViewType": TABLE_SCHEMA["StreamSpecification"]["StreamViewType"]}}
    return {
        "Type": "AWS::DynamoDB::Table",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            **schema,
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            "DeletionProtectionEnabled": True,
            "SSESpecification": {"SSEEnabled": True},
            "TimeToLiveSpecification": {"AttributeName": TTL_ATTRIBUTE, "Enabled": True},
        },
    }


STREAM_ACTIONS = ("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                  "dynamodb:ListStreams")


def job_functions() -> list[str]:
    """Chalice's function names for the scheduled jobs: app.py names each `@app.schedule`
    after its job in `background/jobs.py` (`reminders` becomes `Reminders`)."""
    from chalicelib.background.jobs import JOBS

    return ["".join(part.title() for part in name.split("_")) for name in sorted(JOBS)]


def background(env: dict) -> dict:
    """The stream handler and the scheduled jobs: the API's settings, more time than a
    request (a post to 1,000 followers is about 30 batches), the stream from our table."""
    functions = {name: {"Properties": {"MemorySize": 512, "Timeout": 300,
                                       "Environment": {"Variables": env}}}
                 for name in (STREAM_FUNCTION, *job_functions())}
    functions[STREAM_FUNCTION]["Properties"]["Events"] = {STREAM_EVENT: {"Properties": {
        "Stream": {"Fn::GetAtt": ["Table", "StreamArn"]}, **STREAM_MAPPING,
        "DestinationConfig": {"OnFailure": {
            "Destination": {"Fn::GetAtt": ["StreamFailures", "Arn"]}}}}}}
    return {
        **functions,
        # What the stream could not handle: kept 14 days for someone to look at.
        "StreamFailures": {"Type": "AWS::SQS::Queue", "Properties": {
            "MessageRetentionPeriod": 14 * 24 * 3600, "SqsManagedSseEnabled": True}},
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
         "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
         "Resource": sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:"
                         "log-group:/aws/lambda/${AWS::StackName}-*")},
        {"Sid": "Table", "Effect": "Allow", "Action": list(TABLE_ACTIONS),
         "Resource": [{"Fn::GetAtt": ["Table", "Arn"]}, sub("${Table.Arn}/index/*")]},
        # The stream handler's event source mapping reads the stream with the function's role.
        {"Sid": "Stream", "Effect": "Allow", "Action": list(STREAM_ACTIONS),
         "Resource": {"Fn::GetAtt": ["Table", "StreamArn"]}},
        {"Sid": "StreamFailures", "Effect": "Allow", "Action": "sqs:SendMessage",
         "Resource": {"Fn::GetAtt": ["StreamFailures", "Arn"]}},
        {"Sid": "Uploads", "Effect": "Allow",
         "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
         "Resource": sub("${UploadsBucket.Arn}/*")},
        # Deleting an account finds the uploads its person never attached by their prefix.
        {"Sid": "Originals", "Effect": "Allow", "Action": "s3:ListBucket",
         "Resource": {"Fn::GetAtt": ["UploadsBucket", "Arn"]},
         "Condition": {"StringLike": {"s3:prefix": "originals/*"}}},
        # The built site's page list, which page comments and hits are checked against.
        {"Sid": "SitePages", "Effect": "Allow", "Action": "s3:GetObject",
         "Resource": sub(f"${{SiteBucket.Arn}}/{PAGES_MANIFEST}")},
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
        "PLEIN_ORIGIN_SECRET": cloudfront.ORIGIN_SECRET,
        # Synced with the site, so a content-only deploy updates it without a new Lambda.
        "PLEIN_SITE_PAGES": sub(f"s3://${{SiteBucket}}/{PAGES_MANIFEST}"),
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
    env = environment(stage, known, private)
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
            "LogsBucket": buckets.logs_bucket(stage.access_log_days),
            "RestAPI": {"Properties": {
                "EndpointConfiguration": "REGIONAL",
                # CloudFront does not compress what it does not cache (the API's CachingDisabled
                # policy), but it passes the viewer's Accept-Encoding on (AllViewerExceptHost):
                # API Gateway gzips answers from this size, as CloudFront does the site's files.
                "MinimumCompressionSize": API_MIN_COMPRESSION,
                # A flood is refused at the door (429) before it reaches Lambda or the bill.
                "MethodSettings": [{"ResourcePath": "/*", "HttpMethod": "*",
                                    "ThrottlingRateLimit": stage.api_rate_limit,
                                    "ThrottlingBurstLimit": stage.api_burst_limit}]}},
            "APIHandler": {"Properties": {
                "MemorySize": 512, "Timeout": 29,
                "ReservedConcurrentExecutions": stage.reserved_concurrency,
                "Environment": {"Variables": env}}},
            **background(env),
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
            "StreamFailures": {"Value": {"Ref": "StreamFailures"}},
        },
    }


def add_log_groups(template: dict, days: int) -> None:
    """A log group per function, with a retention period. Lambda would otherwise create one on
    first use that keeps everything forever. Run on Chalice's finished template, so functions
    it adds (stream and schedule handlers) get theirs too."""
    resources = template["Resources"]
    for name in [n for n, r in resources.items() if r["Type"] == "AWS::Serverless::Function"]:
        resources[f"{name}LogGroup"] = {
            "Type": "AWS::Logs::LogGroup",
            "DeletionPolicy": "Delete", "UpdateReplacePolicy": "Delete",
            "Properties": {"LogGroupName": sub(f"/aws/lambda/${{{name}}}"),
                           "RetentionInDays": days}}
