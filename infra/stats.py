"""`plein stats`: the usage dashboard's numbers in the terminal.

The numbers come from the same domain function as `GET /api/usage`, over local data (the
snapshot and journal `plein dev` keeps, loaded into a private in-memory endpoint, never
written back) or over a deployed stage's table with the caller's AWS credentials.
"""

import json
import os
import sys
from pathlib import Path

from .paths import FUNCTIONS

FORMATS = ("table", "csv", "json")
LOCAL_TABLE = "plein-local"


def _report(days: int) -> dict:
    from chalicelib.clock import system_clock
    from chalicelib.domain.usage_report import report

    return report(days, system_clock())


def from_local(data_dir: Path, days: int) -> dict:
    from .local import env, journal, snapshot
    from .local.dynamo import EmbeddedAws, ensure_table

    saved = snapshot.read(Path(data_dir) / "dynamodb.json")
    written = journal.read(Path(data_dir) / "journal.log")
    if saved is None:
        raise SystemExit(f"plein stats: no local data in {data_dir} (run `plein dev` first).")
    aws = EmbeddedAws().start()
    try:
        # The reading side needs no session key; a throwaway one keeps settings complete.
        env.configure(aws.endpoint, LOCAL_TABLE, "stats-read-only")
        from chalicelib.models import TABLE_SCHEMA

        dynamodb = aws.client("dynamodb")
        ensure_table(dynamodb, LOCAL_TABLE, TABLE_SCHEMA)
        snapshot.restore(dynamodb, LOCAL_TABLE, saved)
        # Writes answered since the last snapshot; S3's are refused here (no bucket), which
        # leaves the table as it would be.
        journal.replay(aws.app, written.records, snapshot.journal_seq(saved))
        return _report(days)
    finally:
        aws.stop()


def from_stage(stage, cloudformation, days: int, table: str | None = None) -> dict:
    """A deployed stage's numbers: its table is the one its stack's `TableName` output names
    (as `plein destroy` finds it), unless `table` names one; read with the caller's own AWS
    credentials, the table's region being the stage's."""
    from .deploy.plan import deployed_output

    name = table or deployed_output(cloudformation, stage.stack_name, "TableName")
    os.environ.update({"PLEIN_STAGE": stage.name, "PLEIN_TABLE": name,
                       "PLEIN_REGION": stage.region, "PLEIN_SESSION_SECRET": "stats-read-only"})
    os.environ.pop("PLEIN_DYNAMODB_ENDPOINT", None)
    if str(FUNCTIONS) not in sys.path:
        sys.path.insert(0, str(FUNCTIONS))
    return _report(days)


def _fmt(value) -> str:
    return "–" if value is None else str(value)


def as_table(data: dict) -> str:
    from chalicelib.domain.usage_report import TABLES

    lines = [f"Plein usage {data['from']} – {data['to']} ({data['days']} days)", ""]
    a = data["active"]
    share = lambda v: "" if v is None else f" ({v}%)"  # noqa: E731
    lines += [f"Active today       {a['dau']}{share(a['dau_share'])}",
              f"Active per day     {a['dau_average']} (average)",
              f"Active this week   {a['wau']}{share(a['wau_share'])}",
              f"Active this month  {a['mau']}{share(a['mau_share'])}",
              f"Employees          {_fmt(a['employees'])}",
              f"New groups         {_fmt(data['new_groups'])}",
              f"New members        {data['new_members']}", ""]
    for name in ("daily", "pages", "groups", "weekly", "monthly"):
        columns = TABLES[name]
        rows = [[_fmt(row[c]) for c in columns] for row in data[name] or []]
        widths = [max(len(c), *(len(r[i]) for r in rows)) if rows else len(c)
                  for i, c in enumerate(columns)]
        lines.append(f"{name}:")
        lines.append("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in rows]
        lines.append("")
    return "\n".join(lines)


def render(data: dict, fmt: str, table: str = "daily") -> str:
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False)
    if fmt == "csv":
        from chalicelib.domain.usage_report import to_csv

        return to_csv(data, table)
    return as_table(data)


def run(days: int, fmt: str, data_dir: Path, stage=None, cloudformation=None,
        table: str | None = None, csv_table: str = "daily") -> int:
    """`stage` (from stages.toml) reads that stage's deployed table through `cloudformation`;
    without it, the local data in `data_dir`."""
    if not 1 <= days <= 90:
        print("plein stats: --days must be from 1 to 90.", file=sys.stderr)
        return 2
    data = (from_stage(stage, cloudformation, days, table) if stage
            else from_local(data_dir, days))
    sys.stdout.write(render(data, fmt, csv_table).rstrip("\n") + "\n")
    return 0
