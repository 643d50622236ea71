"""Groups over the API: creation, membership changes, managers, admins, listings and cost."""

import pytest
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def count(api, group_id, person):
    return api.show(group_id, person).json_body["member_count"]


def test_the_creator_is_the_first_manager(api, make_person):
    anna = make_person(name="Anna")
    group = api.create(anna, "closed", name="Personeelsvereniging", description="*Gezellig*")
    assert group["viewer"] == {"state": "member", "role": "manager"}
    assert group["member_count"] == 1
    assert group["html"] == "<p><em>Gezellig</em></p>"
    shown = api.show(group["id"], anna).json_body
    # the creator may delete their own group (issue 17); archiving stays with admins
    assert shown["may"] == {"read": True, "post": True, "manage": True, "delete": True,
                            "archive": False, "join": False, "ask": True}
    members = api.members(group["id"], anna).json_body
    assert [(m["person"]["name"], m["role"]) for m in members["items"]] == [("Anna", "manager")]
    assert members["count"] == 1


@pytest.mark.parametrize("body, field", [
    ({"name": "", "visibility": "open"}, "name"),
    ({"name": "x" * 81, "visibility": "open"}, "name"),
    ({"name": "Club", "visibility": "public"}, "visibility"),
    ({"name": "Club"}, "visibility"),
    ({"name": "Club", "visibility": "open", "cover": "https://evil.example/x.jpg"}, "cover"),
    ({"name": "Club", "visibility": "open", "cover": "/images/../secret.jpg"}, "cover"),
    ({"name": "Club", "visibility": "open", "description": ["x"]}, "description"),
])
def test_bad_group_fields_are_400_naming_the_field(api, make_person, body, field):
    me = make_person()
    response = api.call("POST", "/api/groups", me, body)
    assert response.status_code == 400
    assert response.json_body["field"] == field
    assert api.directory(me).json_body["items"] == []


def test_joining_an_open_group_twice_counts_once(api, make_person):
    owner, bram = make_person(), make_person()
    group = api.create(owner, "open")
    for _ in range(2):
        response = api.join(group["id"], bram)
        assert response.status_code == 200
        assert response.json_body["state"] == "member"
    assert count(api, group["id"], bram) == 2
    assert api.leave(group["id"], bram).json_body["state"] is None
    assert api.leave(group["id"], bram).status_code == 200
    assert count(api, group["id"], owner) == 1


def test_closed_group_request_then_approve_or_decline(api, make_person):
    owner, sanne, kees = make_person(), make_person(name="Sanne"), make_person(name="Kees")
    group = api.create(owner, "closed")
    assert api.join(group["id"], sanne).json_body["state"] == "requested"
    assert api.join(group["id"], sanne).json_body["state"] == "requested"
    assert api.join(group["id"], kees).json_body["state"] == "requested"
    assert count(api, group["id"], owner) == 1
    requests = api.members(group["id"], owner, "requested").json_body["items"]
    assert [r["person"]["name"] for r in requests] == ["Kees", "Sanne"]
    assert api.members(group["id"], sanne, "requested").status_code == 403

    assert api.approve(group["id"], owner, sanne).json_body["state"] == "member"
    assert api.approve(group["id"], owner, sanne).status_code == 200  # repeated: no change
    assert api.decline(group["id"], owner, kees).json_body["state"] is None
    assert api.approve(group["id"], owner, kees).status_code == 404
    assert count(api, group["id"], owner) == 2
    assert api.show(group["id"], sanne).json_body["may"]["post"] is True


def test_cancelling_a_request(api, make_person):
    owner, sanne = make_person(), make_person()
    group = api.create(owner, "closed")
    api.join(group["id"], sanne)
    assert api.leave(group["id"], sanne).json_body["state"] is None
    assert api.members(group["id"], owner, "requested").json_body["items"] == []


def test_secret_group_invitation_then_accept(api, make_person):
    owner, noor, ruben = make_person(), make_person(), make_person()
    group = api.create(owner, "secret", name="Reorganisatie")
    assert api.show(group["id"], noor).status_code == 404
    assert api.join(group["id"], noor).status_code == 404
    assert api.invite(group["id"], owner, noor).json_body["state"] == "invited"
    invited = api.directory(noor, "?filter=invited").json_body["items"]
    assert [g["name"] for g in invited] == ["Reorganisatie"]
    assert api.show(group["id"], noor).json_body["may"]["read"] is False
    assert api.join(group["id"], noor).json_body["state"] == "member"
    assert api.show(group["id"], noor).json_body["may"]["read"] is True
    assert api.show(group["id"], ruben).status_code == 404
    assert count(api, group["id"], owner) == 2


