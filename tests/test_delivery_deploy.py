"""Deploying mail and push: the stage's [mail] table, the Lambda's settings and the narrow SES
grant in the template, and the VAPID key the first deploy creates in SSM."""

import pytest


def stage_with(mail: dict | None):
    from infra.deploy.stages import parse

    data = {"stages": {"acc": {"region": "eu-west-1", **({"mail": mail} if mail else {})}}}
    return parse(data, "acc")


def statements(template) -> dict:
    role = template["Resources"]["DefaultRole"]["Properties"]["Policies"][0]
    return {s["Sid"]: s for s in role["PolicyDocument"]["Statement"]}


def test_the_lambda_may_send_only_as_the_stage_sender_with_its_configuration_set():
    from infra.deploy.resources import merge_template

    template = merge_template(stage_with({"sender": "Plein <plein@voorbeeld.nl>",
                                          "configuration_set": "plein-acc"}))
    env = template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert env["PLEIN_MAIL_SENDER"] == "Plein <plein@voorbeeld.nl>"
    assert env["PLEIN_MAIL_CONFIGURATION_SET"] == "plein-acc"
    assert env["PLEIN_VAPID_PRIVATE_KEY_PARAM"] == "/plein/acc/vapid-private-key"
    assert "PLEIN_VAPID_PRIVATE_KEY" not in env and "PLEIN_MAIL_OUTBOX" not in env
    granted = statements(template)
    arn = "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}"
    assert granted["Mail"]["Action"] == "ses:SendEmail"
    assert granted["Mail"]["Resource"] == [{"Fn::Sub": f"{arn}:identity/voorbeeld.nl"},
                                           {"Fn::Sub": f"{arn}:configuration-set/plein-acc"}]
    assert granted["Mail"]["Condition"] == {
        "StringEquals": {"ses:FromAddress": "plein@voorbeeld.nl"}}
    assert {"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:"
                       "parameter/plein/acc/vapid-private-key"} in granted["Secrets"]["Resource"]


def test_without_a_sender_there_is_no_mail_grant():
    from infra.deploy.resources import merge_template

    template = merge_template(stage_with(None))
    env = template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert "PLEIN_MAIL_SENDER" not in env
    assert "Mail" not in statements(template)


@pytest.mark.parametrize("mail", [{"sender": "Plein"}, {"configuration_set": "x"},
                                  {"sender": "a@b.nl", "configuration_set": "no spaces"},
                                  {"sender": "a@b.nl", "from": "x"}])
def test_a_wrong_mail_table_is_refused_before_anything_is_built(mail):
    from infra.deploy.stages import StageError

    with pytest.raises(StageError, match=r"\.mail"):
        stage_with(mail)


def test_the_vapid_key_is_created_once_and_never_replaced(aws, table):
    from infra.deploy.deploy import ensure_vapid_key

    ssm = aws.client("ssm")
    name = "/plein/acc/vapid-private-key"
    assert ensure_vapid_key(ssm, name) is True
    first = ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]
    assert first["Type"] == "SecureString" and "PRIVATE KEY" in first["Value"]
    assert ensure_vapid_key(ssm, name) is False
    assert ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"] == \
        first["Value"]


def test_the_package_carries_the_branding_from_pelicanconf():
    import json

    from infra.deploy.package import packaged_brand

    carried = json.loads(packaged_brand()["chalicelib/brand.json"])
    assert carried["name"] == "Plein" and carried["organisation"] == "Gemeente Voorbeeld"
    assert carried["colours"]["primary"] == "#0b5c6b"
