"""Secret groups never leak: to a non-member, a secret group and a group that does not exist
answer the same, on every route, and no listing, search or count includes one."""

import pytest
from groups_steps import GroupApi

MISSING = "01JZZZZZZZZZZZZZZZZZZZZZZZ"


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def every_route(api, group_id, person, other):
    base = f"/api/groups/{group_id}"
    return [
        api.call("GET", base, person),
        api.call("GET", f"{base}/members", person),
        api.call("GET", f"{base}/members?state=requested", person),
        api.call("PUT", f"{base}/members/me", person),
        api.call("DELETE", f"{base}/members/me", person),
        api.call("DELETE", f"{base}/members/{other.id}", person),
        api.call("PATCH", f"{base}/members/{other.id}", person, {"role": "manager"}),
        api.call("PATCH", base, person, {"name": "Gevonden"}),
        api.call("DELETE", base, person),
        api.call("POST", f"{base}/invitations", person, {"person": other.id}),
        api.call("POST", f"{base}/requests/{other.id}/approve", person),
        api.call("POST", f"{base}/requests/{other.id}/decline", person),
    ]


def test_a_secret_group_answers_like_a_missing_one(api, make_person):
    owner, outsider, member = make_person(), make_person(), make_person()
    group = api.create(owner, "secret", name="Reorganisatie")
    api.invite(group["id"], owner, member)
    api.join(group["id"], member)
    secret = every_route(api, group["id"], outsider, member)
    missing = every_route(api, MISSING, outsider, member)
    assert [(r.status_code, r.json_body) for r in secret] == [
        (r.status_code, r.json_body) for r in missing]
    assert {r.status_code for r in secret} == {404}
    # and nothing changed
    shown = api.show(group["id"], owner).json_body
    assert (shown["name"], shown["member_count"]) == ("Reorganisatie", 2)


def test_no_listing_search_or_count_includes_a_secret_group(api, make_person):
    owner, outsider = make_person(), make_person()
    api.create(owner, "secret", name="Reorganisatie")
    api.create(owner, "open", name="Recepten")
    for query in ("", "?q=re", "?q=reorganisatie", "?filter=mine", "?filter=invited"):
        names = [g["name"] for g in api.directory(outsider, query).json_body["items"]]
        assert "Reorganisatie" not in names, query
    assert [g["name"] for g in api.directory(owner, "?q=re").json_body["items"]] == ["Recepten"]
    assert [g["name"] for g in api.directory(owner, "?filter=mine").json_body["items"]] == [
        "Recepten", "Reorganisatie"]


def test_a_former_member_loses_sight_of_a_secret_group(api, make_person):
    owner, noor = make_person(), make_person()
    group = api.create(owner, "secret")
    api.invite(group["id"], owner, noor)
    api.join(group["id"], noor)
    assert api.show(group["id"], noor).status_code == 200
    api.leave(group["id"], noor)
    assert api.show(group["id"], noor).status_code == 404
    assert api.directory(noor, "?filter=mine").json_body["items"] == []


def test_secret_posts_never_reach_a_non_member(api, make_person):
    owner, member, outsider = make_person(), make_person(), make_person()
    group = api.create(owner, "secret", name="Reorganisatie")
    api.invite(group["id"], owner, member)
    api.join(group["id"], member)
    public = api.call("POST", "/api/posts", member, {"body": "Openbaar bericht"}).json_body
    secret = api.call("POST", "/api/posts", member, {"body": "Geheim plan", "group": group["id"],
                                                     "kind": "question"}).json_body
    assert secret["group"] == group["id"]

    def bodies(person, query=""):
        page = api.call("GET", f"/api/stream{query}", person).json_body
        return [p["body"] for p in page["items"]]

    # members see it at home, in the group, by author and among open questions
    assert bodies(member)[:2] == ["Geheim plan", "Openbaar bericht"]
    assert "Geheim plan" in bodies(member, f"?author={member.id}")
    assert "Geheim plan" in bodies(member, "?unanswered=1")
    # a non-member sees nothing of it anywhere
    assert bodies(outsider) == ["Openbaar bericht"]
    assert bodies(outsider, f"?author={member.id}") == ["Openbaar bericht"]
    assert "Geheim plan" not in bodies(outsider, "?unanswered=1")
    base = f"/api/posts/{secret['id']}"
    missing = f"/api/posts/{public['id'][:-4]}ZZZZ"
    for path, method, body in [("", "GET", None), ("/comments", "GET", None),
                               ("/comments", "POST", {"body": "hoi"}),
                               ("/reactions/like", "PUT", {})]:
        seen = api.call(method, base + path, outsider, body)
        absent = api.call(method, missing + path, outsider, body)
        assert (seen.status_code, seen.json_body) == (absent.status_code, absent.json_body)
    for path in (f"/api/groups/{group['id']}/posts", f"/api/stream?group={group['id']}"):
        assert api.call("GET", path, outsider).status_code == 404
    unchanged = api.call("GET", base, member).json_body
    assert (unchanged["likes"], unchanged["comments"]) == (0, 0)
