"""Hide, restore, and the moderation side of deleting: each one transaction that changes the
item, closes its open reports (their `state` goes open → handled, which is what tells the
reporter) and its queue flag, and appends to the audit log."""

from pynamodb.transactions import TransactWrite

from ...clock import Clock, iso
from ...errors import conflict, forbidden, invalid
from ...ids import IdMaker
from ...models import Comment, Flag, Post, Report
from ...models.transactions import Conflict, transaction
from ..posts import is_conditional
from ..viewer import Viewer
from . import audit, rules, targets

MAX_REASON_CHARS = 500
# One transaction holds at most 100 items: the item, its flag, the audit entry and this many
# reports. Reports beyond it keep the flag in the queue for the next action.
REPORTS_PER_ACTION = 90


def _reason(data: dict, required: bool) -> str:
    reason = data.get("reason", "")
    if not isinstance(reason, str) or (required and not reason.strip()):
        raise invalid("reason", "Say why: the author and the audit log see it.")
    if len(reason) > MAX_REASON_CHARS:
        raise invalid("reason", f"Reason is longer than {MAX_REASON_CHARS} characters.")
    return reason.strip()


def _open_reports(kind: str, target_id: str) -> tuple[list[Report], bool]:
    """The item's reports (one Query), and whether any are left beyond this action."""
    found = list(Report.query(Report.key(kind, target_id, "")[0], limit=REPORTS_PER_ACTION,
                              page_size=REPORTS_PER_ACTION))
    return [r for r in found if r.state == "open"], len(found) == REPORTS_PER_ACTION


def close_reports(tx: TransactWrite, kind: str, target_id: str, outcome: str,
                  clock: Clock) -> int:
    """Marks the item's open reports handled and takes its flag out of the queue; returns how
    many it closed."""
    reports, more = _open_reports(kind, target_id)
    now = iso(clock())
    for r in reports:
        tx.update(r, actions=[Report.state.set("handled"), Report.outcome.set(outcome),
                              Report.handled.set(now)], condition=Report.state == "open")
    if reports:
        actions = [Flag.state.set("handled"), Flag.updated.set(now)]
        if not more:
            actions += [Flag.gsi1pk.remove(), Flag.gsi1sk.remove()]
        tx.update(Flag(*Flag.key(kind, target_id)), actions=actions)
    return len(reports)


def _model(target: targets.Target):
    return Post if target.kind == "post" else Comment


def _moderated(viewer: Viewer, kind: str, target_id: str) -> targets.Target:
    target = targets.load(viewer, kind, target_id)
    if not rules.may_moderate(viewer, target.group_id):
        raise forbidden("Only moderators can do that.")
    return target


def hide(viewer: Viewer, kind: str, target_id: str, data: dict, clock: Clock,
         new_id: IdMaker) -> dict:
    target = _moderated(viewer, kind, target_id)
    reason = _reason(data, required=True)
    model = _model(target)
    hidden = {"by": viewer.id, "at": iso(clock()), "reason": reason}
    try:
        with transaction() as tx:
            tx.update(target.item, actions=[model.hidden.set(hidden)],
                      condition=model.pk.exists() & model.hidden.does_not_exist())
            close_reports(tx, target.kind, target.id, "hidden", clock)
            audit.record(tx, viewer, "hide", target, reason, clock, new_id)
    except Conflict as err:
        if is_conditional(err):
            raise conflict("Already hidden, or changed meanwhile.") from err
        raise
    return {"kind": target.kind, "id": target.id, "hidden": hidden}


def restore(viewer: Viewer, kind: str, target_id: str, data: dict, clock: Clock,
            new_id: IdMaker) -> dict:
    """Shows a hidden item again. On an item that is not hidden it dismisses the open reports
    (the moderator found nothing wrong): they close as "restored" either way."""
    target = _moderated(viewer, kind, target_id)
    reason = _reason(data, required=False)
    model = _model(target)
    was_hidden = target.item.hidden is not None
    try:
        with transaction() as tx:
            if was_hidden:
                tx.update(target.item, actions=[model.hidden.remove()],
                          condition=model.pk.exists() & model.hidden.exists())
            else:
                tx.condition_check(model, target.item.pk, target.item.sk,
                                   condition=model.hidden.does_not_exist())
            closed = close_reports(tx, target.kind, target.id, "restored", clock)
            if not was_hidden and not closed:
                raise conflict("Neither hidden nor reported: nothing to restore.")
            audit.record(tx, viewer, "restore", target, reason, clock, new_id)
    except Conflict as err:
        if is_conditional(err):
            raise conflict("Not hidden, or changed meanwhile.") from err
        raise
    return {"kind": target.kind, "id": target.id, "hidden": None}


def on_delete(tx: TransactWrite, viewer: Viewer, target: targets.Target, clock: Clock,
              new_id: IdMaker) -> None:
    """Part of deleting a post or comment: when someone other than its author deletes it,
    that is moderation, so its reports close and the audit log records it."""
    if viewer.id == target.author_id:
        return
    close_reports(tx, target.kind, target.id, "deleted", clock)
    audit.record(tx, viewer, "delete", target, "", clock, new_id)
