"""`plein destroy`: the stack goes, the data stays, unless asked for and confirmed by name.
Table and buckets are moto's over HTTP; CloudFormation answers from recordings."""

import urllib.request
from pathlib import Path

import pytest

from infra.deploy import stages
from infra.deploy.deploy import Aws
from infra.deploy.destroy import destroy
from tests.recorded import Recorded

STAGES = Path(__file__).resolve().parent / "data" / "stages.toml"
SITE = "plein-prod-sitebucket-1x2y3z4a5b6c"
UPLOADS = "plein-prod-uploadsbucket-9q8w7e6r5t4y"
TABLE = "plein-prod-Table-1M2N3B4V5C6X"
STACK_ID = ("arn:aws:cloudformation:eu-west-1:123456789012:stack/plein-prod/"
            "5b1c9a70-a7e2-11f0-8e1d-0a7e5c3f6b21")


@pytest.fixture
def data(aws):
    """What a deployed stage holds: a protected table, the site, versioned uploads."""
    urllib.request.urlopen(urllib.request.Request(f"{aws.endpoint}/moto-api/reset",
                                                  method="POST")).read()
    from chalicelib.models import TABLE_SCHEMA

    dynamodb, s3 = aws.client("dynamodb"), aws.client("s3")
    dynamodb.create_table(TableName=TABLE, DeletionProtectionEnabled=True, **TABLE_SCHEMA)
    for bucket in (SITE, UPLOADS):
        s3.create_bucket(Bucket=bucket,
                         CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    s3.put_bucket_versioning(Bucket=UPLOADS, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket=SITE, Key="index.html", Body=b"<h1>Plein</h1>")
    for version in (b"one", b"two"):
        s3.put_object(Bucket=UPLOADS, Key="media/foto.jpg", Body=version)
    return dynamodb, s3


def recorded_deletion() -> Recorded:
    cfn = Recorded(DEPLOY_HASH="x")
    cfn.reply("describe_stacks", "describe_stacks_update_complete")
    cfn.reply("delete_stack", "delete_stack", {"StackName": "plein-prod"})
    cfn.reply("describe_stack_events", "describe_stack_events_delete", {"StackName": STACK_ID})
    cfn.reply("describe_stacks", "describe_stacks_delete_complete", {"StackName": STACK_ID})
    return cfn


def run(aws, cfn, **options):
    lines = []
    clients = Aws(cloudformation=cfn.client, s3=aws.client("s3"), ssm=None, sts=None,
                  cloudfront=None, dynamodb=aws.client("dynamodb"))
    code = destroy(stages.load("prod", STAGES), clients, report=lines.append,
                   sleep=lambda _s: None, **options)
    return code, "\n".join(lines)


def tables(dynamodb):
    return dynamodb.list_tables()["TableNames"]


def test_destroy_removes_the_stack_and_keeps_table_and_uploads(aws, data):
    dynamodb, s3 = data
    cfn = recorded_deletion()
    code, text = run(aws, cfn)
    cfn.assert_done()
    assert code == 0
    assert "Removed stack plein-prod." in text and f"Kept table {TABLE}" in text
    assert "DELETE_SKIPPED" in text  # the stack's own events were shown
    assert tables(dynamodb) == [TABLE]
    assert s3.get_object(Bucket=UPLOADS, Key="media/foto.jpg")["Body"].read() == b"two"
    # The site bucket was emptied so CloudFormation can remove it.
    assert s3.list_objects_v2(Bucket=SITE).get("KeyCount") == 0


def test_delete_data_without_the_typed_name_removes_nothing(aws, data):
    dynamodb, s3 = data
    cfn = Recorded(DEPLOY_HASH="x").reply("describe_stacks", "describe_stacks_update_complete")
    code, text = run(aws, cfn, delete_data=True, confirm=lambda _prompt: "yes")
    cfn.assert_done()  # no delete_stack
    assert code == 1 and "nothing was removed" in text
    assert tables(dynamodb) == [TABLE]
    assert s3.list_objects_v2(Bucket=SITE)["KeyCount"] == 1


def test_delete_data_with_the_typed_name_removes_table_and_uploads(aws, data):
    dynamodb, s3 = data
    prompts = []
    cfn = recorded_deletion()
    code, text = run(aws, cfn, delete_data=True,
                     confirm=lambda prompt: prompts.append(prompt) or "plein-prod")
    cfn.assert_done()
    assert code == 0
    assert TABLE in prompts[0] and UPLOADS in prompts[0]
    assert tables(dynamodb) == []
    assert UPLOADS not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    assert f"Deleted table {TABLE}." in text


def test_nothing_to_destroy(aws, data):
    cfn = Recorded().reply("describe_stacks", "describe_stacks_missing")
    code, text = run(aws, cfn)
    assert code == 0 and "nothing to remove" in text
