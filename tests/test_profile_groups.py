"""A profile lists the person's groups, as far as the viewer may know of them."""

import pytest
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


@pytest.fixture
def anna(api, make_person):
    """Anna manages an open, a closed and a secret group, and was in one that got deleted."""
    anna, admin = make_person(name="Anna"), make_person("admin", name="Beheer")
    for name, visibility in (("Fietsclub", "open"), ("Ondernemingsraad", "closed"),
                             ("Reorganisatie", "secret"), ("Opgeheven", "open")):
        group = api.create(anna, visibility, name=name)
        if name == "Opgeheven":
            assert api.call("DELETE", f"/api/groups/{group['id']}", admin).status_code == 204
    return anna


def listed(api, person, viewer) -> list[tuple[str, str]]:
    profile = api.call("GET", f"/api/people/{person.id}", viewer).json_body
    return [(g["name"], g["visibility"]) for g in profile["groups"]]


def test_colleagues_see_open_and_closed_groups_but_not_secret_ones(api, anna, make_person):
    bram = make_person()
    assert listed(api, anna, bram) == [("Fietsclub", "open"), ("Ondernemingsraad", "closed")]


def test_a_secret_group_is_listed_to_its_members_and_admins_only(api, anna, make_person):
    everything = [("Fietsclub", "open"), ("Ondernemingsraad", "closed"),
                  ("Reorganisatie", "secret")]
    secret = next(g for g in api.directory(anna, "?filter=mine").json_body["items"]
                  if g["visibility"] == "secret")["id"]
    member, invitee = make_person(), make_person()
    for person in (member, invitee):
        assert api.invite(secret, anna, person).status_code in (200, 201)
    assert api.join(secret, member).status_code == 200
    assert listed(api, anna, member) == everything
    assert listed(api, anna, invitee) == everything[:2]  # invited is not yet a member
    assert listed(api, anna, make_person("admin")) == everything
    assert listed(api, anna, anna) == everything
    mine = api.call("GET", "/api/people/me", anna).json_body["groups"]
    assert [(g["name"], g["role"], g["official"]) for g in mine] == [
        ("Fietsclub", "manager", False), ("Ondernemingsraad", "manager", False),
        ("Reorganisatie", "manager", False)]


def test_a_profile_costs_the_same_however_many_groups(api, anna, make_person, meter):
    bram = make_person()
    for n in range(8):
        api.create(anna, "secret" if n % 2 else "open", name=f"Groep {n}")
    meter.reset()
    assert len(listed(api, anna, bram)) == 6
    # session, person; memberships Query, groups BatchGet, bram's secret memberships
    # BatchGet; the per-author Query (no posts, so no reactions BatchGet)
    assert meter.calls == {"GetItem": 2, "Query": 2, "BatchGetItem": 2}
