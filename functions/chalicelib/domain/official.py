"""Official groups, defined by editors in content/groups/ and applied by infra/groups_sync.py.

The definition's managers are looked up by email; one who has no profile yet is skipped with a
warning and becomes a manager on a later sync, once they have one.
"""

import logging
from collections.abc import Callable

from ..clock import Clock, iso
from ..models import Group, Membership
from ..models.groups import LISTED, UNLISTED, listing
from ..models.transactions import Conflict, retrying
from . import people
from .memberships import commit, first_manager, move

log = logging.getLogger(__name__)


def _managers(emails) -> list:
    found = []
    for email in emails:
        person = people.by_email(email)
        if person is None:
            log.warning("official group manager %s has no profile yet; skipped", email)
        else:
            found.append(person)
    return found


def _create(definition, managers: list, now: str) -> None:
    group = Group(*Group.key(definition.id), gsi1pk=listing(definition.visibility),
                  gsi1sk=Group.sort_name(definition.name, definition.id), id=definition.id,
                  name=definition.name, description=definition.description,
                  cover=definition.cover, visibility=definition.visibility, status="active",
                  official=True, member_count=len(managers), manager_count=len(managers),
                  created=now)

    def build(tx):
        tx.save(group, condition=Group.pk.does_not_exist())
        for person in managers:
            tx.save(first_manager(group, person.id, person.name, now),
                    condition=Membership.pk.does_not_exist())

    commit(build)


def _ensure_manager(group: Group, person, now: str) -> None:
    def attempt():
        try:
            current = Membership.get(*Membership.key(group.id, person.id))
        except Membership.DoesNotExist:
            current = None
        if current and current.state == "member" and current.role == "manager":
            return
        joining = not (current and current.state == "member")
        item = first_manager(group, person.id, person.name, now)
        commit(lambda tx: move(tx, group, current, item, members=1 if joining else 0,
                               managers=1))

    try:
        retrying(attempt, when=lambda err: True)
    except Conflict:  # still contended: the next sync makes them manager
        log.warning("official group %s: %s not made manager (contended)", group.id, person.id)


def upsert(definition, clock: Clock, discard: Callable[[str], None] | None = None) -> str:
    """'created', 'updated' or 'skipped' (deleted by an admin). `discard` deletes the files of
    an uploaded cover the definition's replaces; None when the caller does not know the
    uploads bucket for sure."""
    now = iso(clock())
    managers = _managers(definition.managers)
    try:
        group = Group.get(*Group.key(definition.id))
    except Group.DoesNotExist:
        try:
            _create(definition, managers, now)
            return "created"
        except Conflict:
            group = Group.get(*Group.key(definition.id))  # created meanwhile: update it
    if group.status == "deleted":
        return "skipped"
    actions = [Group.name.set(definition.name), Group.description.set(definition.description),
               Group.visibility.set(definition.visibility),
               Group.gsi1pk.set(listing(definition.visibility)),
               Group.gsi1sk.set(Group.sort_name(definition.name, definition.id)),
               Group.official.set(True)]
    # The definition's cover wins over an uploaded one; without one, managers may upload theirs.
    actions += ([Group.cover.set(definition.cover), Group.cover_photo.remove()]
                if definition.cover else [Group.cover.remove()])
    replaced = group.cover_photo.id if definition.cover and group.cover_photo else None
    group.update(actions=actions)
    if replaced and discard:
        discard(replaced)  # after the write, as the API does: never a broken cover
    elif replaced:
        log.warning("official group %s: uploaded cover %s replaced by %s; its web sizes stay "
                    "(no uploads bucket given)", definition.id, replaced, definition.cover)
    for person in managers:
        _ensure_manager(group, person, now)
    return "updated"


def outcome(definition) -> str:
    """What `upsert` would do with `definition`, without writing: for a deploy's dry run."""
    try:
        group = Group.get(*Group.key(definition.id))
    except Group.DoesNotExist:
        return "created"
    return "skipped" if group.status == "deleted" else "updated"


def official_ids() -> list[str]:
    """Ids of the groups marked official, listed or archived (deleted ones are gone from the
    listings). Queries every listing partition: for the offline sync only, never a request."""
    marked = Group.official == True  # noqa: E712 (a PynamoDB condition, not a comparison)
    return [g.id for partition in (LISTED, UNLISTED)
            for g in Group.listed.query(partition, filter_condition=marked)]


def unmark(group_id: str) -> None:
    """The definition file was removed: the group and its members and posts stay, run by its
    managers like any other group, but it is no longer presented as official."""
    marked = Group.official == True  # noqa: E712 (a PynamoDB condition)
    Group(*Group.key(group_id)).update(actions=[Group.official.set(False)], condition=marked)
