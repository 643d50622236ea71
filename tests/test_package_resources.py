"""The template's own resources: the table, the Lambda's role and environment, and the stage
settings that feed them."""

import json

import pytest
from package_run import STAGES, statements

from infra.deploy import resources, stages


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


def test_lambda_policy_is_least_privilege(template):
    granted = list(statements(template, "AWS::IAM::Role"))
    assert granted
    for statement in granted:
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
    listing = [s for s in granted if s["Action"] == "s3:ListBucket"]
    assert [s["Condition"] for s in listing] == [{"StringLike": {"s3:prefix": "originals/*"}}]
    # Chalice's generated policy is replaced, not extended.
    policies = template["Resources"]["DefaultRole"]["Properties"]["Policies"]
    assert [p["PolicyName"] for p in policies] == ["PleinApi"]
    role = template["Resources"]["APIHandler"]["Properties"]["Role"]
    assert role == {"Fn::GetAtt": ["DefaultRole", "Arn"]}


def test_secrets_are_named_never_included(template, packaged):
    env = template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert env["PLEIN_SESSION_SECRET_PARAM"] == "/plein/acc/session-secret"
    assert "PLEIN_SESSION_SECRET" not in env
    assert env["PLEIN_STAGE"] == "acc" and env["PLEIN_TABLE"] == {"Ref": "Table"}
    granted = [s for s in statements(template, "AWS::IAM::Role") if s["Sid"] == "Secrets"][0]
    assert {"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:"
                       "parameter/plein/acc/oidc-client-secret"} in granted["Resource"]


def test_other_api_settings_pass_through_when_the_api_knows_them(template):
    env = template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert env["PLEIN_SESSION_HOURS"] == "10"
    stage = stages.parse({"stages": {"x": {"settings": {"PLEIN_NO_SUCH": "1"}}}}, "x")
    with pytest.raises(stages.StageError, match="the API has no such setting"):
        resources.merge_template(stage)
    stage = stages.parse({"stages": {"x": {"settings": {"PLEIN_TABLE": "mine"}}}}, "x")
    with pytest.raises(stages.StageError, match="set by the deploy itself"):
        resources.merge_template(stage)


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
    granted = {s["Sid"]: s for s in statements(template, "AWS::IAM::Role")}
    failures = granted["StreamFailures"]["Resource"]
    assert failures == {"Fn::GetAtt": ["StreamFailures", "Arn"]}