def test_inviting_a_requester_lets_them_in_and_unknown_people_are_404(api, make_person):
    owner, emre = make_person(), make_person()
    group = api.create(owner, "closed")
    api.join(group["id"], emre)
    assert api.invite(group["id"], owner, emre).json_body["state"] == "member"
    response = api.call("POST", f"/api/groups/{group['id']}/invitations", owner,
                        {"person": "nobody@voorbeeld.nl"})
    assert response.status_code == 404
    response = api.call("POST", f"/api/groups/{group['id']}/invitations", owner, {})
    assert response.status_code == 400 and response.json_body["field"] == "person"


def test_invite_by_email(api, make_person):
    owner = make_person()
    esther = make_person(email="esther.smit@voorbeeld.nl")
    group = api.create(owner, "secret")
    response = api.call("POST", f"/api/groups/{group['id']}/invitations", owner,
                        {"person": "Esther.Smit@voorbeeld.nl"})
    assert response.json_body["person"]["id"] == esther.id


def test_the_last_manager_cannot_leave_until_someone_is_promoted(api, make_person):
    owner, lotte = make_person(), make_person()
    group = api.create(owner, "open")
    api.join(group["id"], lotte)
    assert api.leave(group["id"], owner).status_code == 409
    demote = api.call("PATCH", f"/api/groups/{group['id']}/members/me", owner, {"role": "member"})
    assert demote.status_code == 409
    promote = api.call("PATCH", f"/api/groups/{group['id']}/members/{lotte.id}", owner,
                       {"role": "manager"})
    assert promote.json_body["role"] == "manager"
    assert api.leave(group["id"], owner).status_code == 200
    assert api.show(group["id"], lotte).json_body["may"]["manage"] is True
    assert count(api, group["id"], lotte) == 1


def test_managers_remove_members_and_members_cannot(api, make_person):
    owner, a, b = make_person(), make_person(), make_person()
    group = api.create(owner, "open")
    api.join(group["id"], a)
    api.join(group["id"], b)
    assert api.call("DELETE", f"/api/groups/{group['id']}/members/{b.id}", a).status_code == 403
    removed = api.call("DELETE", f"/api/groups/{group['id']}/members/{b.id}", owner)
    assert removed.json_body["state"] is None
    assert count(api, group["id"], owner) == 2


def test_edit_by_manager_and_visibility_moves_between_listings(api, make_person):
    owner, other = make_person(), make_person()
    group = api.create(owner, "open", name="Lunchwandelen")
    edited = api.call("PATCH", f"/api/groups/{group['id']}", owner,
                      {"name": "Wandelclub", "visibility": "secret", "cover": "/images/park.jpg"})
    assert edited.status_code == 200
    assert (edited.json_body["name"], edited.json_body["cover"]["src"]) == ("Wandelclub",
                                                                             "/images/park.jpg")
    assert api.directory(other).json_body["items"] == []
    assert api.show(group["id"], other).status_code == 404
    assert api.call("PATCH", f"/api/groups/{group['id']}", owner, {}).status_code == 400
    assert api.call("PATCH", f"/api/groups/{group['id']}", owner,
                    {"status": "archived"}).status_code == 403


def test_admin_archives_then_the_group_is_read_only(api, make_person):
    owner, admin, bram = make_person(), make_person("admin"), make_person()
    group = api.create(owner, "open")
    archived = api.call("PATCH", f"/api/groups/{group['id']}", admin, {"status": "archived"})
    assert archived.json_body["status"] == "archived"
    assert api.join(group["id"], bram).status_code == 409
    assert api.call("PATCH", f"/api/groups/{group['id']}", owner,
                    {"name": "Anders"}).status_code == 409
    shown = api.show(group["id"], owner).json_body
    assert shown["may"]["read"] is True and shown["may"]["post"] is False
    restored = api.call("PATCH", f"/api/groups/{group['id']}", admin, {"status": "active"})
    assert restored.json_body["status"] == "active"
    assert api.join(group["id"], bram).status_code == 200


def test_the_creator_may_delete_their_group_and_other_managers_may_not(api, make_person):
    owner, other, member = make_person(), make_person(), make_person()
    group = api.create(owner, "open", name="Eigen groep")
    api.join(group["id"], other)
    api.join(group["id"], member)
    promote = api.call("PATCH", f"/api/groups/{group['id']}/members/{other.id}", owner,
                       {"role": "manager"})
    assert promote.json_body["role"] == "manager"
    assert api.show(group["id"], owner).json_body["may"]["delete"] is True
    assert api.show(group["id"], other).json_body["may"]["delete"] is False
    assert api.call("DELETE", f"/api/groups/{group['id']}", member).status_code == 403
    assert api.call("DELETE", f"/api/groups/{group['id']}", other).status_code == 403
    assert api.call("DELETE", f"/api/groups/{group['id']}", owner).status_code == 204
    assert api.show(group["id"], owner).status_code == 404


