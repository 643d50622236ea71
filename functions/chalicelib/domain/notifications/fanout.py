"""The fan-out core: a stream change becomes drafts (`rules`), a draft becomes notifications
for its recipients, in bounded batches, with access checked for each recipient.

Per batch of `BATCH` recipients: one BatchGet (their profiles, settings and, for a group,
memberships), one TransactWrite per `store.CHUNK` new notes with their counters, the
deliverer's calls, and one TransactWrite marking those delivered. A group of 1,000
followers is about 30 such batches (bench/notifications.py measures it).
"""

import importlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import islice

from ...clock import Clock, system_clock
from ...models import Group, Membership, Person
from ...models.notifications import Notification, NotifySettings
from ..i18n import translations
from ..permissions import Standing
from ..viewer import Viewer
from . import preferences, store, types

log = logging.getLogger("plein.notifications")
BATCH = 33  # recipients per BatchGet: three keys each, and a BatchGet takes 100


@dataclass
class Draft:
    """One notification for many recipients. `access` is what a recipient must be allowed in
    the group: "read" its posts, be a "member" (every post: an open group's posts are
    readable by all, but only members chose them), "see" it (an invitation to a secret
    group), or "none" (a declined request, about a group the asker may no longer see)."""

    note_id: str
    type: str
    recipients: Iterable[str]
    at: datetime
    actor_id: str | None = None
    actor_name: str | None = None
    post_id: str | None = None
    comment_id: str | None = None
    thread: str | None = None
    group: Group | None = None
    access: str = "read"
    aggregate: bool = False  # likes: one note per post that grows
    extra: dict = field(default_factory=dict)

    def fields(self) -> dict:
        values = {"actor_id": self.actor_id, "actor_name": self.actor_name,
                  "post_id": self.post_id, "comment_id": self.comment_id,
                  "thread": self.thread, **self.extra}
        if self.group is not None:
            values.update(group_id=self.group.id, group_name=self.group.name)
        return {k: v for k, v in values.items() if v is not None}


