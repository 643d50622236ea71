"""Reporting a post or comment, and the moderation queue that collects the reports.

A report is one item per reporter and target (repeating it changes nothing); the queue holds
one flag per reported target, updated in the report's own transaction with atomic ADDs. The
flag never names a reporter, so neither the queue nor anything shown to the author does.
"""


from ...clock import Clock, iso
from ...errors import forbidden, invalid
from ...ids import IdMaker, is_id
from ...models import Flag, Report
from ...models.moderation import queue_partition
from ...models.transactions import Conflict, transaction
from .. import cursors, standing
from ..posts import is_conditional
from ..viewer import Viewer
from . import rules, targets

REASONS = ("spam", "offensive", "personal", "untrue", "other")
MAX_TEXT_CHARS = 500
QUEUE_PAGE = 20


def _reason(data: dict) -> tuple[str, str]:
    reason, text = data.get("reason"), data.get("text", "")
    if reason not in REASONS:
        raise invalid("reason", f"Reason must be one of {', '.join(REASONS)}.")
    if not isinstance(text, str):
        raise invalid("text", "Text must be text.")
    if len(text) > MAX_TEXT_CHARS:
        raise invalid("text", f"Text is longer than {MAX_TEXT_CHARS} characters.")
    return reason, text.strip()


def report(viewer: Viewer, data: dict, clock: Clock, new_id: IdMaker) -> dict:
    """Anyone who may read the item may report it. One GetItem (two for a comment) and one
    TransactWrite."""
    target = targets.from_body(viewer, data)
    reason, text = _reason(data)
    if not rules.may_report(viewer, target.author_id):
        raise forbidden("You cannot report your own words.")
    now = clock()
    report_id = new_id(now)
    item = Report(*Report.key(target.kind, target.id, viewer.id), id=report_id,
                  gsi2pk=Report.reporter_partition(viewer.id), gsi2sk=report_id,
                  kind=target.kind, target=target.id, reporter_id=viewer.id, reason=reason,
                  text=text, created=iso(now))
    flag = Flag(*Flag.key(target.kind, target.id))
    actions = [Flag.kind.set(target.kind), Flag.target.set(target.id),
               Flag.author_id.set(target.author_id),
               Flag.author_name.set(target.item.author_name), Flag.excerpt.set(target.excerpt),
               Flag.reports.add(1), Flag.reasons.add({reason}), Flag.state.set("open"),
               Flag.updated.set(iso(now)), Flag.gsi1pk.set(queue_partition(target.group_id)),
               Flag.gsi1sk.set(Flag.gsi1sk | report_id)]
    if text:
        actions.append(Flag.last_text.set(text))
    if target.post is not None:
        actions.append(Flag.post_id.set(target.post.id))
    if target.group_id is not None:
        actions.append(Flag.group_id.set(target.group_id))
    try:
        # Once handled, the same person may report the item again (it was restored, say).
        with transaction() as tx:
            tx.save(item, condition=Report.pk.does_not_exist() | (Report.state == "handled"))
            tx.update(flag, actions=actions)
    except Conflict as err:
        if not is_conditional(err):
            raise
        return {"kind": target.kind, "target": target.id, "state": "open", "repeated": True}
    return {"kind": target.kind, "target": target.id, "state": "open", "repeated": False}


def flag_json(flag: Flag) -> dict:
    return {"kind": flag.kind, "id": flag.target, "post": flag.post_id, "group": flag.group_id,
            "author": {"id": flag.author_id, "name": flag.author_name},
            "excerpt": flag.excerpt, "reports": int(flag.reports or 0),
            "reasons": sorted(flag.reasons or ()), "text": flag.last_text or "",
            "since": flag.gsi1sk, "updated": flag.updated}


def queue(viewer: Viewer, params: dict) -> dict:
    """Open flags, oldest first, 20 a page: one Query. `?group=` reads a group's queue (its
    managers, and organisation moderators); without it, the organisation's (content managers
    and admins)."""
    group_id = params.get("group")
    if group_id is not None:
        standing.check_id(group_id)
    if not rules.may_moderate(viewer, group_id):
        raise forbidden("Only moderators read this queue.")
    after = cursors.decode(params["cursor"], is_id) if params.get("cursor") else None
    condition = Flag.gsi1sk > after if after else None
    found = list(Flag.in_queue.query(queue_partition(group_id), condition, limit=QUEUE_PAGE,
                                     page_size=QUEUE_PAGE))
    more = len(found) == QUEUE_PAGE
    return {"items": [flag_json(f) for f in found],
            "next": cursors.encode(found[-1].gsi1sk) if more else None}
