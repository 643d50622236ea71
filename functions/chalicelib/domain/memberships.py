"""Joining, leaving, requests, invitations and managers: every change is one transaction.

A membership item and the group's counters change together in a TransactWrite, each part
conditioned on the state this request read. When another request got there first, the
condition fails, the standing is read again and the decision is made again, so concurrent
joins and leaves never lose a count and a repeated request changes nothing the second time.
"""

from ..clock import Clock, iso
from ..errors import ApiError, conflict, forbidden, invalid, not_found
from ..models import Group, Membership
from ..models.notifications import Declined
from ..models.transactions import Conflict, retrying, transaction
from . import people
from .contributions import actor_role, contribution
from .moderation import newcomers
from .standing import Standing, find_membership, load, managed
from .viewer import Viewer


def commit(build) -> None:
    with transaction() as tx:
        build(tx)


def _retrying(decide):
    """Runs decide() until it commits or finds nothing to do. Any Conflict means our view of
    the group or the membership changed under us: read again, decide again."""
    try:
        return retrying(decide, when=lambda err: True)
    except Conflict:
        raise ApiError(409, "busy", "The group changed too often; try again.") from None


def _member_item(group: Group, person_id: str, person_name: str, state: str, role: str,
                 since: str, invited_by: str | None = None) -> Membership:
    pk, sk = Membership.key(group.id, person_id)
    mine = Membership.person_partition(state, person_id)
    return Membership(
        pk, sk, gsi1pk=mine, gsi1sk=group.id if mine else None,
        gsi2pk=Membership.roster_partition(group.id, state),
        gsi2sk=f"{person_name.casefold()}#{person_id}", group_id=group.id, person_id=person_id,
        person_name=person_name, state=state, role=role, since=since, invited_by=invited_by)


def _unchanged(current: Membership | None):
    """The condition that the membership item is still what we read."""
    if current is None:
        return Membership.pk.does_not_exist()
    return (Membership.state == current.state) & (Membership.role == current.role)


def move(tx, group: Group, current: Membership | None, item: Membership | None,
          members: int = 0, managers: int = 0, keep_a_manager: bool = False) -> None:
    """Puts `item` (or deletes `current` when item is None) and adjusts the group's counts."""
    if item is None:
        tx.delete(current, condition=_unchanged(current))
        if current.state == "member":
            newcomers.forget(tx, current)
    else:
        tx.save(item, condition=_unchanged(current))
        if members > 0 and item.state == "member":
            # A group's managers see who joined this week (docs/community.md).
            newcomers.record(tx, item)
    shell = Group(*Group.key(group.id))
    condition = Group.status != "deleted"
    if keep_a_manager:
        condition &= Group.manager_count > 1
    actions = []
    if members:
        actions.append(Group.member_count.add(members))
    if managers:
        actions.append(Group.manager_count.add(managers))
    if actions:
        tx.update(shell, actions=actions, condition=condition)
    else:
        tx.condition_check(Group, shell.pk, shell.sk, condition=condition)


def _standing_left(group_id: str, person_id: str, item: Membership | None) -> dict:
    """The standing a change left behind, from what was written: no read-back needed."""
    if item is None:
        return {"group_id": group_id, "person": {"id": person_id}, "state": None, "role": None}
    return to_json(item)


def to_json(item: Membership) -> dict:
    return {"group_id": item.group_id, "person": {"id": item.person_id, "name": item.person_name},
            "state": item.state, "role": item.role, "since": item.since}


def _archived() -> ApiError:
    return ApiError(409, "archived", "This group is archived and read-only.")


def check_self(viewer: Viewer, person: str) -> None:
    if person not in ("me", viewer.id):
        raise invalid("person", "Only you can join for yourself; invite colleagues instead.")


def join(viewer: Viewer, group_id: str, clock: Clock) -> dict:
    """Open groups (and invitees, and admins outside secret groups): member at once. Closed:
    a request. Secret: only by invitation."""

    def decide():
        st = load(viewer, group_id)
        if not st.is_active:
            raise _archived()
        current, group = st.membership, st.group
        if st.state == "member" or (st.state == "requested" and not st.may("join")):
            return _standing_left(group_id, viewer.id, current)
        if st.may("join"):
            now = clock()
            item = _member_item(group, viewer.id, viewer.name, "member", "member", iso(now))

            def build(tx):
                move(tx, group, current, item, members=1)
                contribution(tx, "join", group_id, actor_role(viewer), now)

            commit(build)
        elif st.may("ask"):
            item = _member_item(group, viewer.id, viewer.name, "requested", "member",
                                iso(clock()))
            commit(lambda tx: move(tx, group, current, item))
        else:  # a secret group one was not invited to (an admin sees it, and is refused)
            raise forbidden("Only invited colleagues join a secret group.")
        return _standing_left(group_id, viewer.id, item)

    return _retrying(decide)


