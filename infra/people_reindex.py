"""`plein people reindex`: rebuilds the people directory from the profiles.

People created before the directory existed, or imported by an older version, have no (or
stale) search entries and are not found. This reads every profile, every directory entry and
every tally (Scans: fine in an offline admin command, never in a request path), works out
what `directory.commit` would have written, and writes only the difference: missing or
outdated entries are put, entries no profile accounts for are deleted, tallies get the
counts the profiles add up to, and a profile's own directory key is corrected. A second run
writes nothing.

The tallies are set, not added to, so a profile edited while this runs may leave a count
one off until the next run; run it when the directory is quiet (after an upgrade).

It also files older comments, likes and group requests under their person for own data
(`person_keys`), with conditional writes that are safe while people keep working.
"""

from dataclasses import dataclass, field

from . import person_keys


@dataclass
class Report:
    people: int = 0
    profiles_fixed: int = 0
    entries_written: int = 0
    entries_removed: int = 0
    tallies_fixed: int = 0
    filed: person_keys.Filed = field(default_factory=person_keys.Filed)

    def summary(self) -> str:
        return (f"{self.people} people: {self.entries_written} directory entries written, "
                f"{self.entries_removed} removed, {self.tallies_fixed} tallies and "
                f"{self.profiles_fixed} profiles corrected; {self.filed.comments} comments, "
                f"{self.filed.reactions} likes and {self.filed.requests} group requests filed "
                "under their person")

    @property
    def changed(self) -> bool:
        return any((self.profiles_fixed, self.entries_written, self.entries_removed,
                    self.tallies_fixed, self.filed.total))


def _is_entry_partition(pk: str) -> bool:
    return pk == "NAMES" or pk.startswith(("DEPT#", "EXPERTISE#"))


def _scan():
    """Profiles, directory entries and tallies as they are stored, keyed by (pk, sk)."""
    from chalicelib.models import DirectoryEntry, Person
    from chalicelib.models.people import Tally

    people = list(Person.scan(Person.pk.startswith("PERSON#") & (Person.sk == "PROFILE")))
    entries = {(e.pk, e.sk): e for e in DirectoryEntry.scan(
        (DirectoryEntry.pk == "NAMES") | DirectoryEntry.pk.startswith("DEPT#")
        | DirectoryEntry.pk.startswith("EXPERTISE#"))}
    tallies = {(t.pk, t.sk): t for t in Tally.scan(Tally.pk.is_in("TAGS", "DEPARTMENTS"))}
    return people, entries, tallies


def run() -> Report:
    """Brings the directory in line with the profiles in the table the settings name, and
    files older comments, likes and requests under their person."""
    from chalicelib.domain import directory, names
    from chalicelib.models import DirectoryEntry, Person
    from chalicelib.models.people import Tally

    people, stored, tallies = _scan()
    report = Report(people=len(people))
    wanted: dict = {}
    counts: dict = {}
    for person in people:
        card = directory.snapshot(person)
        wanted.update(directory.entries(card))
        for key, label in directory.tallies(card).items():
            counts.setdefault(key, [0, label])[0] += 1
        sort = f"{names.sort_name(person.name)}#{person.id}"
        if (person.gsi1pk, person.gsi1sk) != ("PEOPLE", sort):
            person.update(actions=[Person.gsi1pk.set("PEOPLE"), Person.gsi1sk.set(sort)])
            report.profiles_fixed += 1

    with DirectoryEntry.batch_write() as batch:
        for key, entry in wanted.items():
            if key not in stored or stored[key].serialize() != entry.serialize():
                batch.save(entry)
                report.entries_written += 1
        for key in stored.keys() - wanted.keys():
            batch.delete(stored[key])
            report.entries_removed += 1

    for key in tallies.keys() | counts.keys():
        count, label = counts.get(key, (0, None))
        found = tallies.get(key)
        if found is not None and int(found.count or 0) == count:
            continue
        label = found.label if found is not None and found.label else label
        Tally(*key).update(actions=[Tally.count.set(count), Tally.label.set(label)])
        report.tallies_fixed += 1
    report.filed = person_keys.run()
    return report


def main(out=print) -> int:
    report = run()
    out(report.summary() if report.changed else f"{report.summary()} (already up to date)")
    return 0
