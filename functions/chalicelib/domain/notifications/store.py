"""Writing notifications with the unread counter exact, in bounded transactions.

A notification and the `ADD` on its person's counter are one transaction, conditioned on the
note being new (or unread, to mark it read), so redelivery and double clicks move nothing
twice. Many of them go in chunks of `CHUNK` per TransactWrite; the parts whose condition
failed are dropped and the rest sent again, so one existing note never blocks the others.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ...clock import iso
from ...models.notifications import Forgotten, Notification, Unread
from ...models.transactions import Conflict, transaction

KEEP = timedelta(days=90)  # the TTL: notifications are personal data kept no longer
CHUNK = 40  # parts per transaction: each is at most two items, a TransactWrite takes 100
DIGESTS = ("daily", "weekly")


@dataclass(frozen=True)
class Part:
    """Some writes that must land together (a note and its counter), keyed for the caller."""

    key: str  # unique among the parts committed together
    ops: Callable  # (tx) -> None, adding at most two operations


class _Named:
    """The transaction as one part sees it: every write it adds carries the part's key as its
    name, so a cancellation names the parts whatever order PynamoDB sends the writes in."""

    def __init__(self, tx, name: str):
        self._tx, self._name = tx, name

    def __getattr__(self, attr):
        write = getattr(self._tx, attr)
        return lambda *args, **kwargs: write(*args, name=self._name, **kwargs)


def commit_each(parts: Iterable[Part]) -> set[str]:
    """Commits every part; returns the keys of those whose condition failed (nothing to do)."""
    failed: set[str] = set()
    pending = list(parts)
    while pending:
        chunk, pending = pending[:CHUNK], pending[CHUNK:]
        while chunk:
            try:
                with transaction() as tx:
                    for part in chunk:
                        part.ops(_Named(tx, part.key))
                break
            except Conflict as err:
                # Races were retried by the transaction itself; what is left is an answer.
                if not err.failed:
                    raise
                failed |= err.failed
                chunk = [p for p in chunk if p.key not in err.failed]
    return failed


def counter(person_id: str) -> Unread:
    return Unread(*Unread.key(person_id))


def expires(moment: datetime) -> int:
    return int((moment + KEEP).timestamp())


def inbox_sort(updated: str, note_id: str) -> str:
    return f"{updated}#{note_id}"


def pending_keys(mail: str, person_id: str, created: str, note_id: str) -> dict:
    """The sparse digest index: only notes whose mail is still to go in a digest have it."""
    if mail not in DIGESTS:
        return {}
    return {"gsi2pk": f"DIGEST#{mail}", "gsi2sk": f"{person_id}#{created}#{note_id}"}


def new_note(person_id: str, note_id: str, type_name: str, mail: str, at: datetime,
             **fields) -> Notification:
    created = iso(at)
    pk, sk = Notification.key(person_id, note_id)
    return Notification(pk, sk, gsi1pk=Notification.partition(person_id),
                        gsi1sk=inbox_sort(created, note_id), id=note_id, person_id=person_id,
                        type=type_name, created=created, updated=created, read=False,
                        mail=mail, expires=expires(at),
                        **pending_keys(mail, person_id, created, note_id), **fields)


def create_part(note: Notification) -> Part:
    def ops(tx):
        tx.save(note, condition=Notification.pk.does_not_exist())
        tx.update(counter(note.person_id), actions=[Unread.unread.add(1)])

    return Part(note.person_id, ops)


def mark_read(person_id: str, note_ids: Iterable[str]) -> int:
    """Marks these of the person's notes read; returns how many were unread. One transaction
    per 99 notes with one ADD on the counter for all of them (a transaction may touch an
    item once); notes already read (or not the person's) fail their condition and are left
    out of the next attempt."""
    ids = list(dict.fromkeys(note_ids))
    marked = 0
    for start in range(0, len(ids), 99):
        chunk = ids[start:start + 99]
        while chunk:
            try:
                with transaction() as tx:
                    for note_id in chunk:
                        tx.update(Notification(*Notification.key(person_id, note_id)),
                                  actions=[Notification.read.set(True)],
                                  condition=Notification.pk.exists()
                                  & (Notification.read == False),  # noqa: E712
                                  name=f"note {note_id}")
                    tx.update(counter(person_id), actions=[Unread.unread.add(-len(chunk))],
                              name="counter")
                marked += len(chunk)
                break
            except Conflict as err:
                if not err.failed:
                    raise
                chunk = [n for n in chunk if f"note {n}" not in err.failed]
    return marked


def mark_delivered(person_id_and_ids: Iterable[tuple[str, str]], at: datetime) -> None:
    """`deliver_now` returned for these: a redelivered record will not deliver them again."""
    def part(person_id, note_id):
        return Part(f"{person_id}/{note_id}", lambda tx: tx.update(
            Notification(*Notification.key(person_id, note_id)),
            actions=[Notification.delivered.set(iso(at))],
            condition=Notification.pk.exists()))

    commit_each(part(p, n) for p, n in person_id_and_ids)


def mark_mailed(person_id: str, note_ids: Iterable[str], at: datetime) -> None:
    """For the digest job: these went out; they leave the pending digest index."""
    def part(note_id):
        return Part(note_id, lambda tx: tx.update(
            Notification(*Notification.key(person_id, note_id)),
            actions=[Notification.mailed.set(iso(at)), Notification.gsi2pk.remove(),
                     Notification.gsi2sk.remove()],
            condition=Notification.pk.exists()))

    commit_each(part(n) for n in dict.fromkeys(note_ids))


def unread(person_id: str) -> int:
    try:
        return max(int(Unread.get(*Unread.key(person_id)).unread or 0), 0)
    except Unread.DoesNotExist:
        return 0


def add_liker(person_id: str, note_id: str, liker_id: str, liker_name: str, at: datetime,
              mail: str, **fields) -> Notification | None:
    """One likes note per post that updates: returns the note when it is new (to deliver),
    None when it only changed or already counted this liker (a redelivered like)."""
    key = Notification.key(person_id, note_id)
    for _ in range(5):
        try:
            current = Notification.get(*key, consistent_read=True)
        except Notification.DoesNotExist:
            note = new_note(person_id, note_id, "likes", mail, at, actors={liker_id},
                            actor_id=liker_id, actor_name=liker_name, **fields)
            if not commit_each([create_part(note)]):
                return note
            continue  # someone else's like created it meanwhile: add to theirs
        if liker_id in (current.actors or set()):
            return None
        if not commit_each([_liked_part(current, liker_id, liker_name, at,
                                        fields.get("kinds") or set())]):
            return None
    raise RuntimeError(f"likes note {person_id}/{note_id} kept changing")


def _liked_part(current: Notification, liker_id: str, liker_name: str, at: datetime,
                kinds: set[str]) -> Part:
    updated = iso(at)
    actions = [Notification.actors.add({liker_id}), Notification.actor_id.set(liker_id),
               Notification.actor_name.set(liker_name), Notification.updated.set(updated),
               Notification.gsi1sk.set(inbox_sort(updated, current.id)),
               Notification.read.set(False), Notification.expires.set(expires(at))]
    if kinds:
        actions.append(Notification.kinds.add(kinds))
    if current.mail in DIGESTS:  # the grown count goes out in the next digest again
        keys = pending_keys(current.mail, current.person_id, updated, current.id)
        actions += [Notification.gsi2pk.set(keys["gsi2pk"]),
                    Notification.gsi2sk.set(keys["gsi2sk"]), Notification.mailed.remove()]
    condition = (Notification.pk.exists() & ~Notification.actors.contains(liker_id)
                 & (Notification.read == bool(current.read)))

    def ops(tx):
        tx.update(current, actions=actions, condition=condition)
        if current.read:  # unread again: the bell counts it again
            tx.update(counter(current.person_id), actions=[Unread.unread.add(1)])

    return Part(current.id, ops)


def note_removed(change) -> None:
    """A stream consumer: an unread note that went (its 90 days' TTL, or an erasure) comes
    off the bell's count, once however often the removal is delivered; a counter that is
    gone already (the account was erased) is left gone."""
    if (change.event != "REMOVE" or not change.pk.startswith("NOTES#")
            or not change.sk.startswith("N#") or (change.old or {}).get("read", True)):
        return
    person_id, note_id = change.pk.removeprefix("NOTES#"), change.sk.removeprefix("N#")
    marker = Forgotten(*Forgotten.key(person_id, note_id),
                       expires=int(datetime.now().timestamp()) + 3 * 24 * 3600)
    try:
        with transaction() as tx:
            tx.save(marker, condition=Forgotten.pk.does_not_exist())
            tx.update(counter(person_id), actions=[Unread.unread.add(-1)],
                      condition=Unread.pk.exists())
    except Conflict as err:
        if not err.failed:
            raise
