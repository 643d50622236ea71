"""`plein people reindex`: people from before the directory index become findable."""

import subprocess
import sys

from chalicelib.domain import directory
from chalicelib.models import DirectoryEntry, Person
from chalicelib.models.people import Tally

from infra import people_reindex


def legacy(person_id: str, name: str, **fields) -> Person:
    """A profile as an older version wrote it: no search entries, no tallies, an old sort."""
    person = Person(*Person.key(person_id), id=person_id, email=f"{person_id}@voorbeeld.nl",
                    name=name, gsi1sk=name.lower(), created="2024-01-01T00:00:00Z", **fields)
    person.save()
    return person


def test_reindex_makes_old_profiles_findable_and_tidies_the_rest(table, make_person):
    legacy("01JAAAAAAAAAAAAAAAAAAAAAAA", "Sanne Bakker", department="Sociaal Domein",
           expertise=["wmo", "jeugdzorg"])
    lotte = make_person(name="Lotte Visser", department="Sociaal Domein", expertise=["wmo"])
    # An entry left by someone who is gone, and a tally that drifted.
    DirectoryEntry("NAMES", "kees#kees mulder#01JBBBBBBBBBBBBBBBBBBBBBBB",
                   person_id="01JBBBBBBBBBBBBBBBBBBBBBBB", name="Kees Mulder").save()
    Tally("TAGS", "wmo").update(actions=[Tally.count.set(7)])
    assert directory.search(q="sanne")["items"] == []

    report = people_reindex.run()
    assert report.people == 2
    # Sanne's two name words, department and two tags; nothing of Lotte's was missing.
    assert (report.entries_written, report.entries_removed) == (5, 1)
    assert report.profiles_fixed == 1  # Sanne's everyone-by-name key
    assert report.tallies_fixed == 3  # wmo (7 → 2), jeugdzorg (new), Sociaal Domein (1 → 2)

    assert [p["name"] for p in directory.search(expertise="wmo")["items"]] == [
        "Lotte Visser", "Sanne Bakker"]
    assert [p["name"] for p in directory.search(q="bakker")["items"]] == ["Sanne Bakker"]
    assert directory.search(q="kees")["items"] == []
    assert [p["name"] for p in directory.everyone()["items"]] == ["Lotte Visser",
                                                                   "Sanne Bakker"]
    tags = {t["tag"]: t["count"] for t in directory.suggest_tags("w")["items"]}
    assert tags == {"wmo": 2}
    assert directory.departments()["items"] == [{"department": "Sociaal Domein", "count": 2}]
    assert lotte.id in {e.person_id for e in DirectoryEntry.query("NAMES")}

    again = people_reindex.run()
    assert not again.changed and again.people == 2


def test_the_command_reindexes_local_data_and_says_so(tmp_path):
    command = [sys.executable, "-m", "infra.cli", "people", "reindex",
               "--data-dir", str(tmp_path / "data")]
    # The first run seeds the demo organisation, whose directory is already complete.
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert "0 directory entries written, 0 removed" in result.stdout
    assert "(already up to date)" in result.stdout
