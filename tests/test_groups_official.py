"""Official groups: content/groups/*.md become real groups, on every sync, idempotently."""

from pathlib import Path

import pytest
from groups_steps import GroupApi

from infra.groups_sync import DefinitionError, parse, preview, read_definitions, sync

ROOT = Path(__file__).resolve().parent.parent


def write(content: Path, name: str, text: str) -> Path:
    folder = content / "groups"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


PV = """Title: Personeelsvereniging
Visibility: open
Managers: fatima@voorbeeld.nl, esther@voorbeeld.nl
Cover: /images/markt.jpg

Wij organiseren *de kerstborrel*.
"""


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def test_sync_creates_the_group_with_its_managers_once(tmp_path, api, make_person):
    fatima = make_person(email="fatima@voorbeeld.nl", name="Fatima")
    esther = make_person(email="esther@voorbeeld.nl", name="Esther")
    write(tmp_path, "personeelsvereniging", PV)
    assert sync(tmp_path) == {"created": ["personeelsvereniging"], "updated": [], "skipped": [],
                              "unofficial": []}
    assert sync(tmp_path)["updated"] == ["personeelsvereniging"]

    group = api.show("personeelsvereniging", fatima).json_body
    assert (group["name"], group["visibility"], group["official"]) == (
        "Personeelsvereniging", "open", True)
    assert group["html"] == "<p>Wij organiseren <em>de kerstborrel</em>.</p>"
    assert group["cover"]["src"] == "/images/markt.jpg"
    assert group["member_count"] == 2 and group["may"]["manage"] is True
    members = api.members("personeelsvereniging", esther).json_body["items"]
    assert sorted((m["person"]["name"], m["role"]) for m in members) == [
        ("Esther", "manager"), ("Fatima", "manager")]


def test_a_changed_definition_updates_and_adds_managers(tmp_path, api, make_person):
    fatima = make_person(email="fatima@voorbeeld.nl")
    write(tmp_path, "personeelsvereniging", PV)
    sync(tmp_path)  # esther has no profile yet: skipped
    assert api.show("personeelsvereniging", fatima).json_body["member_count"] == 1
    esther = make_person(email="esther@voorbeeld.nl")
    api.join("personeelsvereniging", esther)
    write(tmp_path, "personeelsvereniging",
          PV.replace("Visibility: open", "Visibility: closed").replace("Personeels", "Personeel "))
    sync(tmp_path)
    group = api.show("personeelsvereniging", esther).json_body
    assert (group["name"], group["visibility"]) == ("Personeel vereniging", "closed")
    assert group["viewer"] == {"state": "member", "role": "manager"}
    assert group["member_count"] == 2  # promoted, not counted twice


def test_a_manager_dropped_from_the_file_stays_a_manager(tmp_path, api, make_person):
    fatima = make_person(email="fatima@voorbeeld.nl")
    esther = make_person(email="esther@voorbeeld.nl")
    write(tmp_path, "personeelsvereniging", PV)
    sync(tmp_path)
    write(tmp_path, "personeelsvereniging", PV.replace("fatima@voorbeeld.nl, ", ""))
    sync(tmp_path)
    # As documented: sync never removes anyone; managers step down through the site.
    assert api.show("personeelsvereniging", fatima).json_body["viewer"] == {
        "state": "member", "role": "manager"}
    assert api.show("personeelsvereniging", esther).json_body["member_count"] == 2


def test_a_removed_file_leaves_the_group_but_not_its_official_mark(tmp_path, api, make_person):
    fatima = make_person(email="fatima@voorbeeld.nl")
    path = write(tmp_path, "personeelsvereniging", PV)
    sync(tmp_path)
    post = api.call("POST", "/api/posts", fatima,
                    {"body": "Kerstborrel!", "group": "personeelsvereniging"})
    assert post.status_code == 201
    path.unlink()
    assert preview(tmp_path)["unofficial"] == ["personeelsvereniging"]
    assert api.show("personeelsvereniging", fatima).json_body["official"] is True  # a preview
    assert sync(tmp_path)["unofficial"] == ["personeelsvereniging"]
    group = api.show("personeelsvereniging", fatima).json_body
    assert group["official"] is False and group["may"]["manage"] is True
    assert sync(tmp_path)["unofficial"] == []  # once


def test_an_official_group_an_admin_deleted_stays_deleted(tmp_path, api, make_person):
    make_person(email="fatima@voorbeeld.nl")
    admin = make_person("admin")
    write(tmp_path, "personeelsvereniging", PV)
    sync(tmp_path)
    assert api.call("DELETE", "/api/groups/personeelsvereniging", admin).status_code == 204
    assert sync(tmp_path)["skipped"] == ["personeelsvereniging"]
    assert api.show("personeelsvereniging", admin).status_code == 404


@pytest.mark.parametrize("name, text, problem", [
    ("Geen-Hoofdletters", PV, "file name"),
    ("leeg", "Visibility: open\nManagers: a@b.nl\n\nx", "Title"),
    ("raar", PV.replace("open", "public"), "Visibility"),
    ("zonder", "Title: X\nVisibility: open\n\nx", "Managers"),
])
def test_a_broken_definition_names_the_file_and_the_problem(tmp_path, name, text, problem):
    path = write(tmp_path, name, text)
    with pytest.raises(DefinitionError) as err:
        parse(path)
    assert str(path) in str(err.value) and problem in str(err.value)


def test_the_demo_content_defines_valid_groups():
    found = {d.id: d for d in read_definitions(ROOT / "content")}
    assert found["personeelsvereniging"].visibility == "open"
    assert "fatima.el.amrani@voorbeeld.nl" in found["personeelsvereniging"].managers


def test_the_built_site_lists_official_groups_and_has_the_group_pages(built_site):
    directory = (built_site / "groepen.html").read_text()
    assert 'href="/groep.html?id=personeelsvereniging"' in directory
    assert (built_site / "groep.html").exists()
    assert not (built_site / "nieuws" / "personeelsvereniging.html").exists()
    assert 'href="/groepen.html"' in (built_site / "index.html").read_text()
