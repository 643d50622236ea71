"""Enrolling and cancelling: a waiting list that never loses a seat or promotes twice.

Every change is one TransactWrite of named parts, each conditioned on what it needs to be
true, never a read-modify-write:

- enrol: the event's ticket counter is taken by ADD (its number orders the waiting list by
  arrival); then either `going` +1, conditioned on a free seat and nobody waiting, or
  `waiting` +1, conditioned on the event being full or someone waiting, together with the
  enrolment item conditioned on the state we read. A failed condition means the event moved
  under us: the other branch is tried, with the same ticket.
- cancel while going: the head of the waiting list (one Query) goes from waiting to going,
  conditioned on still waiting, in the same transaction that cancels us; with nobody waiting,
  `going` −1, conditioned on `waiting = 0` so a newcomer who just queued is promoted instead.
  Two people cancelling at once both find the same head; only one transaction can move it,
  the other sees its condition fail and promotes the next: one promotion per cancellation.

The counts on the event item change only by ADD inside these transactions, so they always
equal the lists.
"""

import time
from datetime import datetime

from pynamodb.exceptions import DeleteError, UpdateError

from ...clock import Clock, iso, system_clock
from ...errors import ApiError
from ...models.events import Enrolment, Event
from ...models.transactions import Conflict, transaction
from ..viewer import Viewer
from . import rules
from .present import is_open, to_json

ATTEMPTS = 12


class Raced(Exception):
    """Named parts of a transaction whose conditions no longer held."""

    def __init__(self, failed: set[str]):
        super().__init__(", ".join(sorted(failed)))
        self.failed = failed


class _Named:
    """The transaction as one part sees it: every write it adds carries the part's name, so a
    failure names the part whatever order PynamoDB sends them in."""

    def __init__(self, tx, name: str):
        self._tx, self._name = tx, name

    def __getattr__(self, attr):
        write = getattr(self._tx, attr)
        return lambda *args, **kwargs: write(*args, name=self._name, **kwargs)


def commit(parts: list[tuple[str, callable]]) -> None:
    """Runs the named parts in one transaction; Raced names those whose condition failed (or
    that still raced after the transaction's own retries)."""
    try:
        with transaction() as tx:
            for name, add in parts:
                add(_Named(tx, name))
    except Conflict as err:
        raise Raced(set(err.reasons)) from err


def _backoff(attempt: int) -> None:
    time.sleep(min(0.005 * 2 ** attempt, 0.2))


def find(event_id: str, person_id: str) -> Enrolment | None:
    try:
        return Enrolment.get(*Enrolment.key(event_id, person_id), consistent_read=True)
    except Enrolment.DoesNotExist:
        return None


def _shell(event_id: str) -> Event:
    return Event(*Event.key(event_id))


def _as_read(current: Enrolment | None):
    if current is None:
        return Enrolment.pk.does_not_exist()
    return (Enrolment.state == current.state) & (Enrolment.position == current.position)


def _item(event_id: str, viewer: Viewer, state: str, position: int, now: str) -> Enrolment:
    return Enrolment(*Enrolment.key(event_id, viewer.id),
                     gsi1pk=Enrolment.person_partition(viewer.id), gsi1sk=event_id,
                     gsi2pk=Enrolment.roster_partition(event_id, state),
                     gsi2sk=Enrolment.roster_key(position), event_id=event_id,
                     person_id=viewer.id, person_name=viewer.name, state=state,
                     position=position, since=now, changed=now)


def _has_seat(event: Event) -> bool:
    return event.capacity is None or (event.going < event.capacity and not event.waiting)


_ACTIVE = Event.status == "active"
_SEAT_FREE = _ACTIVE & (Event.capacity.does_not_exist()
                        | ((Event.going < Event.capacity) & (Event.waiting == 0)))
_ROOM = _ACTIVE & (Event.capacity.does_not_exist() | (Event.going < Event.capacity))
_FULL = _ACTIVE & Event.capacity.exists() & ((Event.going >= Event.capacity)
                                             | (Event.waiting > 0))


def _check_open(event: Event, now: datetime) -> None:
    if event.status != "active":
        raise ApiError(409, "cancelled", "This event is cancelled.")
    if not is_open(event, now):
        raise ApiError(409, "closed", "Enrolment for this event has closed.", "deadline")


def _take_ticket(event_id: str) -> Event:
    """ADD 1 to the event's ticket counter; the event as it is now, the new number included."""
    event = _shell(event_id)
    try:
        event.update(actions=[Event.tickets.add(1)], condition=_ACTIVE)
    except UpdateError as err:
        if err.cause_response_code != "ConditionalCheckFailedException":
            raise
        raise ApiError(409, "cancelled", "This event is cancelled.") from None  # just now
    return event


def _enrol_once(viewer: Viewer, event: Event, current: Enrolment | None,
                now: str) -> tuple[Event, Enrolment]:
    ticketed = _take_ticket(event.id)
    position, going = int(ticketed.tickets), _has_seat(ticketed)
    for attempt in range(ATTEMPTS):
        state = "going" if going else "waiting"
        item = _item(event.id, viewer, state, position, now)
        counter = Event.going if going else Event.waiting
        parts = [
            ("event", lambda tx, c=counter, g=going: tx.update(
                _shell(event.id), actions=[c.add(1)], condition=_SEAT_FREE if g else _FULL)),
            ("enrolment", lambda tx, i=item: tx.save(i, condition=_as_read(current))),
        ]
        try:
            commit(parts)
        except Raced as race:
            if "enrolment" in race.failed:
                raise  # a second request of this person's got there first: read again
            going = not going  # a seat freed up, or the last one went: the other branch
            if attempt:
                _backoff(attempt)
            continue
        # The counts as the ticket saw them, plus ours: no read after the write.
        setattr(ticketed, counter.attr_name, (getattr(ticketed, counter.attr_name) or 0) + 1)
        return ticketed, item
    raise ApiError(409, "busy", "The event changed too often; try again.")


