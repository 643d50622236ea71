"""Events editors publish in content/events/, applied by infra/events_sync.py.

A definition goes through the same field checks as a request (`fields.parse`), so a file can
hold nothing the API would refuse. Organisers are looked up by email; one without a profile
yet is skipped with a warning and becomes an organiser on a later sync.
"""

import logging

from pynamodb.exceptions import PutError, UpdateError

from ...clock import Clock, iso
from ...errors import ApiError
from ...models import Group
from ...models.events import Event, group_events
from .. import covers, people
from . import fields, rules

log = logging.getLogger(__name__)


class Refused(ValueError):
    """The definition cannot be applied (a field the API refuses, a group that is gone)."""


def _organisers(emails) -> str | None:
    found = []
    for email in emails:
        person = people.by_email(email)
        if person is None:
            log.warning("event organiser %s has no profile yet; skipped", email)
        else:
            found.append(person.id)
    return " ".join(found) or None


def _group(group_id: str | None) -> Group | None:
    if group_id is None:
        return None
    try:
        group = Group.get(*Group.key(group_id))
    except Group.DoesNotExist:
        raise Refused(f"no group {group_id}") from None
    if group.status == "deleted":
        raise Refused(f"group {group_id} was deleted")
    return group


def _values(definition, clock: Clock, before: Event | None) -> dict:
    data = definition.fields()
    if before is not None:
        data = {k: v for k, v in data.items() if k in fields.EDITABLE}
    try:
        values = fields.parse(data, clock(), before=before)
        cover = covers.parse({"cover": definition.cover}).path
    except ApiError as err:
        raise Refused(f"{err.field}: {err.reason}") from None
    group = _group(definition.group)
    return {**values, "cover": cover, "group_id": group.id if group else None,
            "group_name": group.name if group else None,
            "organisers": _organisers(definition.organisers)}


def upsert(definition, clock: Clock, page: str) -> str:
    """'created', 'updated' or 'unchanged'. SEQUENCE rises only when something changed."""
    now = iso(clock())
    before = rules.find(definition.id, consistent=True)
    values = _values(definition, clock, before)
    key = Event.sort_key(values["starts"], definition.id)
    if before is None:
        event = Event(*Event.key(definition.id), gsi1sk=key, gsi2pk=group_events(
            values["group_id"]), gsi2sk=key, id=definition.id, **values, official=True,
            page=page, status="cancelled" if definition.cancelled else "active", sequence=0,
            created=now, updated=now)
        try:
            event.save(condition=Event.pk.does_not_exist())
            return "created"
        except PutError:
            before = rules.find(definition.id, consistent=True)  # made meanwhile: update it
    if before.capacity is not None and values["capacity"] is not None and \
            before.going > values["capacity"]:
        log.warning("event %s: %d going, capacity %d not applied", definition.id,
                    before.going, values["capacity"])
        values["capacity"] = int(before.capacity)
    wanted = {**values, "gsi1sk": key, "gsi2sk": key, "gsi2pk": group_events(values["group_id"]),
              "official": True, "page": page}
    if definition.cancelled:
        wanted["status"] = "cancelled"
    changed = {k: v for k, v in wanted.items() if getattr(before, k) != v}
    if not changed:
        return "unchanged"
    actions = [getattr(Event, k).remove() if v is None else getattr(Event, k).set(v)
               for k, v in changed.items()]
    actions += [Event.sequence.add(1), Event.updated.set(now)]
    try:
        before.update(actions=actions, condition=Event.sequence == before.sequence)
    except UpdateError as err:
        raise Refused("it changed during the sync; run it again") from err
    return "updated"
