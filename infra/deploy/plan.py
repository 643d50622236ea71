"""CloudFormation through change sets: what the stack is, what would change, and waiting for
it with the stack's own events on screen. The client is passed in, so the logic runs on
recorded responses in tests and on the real API in production."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from botocore.exceptions import ClientError

CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"]
# CloudFormation's own words when a change set would change nothing.
_NO_CHANGES = ("didn't contain changes", "No updates are to be performed")
_POLL_SECONDS = 5
Report = Callable[[str], None]
SETTLED = ("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE")


class DeployError(RuntimeError):
    """Something the admin must read: says what failed and what to do about it."""


@dataclass(frozen=True)
class Stack:
    name: str
    status: str
    outputs: dict[str, str] = field(default_factory=dict)
    parameters: dict[str, str] = field(default_factory=dict)
    stack_id: str = ""


@dataclass(frozen=True)
class Change:
    action: str  # Add, Modify, Remove
    logical_id: str
    resource_type: str
    replacement: str = ""  # True, False, Conditional for a Modify

    def __str__(self) -> str:
        mark = {"Add": "+", "Remove": "-", "Modify": "~"}.get(self.action, "?")
        replace = " (REPLACED)" if self.replacement == "True" else (
            " (may be replaced)" if self.replacement == "Conditional" else "")
        return f"  {mark} {self.logical_id} [{self.resource_type}]{replace}"


@dataclass(frozen=True)
class ChangeSet:
    name: str
    kind: str  # CREATE or UPDATE
    changes: tuple[Change, ...]


def describe(cfn, name: str) -> Stack | None:
    """The stack, or None when there is none (a deleted stack counts as none)."""
    try:
        stacks = cfn.describe_stacks(StackName=name)["Stacks"]
    except ClientError as err:
        if "does not exist" in err.response["Error"].get("Message", ""):
            return None
        raise
    raw = stacks[0]
    if raw["StackStatus"] == "DELETE_COMPLETE":
        return None
    return Stack(
        name=name, status=raw["StackStatus"], stack_id=raw.get("StackId", ""),
        outputs={o["OutputKey"]: o["OutputValue"] for o in raw.get("Outputs", [])},
        parameters={p["ParameterKey"]: p.get("ParameterValue", "")
                    for p in raw.get("Parameters", [])},
    )


def deployed_output(cfn, stack_name: str, key: str) -> str:
    """One output of a deployed stack: how commands other than `deploy` find what it made (the
    table's name, for one, is CloudFormation's choice, not the stage's name)."""
    stack = describe(cfn, stack_name)
    if stack is None:
        raise DeployError(f"There is no stack {stack_name}; deploy it first "
                          "(`plein deploy --stage ...`), or check the stage's region.")
    value = stack.outputs.get(key)
    if not value:
        raise DeployError(f"Stack {stack_name} ({stack.status}) has no output {key}; deploy it "
                          "again to bring it up to date.")
    return value


def check_deployable(stack: Stack | None) -> str:
    """CREATE or UPDATE; raises with advice when the stack is in no state to take changes."""
    if stack is None or stack.status == "REVIEW_IN_PROGRESS":
        return "CREATE"
    status = stack.status
    if status.endswith("_IN_PROGRESS"):
        raise DeployError(f"Stack {stack.name} is busy ({status}). Wait until it finishes, "
                          "then deploy again.")
    if status in ("ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "CREATE_FAILED"):
        raise DeployError(f"Stack {stack.name} never finished its first deployment ({status}). "
                          f"Remove it with `plein destroy --stage ...`, then deploy again.")
    if status == "UPDATE_ROLLBACK_FAILED":
        raise DeployError(f"Stack {stack.name} could not roll back ({status}). Continue the "
                          "rollback in the CloudFormation console, then deploy again.")
    return "UPDATE"


def is_current(stack: Stack | None, deploy_hash: str, parameters: dict[str, str]) -> bool:
    """True when the stack already runs this template and artifact with these parameters."""
    # A rolled-back update still reports the old outputs, so its hash does not match.
    return (stack is not None and stack.status in SETTLED
            and stack.outputs.get("DeployHash") == deploy_hash
            and all(stack.parameters.get(k) == v for k, v in parameters.items()))


def create_change_set(cfn, stack_name: str, kind: str, template: str | dict,
                      parameters: dict[str, str], name: str,
                      sleep: Callable[[float], None] = time.sleep) -> ChangeSet | None:
    """Creates the change set and waits until CloudFormation has worked it out. None means it
    would change nothing (and the empty change set is removed again). `template` is the body,
    or {"TemplateURL": ...} for one too large to send inline."""
    source = template if isinstance(template, dict) else {"TemplateBody": template}
    cfn.create_change_set(
        StackName=stack_name, ChangeSetName=name, ChangeSetType=kind,
        **source, Capabilities=CAPABILITIES,
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
        Description="plein deploy")
    while True:
        found = cfn.describe_change_set(StackName=stack_name, ChangeSetName=name)
        status = found["Status"]
        if status == "CREATE_COMPLETE":
            break
        if status == "FAILED":
            reason = found.get("StatusReason", "")
            if any(words in reason for words in _NO_CHANGES):
                cfn.delete_change_set(StackName=stack_name, ChangeSetName=name)
                return None
            raise DeployError(f"CloudFormation refused the change: {reason}")
        sleep(1)
    changes = list(found.get("Changes", []))
    while found.get("NextToken"):
        found = cfn.describe_change_set(StackName=stack_name, ChangeSetName=name,
                                        NextToken=found["NextToken"])
        changes += found.get("Changes", [])
    return ChangeSet(name=name, kind=kind, changes=tuple(
        Change(action=c["ResourceChange"]["Action"],
               logical_id=c["ResourceChange"]["LogicalResourceId"],
               resource_type=c["ResourceChange"]["ResourceType"],
               replacement=c["ResourceChange"].get("Replacement", ""))
        for c in changes if c.get("Type") == "Resource"))


def summary(change_set: ChangeSet) -> str:
    verb = "Create" if change_set.kind == "CREATE" else "Update"
    lines = [f"{verb} stack: {len(change_set.changes)} resource change(s)"]
    lines += [str(c) for c in change_set.changes]
    return "\n".join(lines)


def _event_line(event: dict) -> str:
    when = event["Timestamp"]
    stamp = when.strftime("%H:%M:%S") if isinstance(when, datetime) else str(when)
    reason = event.get("ResourceStatusReason", "")
    return (f"  {stamp} {event['ResourceStatus']:<28} {event['LogicalResourceId']}"
            + (f": {reason}" if reason else ""))


def root_cause(events: list[dict]) -> str:
    """The first failure in time order: later ones are usually 'cancelled' by it."""
    failed = [e for e in events if e["ResourceStatus"].endswith("_FAILED")
              and e.get("ResourceStatusReason")
              and "cancelled" not in e["ResourceStatusReason"].lower()]
    if not failed:
        return "no reason given; see the stack's events in the CloudFormation console"
    first = failed[0]
    return f"{first['LogicalResourceId']} ({first['ResourceType']}): " \
           f"{first['ResourceStatusReason']}"


def wait(cfn, stack_name: str, report: Report, sleep: Callable[[float], None] = time.sleep,
         seen: set[str] | None = None) -> tuple[str, list[dict]]:
    """Polls until the stack settles, printing each new event once; returns the final status
    and the events seen, oldest first."""
    seen = set() if seen is None else seen
    shown: list[dict] = []
    while True:
        try:
            page = cfn.describe_stack_events(StackName=stack_name)["StackEvents"]
        except ClientError as err:
            if "does not exist" in err.response["Error"].get("Message", ""):
                return "DELETE_COMPLETE", shown
            raise
        for event in reversed(page):  # the API answers newest first
            if event["EventId"] not in seen:
                seen.add(event["EventId"])
                shown.append(event)
                report(_event_line(event))
        stack = describe(cfn, stack_name)
        if stack is None:
            return "DELETE_COMPLETE", shown
        if not stack.status.endswith("_IN_PROGRESS"):
            return stack.status, shown
        sleep(_POLL_SECONDS)


def execute(cfn, stack_name: str, change_set: ChangeSet, report: Report,
            sleep: Callable[[float], None] = time.sleep) -> None:
    """Runs the change set and waits; raises with the root cause when it did not succeed."""
    seen = {e["EventId"] for e in _existing_events(cfn, stack_name)}
    cfn.execute_change_set(StackName=stack_name, ChangeSetName=change_set.name)
    status, events = wait(cfn, stack_name, report, sleep, seen)
    if status in ("CREATE_COMPLETE", "UPDATE_COMPLETE"):
        return
    cause = root_cause(events)
    if status == "UPDATE_ROLLBACK_COMPLETE":
        raise DeployError(f"The update failed and was rolled back: the previous version is "
                          f"still running.\nReason: {cause}")
    advice = ("\nThe first deployment never completed: remove it with `plein destroy`, fix the "
              "reason, and deploy again." if status == "ROLLBACK_COMPLETE" else "")
    raise DeployError(f"Deployment failed ({status}).\nReason: {cause}{advice}")


def _existing_events(cfn, stack_name: str) -> list[dict]:
    try:
        return cfn.describe_stack_events(StackName=stack_name)["StackEvents"]
    except ClientError:
        return []