def _drop(st: Standing, current: Membership) -> None:
    """Removes `current` from the group; the last manager stays until someone is promoted."""
    if current.state != "member":
        commit(lambda tx: move(tx, st.group, current, None))
        return
    manager = current.role == "manager"
    if manager and st.group.manager_count <= 1:
        raise conflict("The last manager cannot leave; promote someone else first.")
    commit(lambda tx: move(tx, st.group, current, None, members=-1,
                             managers=-1 if manager else 0, keep_a_manager=manager))


def leave(viewer: Viewer, group_id: str) -> dict:
    """Leaves, cancels a request or declines an invitation; nothing to undo is fine too."""

    def decide():
        st = load(viewer, group_id)
        if st.membership is not None:
            _drop(st, st.membership)
        return _standing_left(group_id, viewer.id, None)

    return _retrying(decide)


def _target(person: str) -> tuple[str, str, str]:
    if not isinstance(person, str) or not person:
        raise invalid("person", "Name a colleague by id or email.")
    found = people.by_email(person) if "@" in person else people.get(person)
    if found is None:
        raise not_found("person")
    return found.id, found.name, found.role


def invite(viewer: Viewer, group_id: str, data: dict, clock: Clock) -> dict:
    """Managers invite; inviting someone who asked to join lets them in."""
    person_id, person_name, person_role = _target(data.get("person"))

    def decide():
        st = managed(viewer, group_id)
        if not st.is_active:
            raise _archived()
        current = find_membership(group_id, person_id)
        state = current.state if current else None
        if state in ("member", "invited"):
            return _standing_left(group_id, person_id, current)
        if state == "requested":  # they asked, so this is their join
            now = clock()
            item = _member_item(st.group, person_id, person_name, "member", "member",
                                iso(now), viewer.id)

            def build(tx):
                move(tx, st.group, current, item, members=1)
                contribution(tx, "join", group_id, person_role, now)

            commit(build)
        else:
            item = _member_item(st.group, person_id, person_name, "invited", "member",
                                iso(clock()), viewer.id)
            commit(lambda tx: move(tx, st.group, current, item))
        return _standing_left(group_id, person_id, item)

    return _retrying(decide)


def answer_request(viewer: Viewer, group_id: str, person_id: str, approve: bool,
                   clock: Clock) -> dict:
    def decide():
        st = managed(viewer, group_id)
        if not st.is_active:
            raise _archived()
        current = find_membership(group_id, person_id)
        state = current.state if current else None
        if state == "member" and approve:
            return _standing_left(group_id, person_id, current)
        if state != "requested":
            if not approve and state is None:
                return _standing_left(group_id, person_id, None)
            raise not_found("request")
        now, item, joiner = clock(), None, None
        if approve:
            item = _member_item(st.group, person_id, current.person_name, "member", "member",
                                iso(now), viewer.id)
            joiner = people.get(person_id)

        def build(tx):
            move(tx, st.group, current, item, members=1 if approve else 0)
            if approve:
                contribution(tx, "join", group_id, joiner.role if joiner else "employee", now)
            else:  # the stream cannot tell a declined request from a withdrawn one
                tx.save(declined(group_id, person_id, current.since, viewer.id, now))

        commit(build)
        return _standing_left(group_id, person_id, item)

    return _retrying(decide)


def declined(group_id: str, person_id: str, since: str, by: str, now) -> Declined:
    """The record that tells the asker (through the stream) their request was declined."""
    return Declined(*Declined.key(group_id, person_id, since), group_id=group_id,
                    person_id=person_id, by=by,
                    expires=int(now.timestamp()) + 90 * 24 * 3600)


def remove(viewer: Viewer, group_id: str, person_id: str) -> dict:
    if person_id == viewer.id:
        return leave(viewer, group_id)

    def decide():
        st = managed(viewer, group_id)
        current = find_membership(group_id, person_id)
        if current is not None:
            _drop(st, current)
        return _standing_left(group_id, person_id, None)

    return _retrying(decide)


def set_role(viewer: Viewer, group_id: str, person_id: str, data: dict) -> dict:
    role = data.get("role")
    if role not in ("member", "manager"):
        raise invalid("role", "Role must be member or manager.")

    def decide():
        st = load(viewer, group_id)
        # A manager may step down themselves; everything else is for managers and admins.
        if not (st.may("manage") or (person_id == viewer.id and st.is_manager)):
            raise forbidden("Only the group's managers can do that.")
        current = find_membership(group_id, person_id)
        if current is None or current.state != "member":
            raise not_found("member")
        if current.role == role:
            return to_json(current)
        if role == "member" and st.group.manager_count <= 1:
            raise conflict("A group needs a manager; promote someone else first.")
        item = Membership(**{**current.attribute_values, "role": role})
        step = 1 if role == "manager" else -1
        commit(lambda tx: move(tx, st.group, current, item, managers=step,
                               keep_a_manager=step < 0))
        return to_json(item)

    return _retrying(decide)


def first_manager(group: Group, person_id: str, person_name: str, since: str) -> Membership:
    return _member_item(group, person_id, person_name, "member", "manager", since)
