"""The people directory's search partitions, kept in step with profiles, and searched without
Scan: every request is a bounded number of Queries, whatever the number of employees.

A profile change is one TransactWrite: the profile, the index entries that point at it (deleted
or rewritten), and the +1/-1 on the department and tag tallies. Nothing is ever half-indexed.
"""

from ..errors import conflict, invalid
from ..ids import is_id
from ..models import DirectoryEntry, Person
from ..models.people import Tally
from ..models.transactions import Conflict, transaction
from . import cursors, names, photos

PAGE_SIZE = 20
READ_PER_QUERY = 100  # entries read per Query when filters thin them out
MAX_QUERIES = 3  # per search request: the bound on calls, whatever the table holds
SUGGESTIONS = 10
CARD_FIELDS = ("name", "title", "department", "photo", "expertise")


def card(fields: dict | None) -> dict | None:
    """What the directory shows of a person; copied into each of their index entries."""
    if fields is None:
        return None
    return {k: (list(fields.get(k) or []) if k == "expertise" else fields.get(k))
            for k in ("id", *CARD_FIELDS)}


def _shown(c: dict) -> dict:
    """A card as the API returns it: the photo as its URL, not the stored upload id."""
    return {**c, "photo": photos.avatar(c["photo"])}


def snapshot(person: Person) -> dict:
    return card({"id": person.id, **{k: getattr(person, k) for k in CARD_FIELDS}})


def entries(c: dict | None) -> dict[tuple[str, str], DirectoryEntry]:
    if c is None:
        return {}
    sort = f"{names.sort_name(c['name'])}#{c['id']}"
    keys = [("NAMES", f"{token}#{sort}") for token in names.name_tokens(c["name"])]
    if c["department"] and names.key(c["department"]):
        keys.append((f"DEPT#{names.key(c['department'])}", sort))
    keys += [(f"EXPERTISE#{names.key(tag)}", sort) for tag in c["expertise"]]
    fields = {k: c[k] for k in CARD_FIELDS}
    return {k: DirectoryEntry(*k, person_id=c["id"], **fields) for k in keys}


def tallies(c: dict | None) -> dict[tuple[str, str], str]:
    if c is None:
        return {}
    found = {("TAGS", names.key(tag)): tag for tag in c["expertise"]}
    if c["department"] and names.key(c["department"]):
        found[("DEPARTMENTS", names.key(c["department"]))] = c["department"]
    return found


def commit(before: dict | None, person: Person, also=(), token: str | None = None) -> None:
    """Saves `person` (created when `before` is None) with its index entries and tallies.

    `also` holds (item, condition) pairs for the same transaction (the email link on create).
    Person's version attribute makes a concurrent edit fail here rather than lose an update.
    """
    after = snapshot(person)
    old, new = entries(before), entries(after)
    old_tally, new_tally = tallies(before), tallies(after)
    try:
        with transaction(client_request_token=token) as tx:
            for item, condition in also:
                tx.save(item, condition=condition)
            tx.save(person, condition=Person.pk.does_not_exist() if before is None else None)
            for k in old.keys() - new.keys():
                tx.delete(old[k])
            if before != after:
                for entry in new.values():
                    tx.save(entry)
            for k in old_tally.keys() - new_tally.keys():
                tx.update(Tally(*k), actions=[Tally.count.add(-1)])
            for k in new_tally.keys() - old_tally.keys():
                tx.update(Tally(*k), actions=[Tally.count.add(1),
                                              Tally.label.set(Tally.label | new_tally[k])])
    except Conflict as err:
        if err.failed:
            raise conflict("The profile changed meanwhile, or already exists.") from err
        raise


def remove(person: Person, also=()) -> None:
    """Deletes `person` (as loaded: its version must still match), every search entry that
    points at it and its share of the tallies, plus the `also` items, in one transaction."""
    before = snapshot(person)
    with transaction() as tx:
        tx.delete(person)
        for item in also:
            tx.delete(item)
        for entry in entries(before).values():
            tx.delete(entry)
        for k in tallies(before):
            tx.update(Tally(*k), actions=[Tally.count.add(-1)])


def decode_cursor(cursor: str, prefix: str) -> str:
    """The sort key to resume after; it must belong to the partition and prefix being read, so
    a cursor cannot steer a query elsewhere."""
    return cursors.decode(cursor, lambda raw: raw.startswith(prefix)
                          and is_id(raw.rpartition("#")[2]))


