"""`plein people import`: an HR export goes in row by row, bad rows named by line number."""

import subprocess
import sys
from pathlib import Path

from chalicelib.domain import directory, people
from chalicelib.ids import new_id

from infra import people_import

HR_EXPORT = (Path(__file__).parent / "data/people/hr-export.csv").read_text()


def test_bad_rows_are_rejected_by_line_and_the_others_imported(table, clock):
    report = people_import.run(HR_EXPORT, clock, new_id)
    assert report.created == 3 and report.updated == 0
    assert [line for line, _ in report.rejected] == [3, 5, 8, 9]
    reasons = dict(report.rejected)
    assert reasons[3].startswith("email:")
    assert "expected 8 fields, found 3" in reasons[5]
    assert reasons[8].startswith("phone:")
    assert reasons[9].startswith("name:")
    assert report.ignored_columns == ["Personeelsnummer"]
    assert report.summary() == "created 3, updated 0, skipped 4 (0 unchanged, 4 rejected)"

    sanne = people.by_email("sanne.bakker@voorbeeld.nl")
    assert sanne.title == "Consulent\nWmo" and sanne.expertise == ["wmo", "jeugdzorg"]
    found = directory.search(expertise="omgevingswet")["items"]
    assert [p["name"] for p in found] == ["Lotte Visser"]
    # A rejected row left nothing behind: not its person, not its email, not its entries.
    assert people.by_email("ruben.de.boer@voorbeeld.nl") is None
    assert directory.search(department="financien")["items"] == []
    assert directory.search(q="ruben")["items"] == []


def test_a_second_run_updates_what_changed_and_skips_the_rest(table, clock):
    people_import.run(HR_EXPORT, clock, new_id)
    lotte = people.by_email("lotte.visser@voorbeeld.nl")
    changed = HR_EXPORT.replace("Planoloog,Ruimtelijke Ordening", "Senior planoloog,Omgeving")
    report = people_import.run(changed, clock, new_id)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    again = people.get(lotte.id)
    assert again.title == "Senior planoloog" and again.department == "Omgeving"
    assert [p["name"] for p in directory.search(department="omgeving")["items"]] == [
        "Lotte Visser"]
    assert directory.search(department="ruimtelijke ordening")["items"] == []


def test_empty_cells_keep_what_people_wrote_themselves(table, clock):
    people_import.run(HR_EXPORT, clock, new_id)
    kees = people.by_email("kees.mulder@voorbeeld.nl")
    people.apply(kees, people.clean({"bio": "Ik ken elke boom.", "expertise": ["bomen"]}), clock)
    report = people_import.run("email;name;expertise\nkees.mulder@voorbeeld.nl;Kees Mulder;\n",
                               clock, new_id)
    assert report.unchanged == 1
    kees = people.get(kees.id)
    assert kees.bio == "Ik ken elke boom." and kees.expertise == ["bomen"]


def test_a_file_without_an_email_column_is_refused_whole(table, clock):
    try:
        people_import.run("naam,afdeling\nAnna,ICT\n", clock, new_id)
    except people_import.ImportFileError as err:
        assert "email" in str(err)
    else:
        raise AssertionError("expected ImportFileError")


def test_the_command_reports_and_keeps_local_data(tmp_path):
    csv_file = tmp_path / "hr.csv"
    csv_file.write_text("\ufeff" + HR_EXPORT, encoding="utf-8")
    data = tmp_path / "data"
    command = [sys.executable, "-m", "infra.cli", "people", "import", str(csv_file),
               "--data-dir", str(data)]
    first = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert first.returncode == 1, first.stderr
    assert f"{csv_file}:5: rejected: expected 8 fields, found 3" in first.stdout
    # The local data starts as the demo organisation, where Lotte, Kees, Sanne and Noor
    # already work: they are updated (Noor's empty name keeps the name she has).
    assert "created 0, updated 4, skipped 3 (0 unchanged, 3 rejected)" in first.stdout
    assert '"participatie"' in (data / "dynamodb.json").read_text()
    second = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert "created 0, updated 0, skipped 7 (4 unchanged, 3 rejected)" in second.stdout
