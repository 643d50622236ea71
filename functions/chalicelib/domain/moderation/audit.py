"""The audit log: who did what to which item, when and why. Append-only: entries are written
once, conditioned on being absent, inside the action's own transaction, and no route updates
or deletes them. They expire after PLEIN_AUDIT_DAYS through the table's TTL."""

import csv
import io

from pynamodb.transactions import TransactWrite

from ...clock import Clock, iso
from ...errors import forbidden
from ...ids import IdMaker, is_id
from ...models import AuditEntry
from ...models.moderation import AUDIT_PK
from ...settings import settings
from .. import cursors
from ..viewer import Viewer
from . import rules

PAGE_SIZE = 50
CSV_PAGE_SIZE = 1000
COLUMNS = ("at", "actor_id", "actor_name", "action", "kind", "target", "author_id", "group",
           "reason", "excerpt")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def record(tx: TransactWrite, viewer: Viewer, action: str, target, reason: str, clock: Clock,
           new_id: IdMaker) -> None:
    """Adds the entry to the action's transaction: the action and its record land together."""
    now = clock()
    entry_id = new_id(now)
    tx.save(AuditEntry(
        *AuditEntry.key(entry_id), id=entry_id, at=iso(now), actor_id=viewer.id,
        actor_name=viewer.name, action=action, kind=target.kind, target=target.id,
        author_id=target.author_id, group_id=target.group_id, reason=reason or "",
        excerpt=target.excerpt, expires=int(now.timestamp()) + settings.audit_days * 86400,
    ), condition=AuditEntry.pk.does_not_exist())


def to_json(entry: AuditEntry) -> dict:
    return {"id": entry.id, "at": entry.at, "actor": {"id": entry.actor_id,
                                                      "name": entry.actor_name},
            "action": entry.action, "kind": entry.kind, "target": entry.target,
            "author": entry.author_id, "group": entry.group_id, "reason": entry.reason,
            "excerpt": entry.excerpt}


def page(viewer: Viewer, params: dict, clock: Clock, limit: int = PAGE_SIZE) -> dict:
    """Newest first, one Query. Entries past their TTL are left out (emulators keep them)."""
    if not rules.may_read_audit(viewer):
        raise forbidden("Only admins read the audit log.")
    before = cursors.decode(params["cursor"], is_id) if params.get("cursor") else None
    condition = AuditEntry.sk < before if before else None
    found = list(AuditEntry.query(AUDIT_PK, condition, scan_index_forward=False, limit=limit,
                                  page_size=limit))
    now = clock().timestamp()
    more = len(found) == limit
    return {"items": [to_json(e) for e in found if e.expires > now],
            "next": cursors.encode(found[-1].id) if more else None}


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(items: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for e in items:
        row = (e["at"], e["actor"]["id"], e["actor"]["name"], e["action"], e["kind"],
               e["target"], e["author"], e["group"], e["reason"], e["excerpt"])
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


def export(viewer: Viewer, params: dict, clock: Clock) -> tuple[str, str | None]:
    """A CSV of up to CSV_PAGE_SIZE entries and the cursor of the next part."""
    found = page(viewer, params, clock, CSV_PAGE_SIZE)
    return to_csv(found["items"]), found["next"]
