"""Change-set planning against recorded CloudFormation responses (see tests/recorded.py)."""

import pytest

from infra.deploy import plan
from tests.recorded import ANY, Recorded

STACK = "plein-prod"
HASH = "5bca013d12436f2381f926629147721e"
ORIGIN = {"PublicOrigin": "https://d111111abcdef8.cloudfront.net"}


def no_sleep(_seconds):
    pass


def test_a_missing_stack_is_created():
    cfn = Recorded().reply("describe_stacks", "describe_stacks_missing", {"StackName": STACK})
    stack = plan.describe(cfn.client, STACK)
    assert stack is None
    assert plan.check_deployable(stack) == "CREATE"
    assert not plan.is_current(stack, HASH, ORIGIN)


def test_a_stack_with_the_same_hash_and_parameters_is_current():
    cfn = Recorded(DEPLOY_HASH=HASH).reply("describe_stacks", "describe_stacks_update_complete")
    stack = plan.describe(cfn.client, STACK)
    assert plan.check_deployable(stack) == "UPDATE"
    assert stack.outputs["SiteBucket"] == "plein-prod-sitebucket-1x2y3z4a5b6c"
    assert plan.is_current(stack, HASH, ORIGIN)
    assert not plan.is_current(stack, "0" * 32, ORIGIN)
    assert not plan.is_current(stack, HASH, {"PublicOrigin": "https://plein.voorbeeld.nl"})


def test_a_rolled_back_update_reports_the_old_hash_so_it_is_not_current():
    cfn = Recorded(DEPLOY_HASH="old").reply("describe_stacks",
                                            "describe_stacks_update_rollback_complete")
    stack = plan.describe(cfn.client, STACK)
    assert plan.check_deployable(stack) == "UPDATE"
    assert not plan.is_current(stack, HASH, ORIGIN)


@pytest.mark.parametrize("recording, words", [
    ("describe_stacks_update_in_progress", "busy (UPDATE_IN_PROGRESS)"),
    ("describe_stacks_rollback_complete", "plein destroy"),
])
def test_a_stack_in_no_state_to_change_is_refused_with_advice(recording, words):
    cfn = Recorded(DEPLOY_HASH=HASH).reply("describe_stacks", recording)
    with pytest.raises(plan.DeployError, match=words.replace("(", r"\(").replace(")", r"\)")):
        plan.check_deployable(plan.describe(cfn.client, STACK))


def test_change_set_is_waited_for_and_summarised_across_pages():
    cfn = Recorded()
    cfn.reply("create_change_set", "create_change_set", {
        "StackName": STACK, "ChangeSetName": "plein-preview", "ChangeSetType": "UPDATE",
        "TemplateBody": "{}", "Capabilities": ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"],
        "Parameters": [{"ParameterKey": "PublicOrigin",
                        "ParameterValue": ORIGIN["PublicOrigin"]}],
        "Description": ANY})
    cfn.reply("describe_change_set", "describe_change_set_in_progress")
    cfn.reply("describe_change_set", "describe_change_set_complete_page1")
    cfn.reply("describe_change_set", "describe_change_set_complete_page2",
              {"StackName": STACK, "ChangeSetName": "plein-preview",
               "NextToken": "eyJvZmZzZXQiOjJ9"})
    change_set = plan.create_change_set(cfn.client, STACK, "UPDATE", "{}", ORIGIN,
                                        "plein-preview", no_sleep)
    cfn.assert_done()
    assert [(c.action, c.logical_id) for c in change_set.changes] == [
        ("Modify", "APIHandler"), ("Modify", "Distribution"), ("Add", "UploadsAccess"),
        ("Modify", "SecurityHeaders"), ("Remove", "OldTopic")]
    text = plan.summary(change_set)
    assert text.startswith("Update stack: 5 resource change(s)")
    assert "~ SecurityHeaders [AWS::CloudFront::ResponseHeadersPolicy] (REPLACED)" in text
    assert "~ APIHandler [AWS::Lambda::Function]\n" in text
    assert "- OldTopic" in text and "+ UploadsAccess" in text


def test_a_change_set_without_changes_means_nothing_to_do_and_is_removed():
    cfn = Recorded()
    cfn.reply("create_change_set", "create_change_set")
    cfn.reply("describe_change_set", "describe_change_set_no_changes")
    cfn.reply("delete_change_set", "delete_change_set",
              {"StackName": STACK, "ChangeSetName": "plein-preview"})
    assert plan.create_change_set(cfn.client, STACK, "UPDATE", "{}", ORIGIN, "plein-preview",
                                  no_sleep) is None
    cfn.assert_done()


def test_a_refused_change_set_says_why():
    cfn = Recorded()
    cfn.reply("create_change_set", "create_change_set")
    cfn.reply("describe_change_set", "describe_change_set_failed")
    with pytest.raises(plan.DeployError, match="'CodeUri' requires Bucket and Key"):
        plan.create_change_set(cfn.client, STACK, "UPDATE", "{}", ORIGIN, "plein-preview",
                               no_sleep)


def _change_set():
    return plan.ChangeSet(name="plein-preview", kind="UPDATE", changes=())


def test_executing_shows_each_new_event_once_in_time_order():
    cfn = Recorded(DEPLOY_HASH=HASH)
    cfn.reply("describe_stack_events", "describe_stack_events_before")
    cfn.reply("execute_change_set", "execute_change_set",
              {"StackName": STACK, "ChangeSetName": "plein-preview"})
    cfn.reply("describe_stack_events", "describe_stack_events_update_ok")
    cfn.reply("describe_stacks", "describe_stacks_update_complete")
    lines = []
    plan.execute(cfn.client, STACK, _change_set(), lines.append, no_sleep)
    cfn.assert_done()
    assert [line.split()[1:3] for line in lines] == [
        ["UPDATE_IN_PROGRESS", "plein-prod:"], ["UPDATE_IN_PROGRESS", "APIHandler"],
        ["UPDATE_COMPLETE", "APIHandler"], ["UPDATE_COMPLETE", "plein-prod"]]


def test_a_failed_update_names_the_root_cause_and_says_the_old_version_runs():
    cfn = Recorded(DEPLOY_HASH="old")
    cfn.reply("describe_stack_events", "describe_stack_events_before")
    cfn.reply("execute_change_set", "execute_change_set")
    cfn.reply("describe_stack_events", "describe_stack_events_update_failed")
    cfn.reply("describe_stacks", "describe_stacks_update_rollback_complete")
    with pytest.raises(plan.DeployError) as caught:
        plan.execute(cfn.client, STACK, _change_set(), lambda _line: None, no_sleep)
    message = str(caught.value)
    assert "previous version is still running" in message
    # The distribution's failure, not the Lambda update it cancelled.
    assert "Distribution (AWS::CloudFront::Distribution)" in message
    assert "doesn't cover the alternate domain name" in message
    assert "cancelled" not in message
