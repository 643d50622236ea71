"""Events editors publish in content/events/: checked like requests, built into pages by the
Pelican plugin, synced into the table idempotently; and the demo's seeded events."""

from pathlib import Path

import pytest
from chalicelib.domain.events import events, listing
from events_steps import as_viewer

from infra.demo.events import seed_events
from infra.events_sync import DefinitionError, parse, sync

RECEPTION = """Title: Nieuwjaarsreceptie
Start: 2027-01-08 16:00
End: 2027-01-08 18:30
Location: Stadhuis
Capacity: 150
Organisers: {organiser}

Iedereen is **welkom**.
"""


def write(folder: Path, name: str, text: str) -> Path:
    (folder / "events").mkdir(parents=True, exist_ok=True)
    path = folder / "events" / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, text, problem", [
    ("Receptie", "Title: X\nStart: 2027-01-08\n", "file name"),
    ("receptie", "Start: 2027-01-08\n", "Title"),
    ("receptie", "Title: X\n", "Start"),
    ("receptie", "Title: X\nStart: 2027-01-08 16:00\n", "End"),
    ("receptie", "Title: X\nStart: 2027-01-08\nCapacity: veel\n", "Capacity"),
    ("receptie", "Title: X\nStart: 2027-01-08\nStatus: misschien\n", "Status"),
])
def test_a_broken_definition_names_its_file_and_problem(tmp_path, name, text, problem):
    with pytest.raises(DefinitionError) as err:
        parse(write(tmp_path, name, text))
    assert name in str(err.value) and problem in str(err.value)


def test_sync_creates_once_and_raises_the_sequence_only_on_change(tmp_path, make_person,
                                                                   clock):
    esther, anna = make_person(name="Esther"), make_person()
    write(tmp_path, "receptie", RECEPTION.format(organiser=esther.email))
    assert sync(tmp_path, clock)["created"] == ["receptie"]
    assert sync(tmp_path, clock)["unchanged"] == ["receptie"]
    shown = events.show(as_viewer(anna), "receptie", clock)
    assert (shown["official"], shown["url"], shown["sequence"]) == (
        True, "evenementen/receptie.html", 0)
    assert (shown["capacity"], shown["start"]) == (150, "2027-01-08T16:00+01:00")
    assert shown["may"]["edit"] is False
    assert events.show(as_viewer(esther), "receptie", clock)["may"]["edit"] is True
    write(tmp_path, "receptie", RECEPTION.format(organiser=esther.email).replace(
        "Stadhuis", "De Kantine"))
    assert sync(tmp_path, clock)["updated"] == ["receptie"]
    changed = events.show(as_viewer(anna), "receptie", clock)
    assert (changed["location"], changed["sequence"]) == ("De Kantine", 1)


def test_a_definition_the_api_would_refuse_is_skipped(tmp_path, make_person, clock):
    write(tmp_path, "verleden", "Title: Toen\nStart: 2020-01-08 16:00\nEnd: 2020-01-08 17:00\n")
    write(tmp_path, "spook", "Title: X\nStart: 2027-01-08\nGroup: bestaat-niet\n")
    assert sync(tmp_path, clock)["skipped"] == ["spook", "verleden"]


def test_the_site_has_the_events_pages(built_site):
    page = (built_site / "evenementen" / "nieuwjaarsreceptie-2027.html").read_text()
    assert 'data-event-id="nieuwjaarsreceptie-2027"' in page
    assert "Nieuwjaarsreceptie 2027" in page and "<li>16:30 toespraak" in page
    listing_page = (built_site / "evenementen.html").read_text()
    assert 'data-widget="events"' in listing_page and 'data-widget="event-create"' in listing_page
    assert (built_site / "evenement.html").exists()
    home = (built_site / "index.html").read_text()
    assert 'data-widget="events-upcoming"' in home and 'href="/evenementen.html"' in home
    group = (built_site / "groep.html").read_text()
    assert 'data-for="group"' in group


def test_the_demo_has_the_christmas_drinks_and_a_nearly_full_workshop(table, clock):
    from chalicelib.ids import new_id

    from infra.demo.seed import seed
    from infra.groups_sync import sync as sync_groups
    from infra.paths import CONTENT

    seed(clock, new_id)
    sync_groups(CONTENT, clock)
    assert seed_events(clock, new_id) == 2
    from chalicelib.domain import people

    anna = people.by_email("anna.de.vries@voorbeeld.nl")
    upcoming = listing.page(as_viewer(anna), {}, clock)["items"]
    found = {e["title"]: e for e in upcoming}
    drinks = found["Kerstborrel van de personeelsvereniging"]
    workshop = found["Workshop Omgevingswet: participatie in de praktijk"]
    assert (drinks["capacity"], drinks["group"]["id"]) == (60, "personeelsvereniging")
    assert (workshop["capacity"], workshop["going"]) == (12, 10)
    assert drinks["going"] > 0 and workshop["enrolment_open"]