def _query_filter(q: str, department: str, expertise: str):
    """Picks the narrowest partition for the request; the other criteria filter its entries."""
    words = names.fold(q).split()
    dept_key = names.key(department) if department else ""
    tag_key = names.key(expertise) if expertise else ""
    if department and not dept_key:
        raise invalid("department", "Department has no letters or digits.")
    if expertise and not tag_key:
        raise invalid("expertise", "Expertise has no letters or digits.")
    if tag_key:
        pk, prefix = f"EXPERTISE#{tag_key}", ""
    elif dept_key:
        pk, prefix = f"DEPT#{dept_key}", ""
    else:
        pk, prefix = "NAMES", max(words, key=len) if words else ""

    def keep(entry: DirectoryEntry) -> bool:
        tokens = names.name_tokens(entry.name)
        if dept_key and names.key(entry.department or "") != dept_key:
            return False
        if tag_key and tag_key not in {names.key(t) for t in entry.expertise or []}:
            return False
        if not names.matches_words(words, tokens):
            return False
        # A person is in NAMES once per word of their name: keep only their first match.
        return pk != "NAMES" or entry.sk.split("#")[0] == min(t for t in tokens
                                                             if t.startswith(prefix))

    # When the partition alone answers the request, nearly every entry read is a hit.
    alone = [bool(tag_key), bool(dept_key), bool(words)].count(True) == 1 and len(words) < 2
    return pk, prefix, keep, alone


def search(q: str = "", department: str = "", expertise: str = "",
           cursor: str | None = None, read_per_query: int = READ_PER_QUERY) -> dict:
    if not (names.fold(q) or department.strip() or expertise.strip()):
        return everyone(cursor)
    pk, prefix, keep, alone = _query_filter(q, department, expertise)
    start = decode_cursor(cursor, prefix) if cursor else None
    read = min(read_per_query, PAGE_SIZE + 1) if alone else read_per_query
    found: list[DirectoryEntry] = []
    for _ in range(MAX_QUERIES):
        last = {"pk": {"S": pk}, "sk": {"S": start}} if start else None
        condition = DirectoryEntry.sk.startswith(prefix) if prefix else None
        page = DirectoryEntry.query(pk, condition, limit=read, last_evaluated_key=last)
        batch = list(page)
        for n, entry in enumerate(batch):
            if keep(entry):
                found.append(entry)
            if len(found) == PAGE_SIZE:
                done = n == len(batch) - 1 and page.last_evaluated_key is None
                return _page(found, None if done else entry.sk)
        if page.last_evaluated_key is None:
            return _page(found, None)
        start = page.last_evaluated_key["sk"]["S"]
    # The page is not full but the bound is reached: the client asks again from here.
    return _page(found, start)


def _page(found: list, next_key: str | None) -> dict:
    items = [_shown(card({"id": e.person_id, **{k: getattr(e, k) for k in CARD_FIELDS}}))
             for e in found]
    return {"items": items, "next": cursors.encode(next_key) if next_key else None}


def everyone(cursor: str | None = None, limit: int = PAGE_SIZE) -> dict:
    """Everyone by name: one Query on gsi1 from the cursor."""
    last = None
    if cursor:
        sort = decode_cursor(cursor, "")
        pk, sk = Person.key(sort.rpartition("#")[2])
        last = {"pk": {"S": pk}, "sk": {"S": sk}, "gsi1pk": {"S": "PEOPLE"},
                "gsi1sk": {"S": sort}}
    page = Person.directory.query("PEOPLE", limit=limit, last_evaluated_key=last)
    people = list(page)
    more = page.last_evaluated_key is not None and len(people) == limit
    return {"items": [_shown(snapshot(p)) for p in people],
            "next": cursors.encode(people[-1].gsi1sk) if more else None}


def suggest_tags(prefix: str) -> dict:
    """Tags others use that start with what was typed, most used first: one Query."""
    start = names.key(prefix or "")
    if not start:
        raise invalid("prefix", "Type at least one letter or digit.")
    tallies = [t for t in Tally.query("TAGS", Tally.sk.startswith(start), limit=READ_PER_QUERY)
               if t.count > 0]
    tallies.sort(key=lambda t: (-t.count, t.label))
    return {"items": [{"tag": t.label, "count": int(t.count)} for t in tallies[:SUGGESTIONS]]}


def departments() -> dict:
    tallies = [t for t in Tally.query("DEPARTMENTS", limit=500) if t.count > 0]
    return {"items": [{"department": t.label, "count": int(t.count)} for t in tallies]}