def test_admin_deletes_a_group_everywhere(api, make_person):
    owner, admin, member = make_person(), make_person("admin"), make_person()
    group = api.create(owner, "open", name="Weg")
    api.join(group["id"], member)
    assert api.call("DELETE", f"/api/groups/{group['id']}", member).status_code == 403
    assert api.call("DELETE", f"/api/groups/{group['id']}", admin).status_code == 204
    assert api.show(group["id"], owner).status_code == 404
    assert api.directory(owner).json_body["items"] == []
    assert api.directory(owner, "?filter=mine").json_body["items"] == []
    assert api.call("DELETE", f"/api/groups/{group['id']}", admin).status_code == 404


def test_directory_searches_by_name_prefix_and_pages(api, make_person):
    me = make_person()
    for n in range(25):
        api.create(me, "open", name=f"Club {n:02d}")
    api.create(me, "closed", name="Koor")
    api.create(me, "secret", name="Kookclub geheim")
    assert [g["name"] for g in api.directory(me, "?q=ko").json_body["items"]] == ["Koor"]
    first = api.directory(me, "?q=club").json_body
    assert len(first["items"]) == 20 and first["next"]
    rest = api.directory(me, f"?q=club&cursor={first['next']}").json_body
    assert [g["name"] for g in rest["items"]] == [f"Club {n}" for n in range(20, 25)]
    assert rest["next"] is None
    assert api.directory(me, "?filter=secret").status_code == 403
    assert api.directory(me, "?cursor=%%%").status_code == 400
    assert api.directory(me, "?filter=nope").status_code == 400


def test_my_groups_lists_only_memberships(api, make_person):
    owner, me = make_person(), make_person()
    joined = api.create(owner, "open", name="Beta")
    api.create(owner, "open", name="Alfa")
    requested = api.create(owner, "closed", name="Gamma")
    api.join(joined["id"], me)
    api.join(requested["id"], me)
    mine = api.directory(me, "?filter=mine").json_body["items"]
    assert [(g["name"], g["member_count"]) for g in mine] == [("Beta", 2)]
    everything = {g["name"]: g["viewer"] for g in api.directory(me).json_body["items"]}
    assert everything["Gamma"] == {"state": "requested", "role": "member"}
    assert everything["Alfa"] is None


def test_admin_lists_secret_groups(api, make_person):
    owner, admin = make_person(), make_person("admin")
    api.create(owner, "secret", name="Geheim")
    assert [g["name"] for g in api.directory(admin, "?filter=secret").json_body["items"]] == [
        "Geheim"]


@pytest.mark.parametrize("groups", [3, 30])
def test_directory_and_group_pages_cost_the_same_however_many_groups(api, make_person, meter,
                                                                     groups):
    me = make_person()
    for n in range(groups):
        group = api.create(me, "open", name=f"Groep {n:02d}")
    meter.reset()
    api.directory(me)
    # session person, listing Query, one BatchGet for the viewer's memberships
    assert meter.calls == {"GetItem": 1, "Query": 1, "BatchGetItem": 1}
    meter.reset()
    api.directory(me, "?filter=mine")
    assert meter.calls == {"GetItem": 1, "Query": 1, "BatchGetItem": 1}
    meter.reset()
    api.show(group["id"], me)
    assert meter.calls == {"GetItem": 3}
    meter.reset()
    api.members(group["id"], me)
    assert meter.calls == {"GetItem": 3, "Query": 1}


def test_a_join_is_one_transaction(api, make_person, meter):
    owner, me = make_person(), make_person()
    group = api.create(owner, "open")
    meter.reset()
    api.join(group["id"], me)
    # session, group, own membership; then the transaction, which counts the join too
    assert meter.calls == {"GetItem": 3, "TransactWriteItems": 1}


def test_group_routes_need_a_session_and_same_origin(api, client, make_person, as_person):
    owner = make_person()
    group = api.create(owner, "open")
    assert client.http.get("/api/groups").status_code == 401
    assert client.http.get(f"/api/groups/{group['id']}").status_code == 401
    headers = as_person(make_person(), origin="https://evil.example")
    assert client.http.put(f"/api/groups/{group['id']}/members/me", headers=headers,
                           body="{}").status_code == 403
    assert api.show("not a valid id!", owner).status_code == 400
    assert api.show("01JZZZZZZZZZZZZZZZZZZZZZZZ", owner).status_code == 404
    other = make_person()
    assert api.call("PUT", f"/api/groups/{group['id']}/members/{other.id}",
                    owner).status_code == 400