def enrol(viewer: Viewer, event_id: str, clock: Clock) -> tuple[dict, str]:
    """(the event, the viewer's state: going or waiting). Enrolling again changes nothing."""
    found = rules.load(viewer, event_id)
    event = found.event
    for attempt in range(ATTEMPTS):
        mine = find(event.id, viewer.id)
        if mine is None or mine.state == "cancelled":
            _check_open(event, clock())
            try:
                event, mine = _enrol_once(viewer, event, mine, iso(clock()))
            except Raced:
                _backoff(attempt)
                continue
        answer = rules.EventStanding(viewer, event, found.group)
        return to_json(event, clock(), mine, answer), mine.state
    raise ApiError(409, "busy", "The event changed too often; try again.")


def _head(event_id: str) -> Enrolment | None:
    """The first on the waiting list. A Query of the index: a waiter it does not show yet is
    behind the one it does, and an empty answer while `waiting > 0` fails the condition."""
    return next(iter(Enrolment.roster.query(Enrolment.roster_partition(event_id, "waiting"),
                                            limit=1)), None)


def _cancelled(tx, current: Enrolment, now: str) -> None:
    tx.update(current, actions=[Enrolment.state.set("cancelled"),
                                Enrolment.gsi1pk.set(Enrolment.cancelled_partition(
                                    current.person_id)),
                                Enrolment.gsi2pk.set(Enrolment.roster_partition(
                                    current.event_id, "cancelled")),
                                Enrolment.changed.set(now)],
              condition=_as_read(current))


def _promoted(tx, head: Enrolment, now: str) -> None:
    tx.update(head, actions=[Enrolment.state.set("going"), Enrolment.promoted.set(True),
                             Enrolment.gsi2pk.set(Enrolment.roster_partition(head.event_id,
                                                                             "going")),
                             Enrolment.changed.set(now)],
              condition=_as_read(head))


def _cancel_parts(event: Event, current: Enrolment, now: str) -> list:
    shell = _shell(event.id)
    me = ("enrolment", lambda tx: _cancelled(tx, current, now))
    if current.state == "waiting":
        return [me, ("event", lambda tx: tx.update(shell, actions=[Event.waiting.add(-1)]))]
    if event.status != "active":  # a cancelled event promotes nobody
        return [me, ("event", lambda tx: tx.update(shell, actions=[Event.going.add(-1)]))]
    head = _head(event.id)
    if head is None:
        return [me, ("event", lambda tx: tx.update(shell, actions=[Event.going.add(-1)],
                                                     condition=Event.waiting == 0))]
    return [me, ("head", lambda tx: _promoted(tx, head, now)),
            ("event", lambda tx: tx.update(shell, actions=[Event.waiting.add(-1)]))]


def cancel(viewer: Viewer, event_id: str, clock: Clock) -> dict:
    """Cancels the viewer's enrolment; a seat they leave goes to the head of the waiting
    list. Cancelling again changes nothing."""
    found = rules.load(viewer, event_id)
    for attempt in range(ATTEMPTS):
        current = find(found.event.id, viewer.id)
        if current is None or current.state == "cancelled":
            break
        # Only a seat being left needs the event as it is now (its status, for promoting).
        event = (rules.find(found.event.id, consistent=True) if current.state == "going"
                 else found.event)
        try:
            commit(_cancel_parts(event, current, iso(clock())))
            break
        except Raced:
            _backoff(attempt)
    else:
        raise ApiError(409, "busy", "The event changed too often; try again.")
    latest = rules.find(found.event.id, consistent=True)
    return to_json(latest, clock(), None, rules.EventStanding(viewer, latest, found.group))


def fill(event_id: str, clock: Clock, limit: int = 25) -> int:
    """After capacity was raised: lets in up to `limit` from the head of the waiting list,
    each in its own conditioned transaction. Returns how many."""
    moved = 0
    for attempt in range(limit + ATTEMPTS):
        event = rules.find(event_id, consistent=True)
        if moved >= limit or event is None or event.status != "active" or not event.waiting:
            break
        if event.capacity is not None and event.going >= event.capacity:
            break
        head = _head(event_id)
        if head is None:
            break
        try:
            commit([("head", lambda tx, h=head: _promoted(tx, h, iso(clock()))),
                    ("event", lambda tx: tx.update(
                        _shell(event_id), actions=[Event.going.add(1), Event.waiting.add(-1)],
                        condition=_ROOM))])
            moved += 1
        except Raced:
            _backoff(min(attempt, 5))
    return moved


def erase(item: Enrolment, clock: Clock = system_clock) -> bool:
    """A departing employee's enrolment (own data): a seat they leave goes to the head of the
    waiting list as a cancellation's would, then the item goes, with their name. Whether they
    may still see the event does not matter here."""
    for attempt in range(ATTEMPTS):
        current = find(item.event_id, item.person_id)
        if current is None:
            return False
        if current.state == "cancelled":
            try:
                current.delete(condition=_as_read(current))
                return True
            except DeleteError as err:
                if err.cause_response_code != "ConditionalCheckFailedException":
                    raise
                continue  # re-enrolled meanwhile: cancel that first
        event = rules.find(item.event_id, consistent=True)
        try:
            commit(_cancel_parts(event, current, iso(clock())))
        except Raced:
            _backoff(attempt)
    raise ApiError(409, "busy", "The event changed too often; try again.")