def _chunks(items: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _unique(items: Iterable[str]) -> Iterator[str]:
    """Lazily, so that followers are read a page at a time as batches need them."""
    seen: set[str] = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item


@lru_cache(maxsize=1)
def default_deliverer():
    """The `delivery` package (push and mail) when it is installed in this build."""
    try:
        return importlib.import_module("..delivery", __package__)
    except ModuleNotFoundError as err:
        if err.name and err.name.endswith("domain.delivery"):
            log.warning("domain.delivery is missing: notifications are stored, not pushed")
            return None
        raise


def fan_out(change, deliverer=None, clock: Clock = system_clock) -> int:
    """The stream consumer: every draft the rules find in `change`, delivered."""
    from .rules import drafts_for

    drafts = drafts_for(change)
    if not drafts:
        return 0
    return deliver(drafts, deliverer if deliverer is not None else default_deliverer(), clock)


def deliver(drafts: list[Draft], deliverer, clock: Clock = system_clock) -> int:
    """Writes each draft for its recipients: the first draft naming a recipient wins (a
    mention beats a reply), the actor never hears of their own deed."""
    seen: set[tuple[str, str]] = set()
    made = 0
    for draft in drafts:
        if draft.group is not None and draft.group.status == "deleted":
            continue
        wanted = (r for r in draft.recipients
                  if r and r != draft.actor_id and (draft.note_id, r) not in seen)
        for batch in _chunks(_unique(wanted), BATCH):
            seen.update((draft.note_id, r) for r in batch)
            made += _batch(draft, batch, deliverer, clock)
    return made


def _load(draft: Draft, person_ids: list[str]) -> dict[str, tuple]:
    """{person: (Person, settings or None, membership or None)} in one BatchGet."""
    keys = []
    for p in person_ids:
        keys += [Person.key(p), NotifySettings.key(p)]
        if draft.group is not None:
            keys.append(Membership.key(draft.group.id, p))
    rows = batch_get([{"pk": pk, "sk": sk} for pk, sk in keys])
    people, settings, members = {}, {}, {}
    for raw in rows:
        pk, sk = raw["pk"]["S"], raw["sk"]["S"]
        if sk == "PROFILE":
            person = Person.from_raw_data(raw)
            people[person.id] = person
        elif sk == "NOTIFY":
            settings[pk.removeprefix("PERSON#")] = NotifySettings.from_raw_data(raw)
        else:
            members[sk.removeprefix("PERSON#")] = Membership.from_raw_data(raw)
    return {p: (people[p], settings.get(p), members.get(p)) for p in person_ids if p in people}


def batch_get(keys: list[dict], attributes: list[str] | None = None) -> list[dict]:
    """Items of several kinds in one BatchGet (at most 100 keys), unprocessed ones again."""
    connection = Person._get_connection()
    table = Person.Meta.table_name
    rows: list[dict] = []
    while keys:
        reply = connection.batch_get_item(keys, attributes_to_get=attributes)
        rows += reply.get("Responses", {}).get(table, [])
        keys = reply.get("UnprocessedKeys", {}).get(table, {}).get("Keys", [])
    return rows


def may_know(draft: Draft, person: Person, membership: Membership | None) -> bool:
    if draft.group is None or draft.access == "none":
        return True
    standing = Standing(viewer_of(person), draft.group, membership)
    if draft.access == "member":
        return standing.is_member and standing.may("read")
    return standing.may("read" if draft.access == "read" else "see")


def viewer_of(person: Person) -> Viewer:
    return Viewer(id=person.id, name=person.name, email=person.email, role=person.role,
                  person=person)


def note_json(note: Notification, lang: str | None, actor_gone: bool = False) -> dict:
    """What the app, push and mail show: the text in `lang`, the link, the email frequency.
    An actor who has since deleted their account is named as a former colleague."""
    raw = dict(note.attribute_values)
    if actor_gone:
        raw["actor_name"] = translations(lang).gettext("Former colleague")
    note_type = types.get(note.type)
    return {"id": note.id, "type": note.type,
            "text": note_type.text(raw, lang) if note_type else "",
            "url": note_type.link(raw) if note_type else "/",
            "created": note.updated or note.created, "group": note.group_id,
            "mail": note.mail}


def _batch(draft: Draft, person_ids: list[str], deliverer, clock: Clock) -> int:
    found = _load(draft, person_ids)
    allowed = {p: v for p, v in found.items() if may_know(draft, v[0], v[2])}
    if not allowed:
        return 0
    if draft.aggregate:
        fresh = [n for p, (_person, s, _m) in allowed.items()
                 if (n := store.add_liker(p, draft.note_id, draft.actor_id, draft.actor_name,
                                          draft.at, preferences.frequency(s, draft.type),
                                          **{k: v for k, v in draft.fields().items()
                                             if k not in ("actor_id", "actor_name")}))]
        again = []
    else:
        notes = {p: store.new_note(p, draft.note_id, draft.type,
                                   preferences.frequency(s, draft.type), draft.at,
                                   **draft.fields())
                 for p, (_person, s, _m) in allowed.items()}
        existing = store.commit_each(store.create_part(n) for n in notes.values())
        fresh = [n for p, n in notes.items() if p not in existing]
        again = _undelivered(draft.note_id, existing)
    _hand_over(fresh + again, allowed, deliverer, clock)
    return len(fresh)


def _undelivered(note_id: str, person_ids: set[str]) -> list[Notification]:
    """Notes a redelivered record finds already written: those whose delivery never
    finished (the batch failed after writing them) are delivered now."""
    if not person_ids:
        return []
    keys = [Notification.key(p, note_id) for p in sorted(person_ids)]
    return [n for n in Notification.batch_get(keys, consistent_read=True) if not n.delivered]


def _hand_over(notes: list[Notification], allowed: dict, deliverer, clock: Clock) -> None:
    if deliverer is None or not notes:
        return
    for note in notes:
        person, settings, _m = allowed[note.person_id]
        deliverer.deliver_now(person, note_json(note, preferences.language(settings)))
    store.mark_delivered(((n.person_id, n.id) for n in notes), clock())
