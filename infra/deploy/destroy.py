"""`plein destroy`: removes the stack; the table and the uploads stay unless the admin asks
for them to go and confirms by typing the stack's name."""

import time
from collections.abc import Callable

from . import plan
from .deploy import Aws
from .stages import Stage


def empty_bucket(s3, bucket: str) -> int:
    """Deletes every object, every old version and every delete marker; returns the count."""
    removed = 0
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        doomed = [{"Key": v["Key"], "VersionId": v["VersionId"]}
                  for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
        if doomed:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": doomed, "Quiet": True})
            removed += len(doomed)
    return removed


def delete_table(dynamodb, name: str) -> None:
    # Deletion protection is the table's own guard; it comes off only after confirmation.
    dynamodb.update_table(TableName=name, DeletionProtectionEnabled=False)
    dynamodb.delete_table(TableName=name)


def destroy(stage: Stage, aws: Aws, delete_data: bool = False,
            confirm: Callable[[str], str] = input, report: plan.Report = print,
            sleep: Callable[[float], None] = time.sleep) -> int:
    cfn = aws.cloudformation
    stack = plan.describe(cfn, stage.stack_name)
    if stack is None:
        report(f"There is no stack {stage.stack_name} in {stage.region}; nothing to remove.")
        return 0
    if stack.status.endswith("_IN_PROGRESS"):
        raise plan.DeployError(f"Stack {stack.name} is busy ({stack.status}); try again when "
                               "it has finished.")
    table = stack.outputs.get("TableName", "")
    uploads = stack.outputs.get("UploadsBucket", "")
    if delete_data:
        answer = confirm(f"This deletes table {table or '-'} and bucket {uploads or '-'} for "
                         f"good.\nType the stack name ({stack.name}) to confirm: ")
        if answer.strip() != stack.name:
            report("The name did not match; nothing was removed.")
            return 1
    if site := stack.outputs.get("SiteBucket"):
        # CloudFormation cannot remove a bucket with files in it; the site is rebuilt anyway.
        empty_bucket(aws.s3, site)
    cfn.delete_stack(StackName=stack.name)
    status, events = plan.wait(cfn, stack.stack_id or stack.name, report, sleep)
    if status != "DELETE_COMPLETE":
        raise plan.DeployError(f"Removing the stack failed ({status}).\n"
                               f"Reason: {plan.root_cause(events)}")
    report(f"Removed stack {stack.name}.")
    if delete_data:
        if table:
            delete_table(aws.dynamodb, table)
            report(f"Deleted table {table}.")
        if uploads:
            empty_bucket(aws.s3, uploads)
            aws.s3.delete_bucket(Bucket=uploads)
            report(f"Deleted bucket {uploads}.")
    else:
        report(f"Kept table {table} and bucket {uploads} (they outlive the stack; "
               "`--delete-data` removes them).")
    return 0
