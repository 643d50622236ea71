"""Official groups on deploy: `content/groups/*.md` (as packaged) become groups in the
deployed table once the stack is up, on every deploy, content-only ones included.

The sync is the API's own code (`domain/official.py`), whose settings and PynamoDB models
bind to one table when they are imported. So it runs in a fresh interpreter whose
environment names the deployed table, its uploads bucket (a `Cover:` replacing an uploaded
cover deletes its files), the region and the endpoints of the deploy's own DynamoDB and S3
clients, with the deployer's credentials: the same code, bound once, as in Lambda.
"""

import json
import os
import subprocess
import sys
from collections.abc import Callable

from .. import groups_sync
from ..paths import ROOT
from .plan import DeployError, Report, Stack

LABELS = (("created", "created"), ("updated", "updated"),
          ("skipped", "left deleted (an admin deleted them)"),
          ("unofficial", "no longer official (file removed)"))


def environment(dynamodb, s3, outputs: dict, stage: str) -> dict[str, str]:
    """The deployer's environment without any local Plein settings, pointed at the stack's
    table and, when it has one, its uploads bucket."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLEIN_")}
    region = dynamodb.meta.region_name
    env.update({"PLEIN_STAGE": stage, "PLEIN_TABLE": outputs["TableName"],
                "PLEIN_REGION": region, "PLEIN_DYNAMODB_ENDPOINT": dynamodb.meta.endpoint_url,
                "AWS_DEFAULT_REGION": region})
    if outputs.get("UploadsBucket"):
        env.update({"PLEIN_UPLOADS_BUCKET": outputs["UploadsBucket"],
                    "PLEIN_S3_ENDPOINT": s3.meta.endpoint_url})
    return env


def describe(outcome: dict, dry_run: bool) -> str:
    parts = [f"{'would be ' if dry_run else ''}{label}: {', '.join(outcome[key])}"
             for key, label in LABELS if outcome.get(key)]
    return "Official groups: " + ("; ".join(parts) if parts else "none defined")


def sync(dynamodb, s3, stack: Stack | None, content_dir, stage: str, dry_run: bool,
         report: Report, run: Callable = subprocess.run) -> dict:
    """Creates and updates the official groups in the stack's table (reads only on a dry
    run); returns the outcome. A new stack's dry run has no table yet: all would be new."""
    if stack is None or "TableName" not in stack.outputs:
        ids = [d.id for d in groups_sync.read_definitions(content_dir)]
        outcome = {"created": ids}
        report(describe(outcome, dry_run=True))
        return outcome
    command = [sys.executable, "-m", "infra.groups_sync", str(content_dir)]
    result = run(command + (["--dry-run"] if dry_run else []), cwd=ROOT, capture_output=True,
                 text=True, env=environment(dynamodb, s3, stack.outputs, stage))
    for line in result.stderr.splitlines():
        report(f"  {line}")  # managers without a profile yet, groups left deleted
    if result.returncode != 0:
        raise DeployError("Syncing the official groups failed; the site was not uploaded.")
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    report(describe(outcome, dry_run))
    return outcome
