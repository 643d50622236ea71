"""Events from `content/events/*.md` on deploy: synced into the stack's table after the
official groups (an event may belong to one), on every deploy, content-only ones included.
Like the groups' sync, it runs the API's own code in a fresh interpreter bound to the
deployed table (see infra/deploy/groups.py)."""

import json
import subprocess
import sys
from collections.abc import Callable

from .. import events_sync
from ..paths import ROOT
from .groups import environment
from .plan import DeployError, Report, Stack

LABELS = (("created", "created"), ("updated", "updated"),
          ("skipped", "skipped (see the warnings above)"))


def describe(outcome: dict, dry_run: bool) -> str:
    parts = [f"{'would be ' if dry_run else ''}{label}: {', '.join(outcome[key])}"
             for key, label in LABELS if outcome.get(key)]
    return "Events from content: " + ("; ".join(parts) if parts else "nothing to change")


def sync(dynamodb, s3, stack: Stack | None, content_dir, stage: str, dry_run: bool,
         report: Report, run: Callable = subprocess.run) -> dict:
    """Creates and updates the events defined in content (a dry run only lists them)."""
    if dry_run or stack is None or "TableName" not in stack.outputs:
        outcome = {"created": [d.id for d in events_sync.read_definitions(content_dir)]}
        report(describe(outcome, dry_run=True) if outcome["created"]
               else describe({}, dry_run=True))
        return outcome
    command = [sys.executable, "-m", "infra.events_sync", str(content_dir)]
    result = run(command, cwd=ROOT, capture_output=True, text=True,
                 env=environment(dynamodb, s3, stack.outputs, stage))
    for line in result.stderr.splitlines():
        report(f"  {line}")  # organisers without a profile yet, refused definitions
    if result.returncode != 0:
        raise DeployError("Syncing the events from content failed; the site was not uploaded.")
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    report(describe(outcome, dry_run))
    return outcome
