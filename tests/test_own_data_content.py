"""Own data beyond profile and posts: comments and replies, likes, group memberships, requests
and invitations are exported and, on deletion, anonymised or removed with counts kept exact;
large accounts go in bounded steps."""

import json

import pytest
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def viewer_of(person):
    from chalicelib.domain import people
    from chalicelib.domain.viewer import Viewer

    person = people.get(person.id)  # fresh: the version attribute must match on deletion
    return Viewer(id=person.id, name=person.name, email=person.email, role=person.role,
                  person=person)


def write(api, person, path, body, **fields):
    response = api.call("POST", path, person, {"body": body, **fields})
    assert response.status_code == 201, response.json_body
    return response.json_body


def like(api, person, post_id):
    assert api.call("PUT", f"/api/posts/{post_id}/reactions/like", person).status_code == 200


def delete_me(api, person, content):
    return api.call("DELETE", "/api/me", person, {"content": content})


@pytest.fixture
def world(api, make_person):
    """Anna comments, replies, likes and belongs to groups; Bram and Cas are colleagues."""
    anna, bram, cas = make_person(name="Anna"), make_person(name="Bram"), make_person(name="Cas")
    post = write(api, bram, "/api/posts", "Van Bram")
    top = write(api, anna, f"/api/posts/{post['id']}/comments", "Anna zegt")
    reply = write(api, anna, f"/api/posts/{post['id']}/comments", "Anna antwoordt",
                  parent=top["id"])
    asked = write(api, anna, f"/api/posts/{post['id']}/comments", "Anna vraagt")
    answer = write(api, cas, f"/api/posts/{post['id']}/comments", "Cas weet het",
                   parent=asked["id"])
    page = write(api, anna, "/api/pages/comments?path=/nieuws/fiets.html", "Op de pagina")
    like(api, anna, post["id"])
    like(api, cas, post["id"])
    club = api.create(bram, visibility="open", name="Fietsclub")
    api.join(club["id"], anna)
    mine = api.create(anna, visibility="open", name="Koor")  # Anna is its only manager
    api.join(mine["id"], cas)
    closed = api.create(bram, visibility="closed", name="Raad")
    api.join(closed["id"], anna)  # a request
    secret = api.create(cas, visibility="secret", name="Geheim")
    api.invite(secret["id"], cas, anna)
    return dict(anna=anna, bram=bram, cas=cas, post=post, top=top, reply=reply, asked=asked,
                answer=answer, page=page, club=club, mine=mine, closed=closed, secret=secret)


def test_the_export_covers_comments_likes_and_groups(api, world):
    data = api.call("GET", "/api/me/export", world["anna"]).json_body
    assert sorted(c["body"] for c in data["comments"]) == [
        "Anna antwoordt", "Anna vraagt", "Anna zegt", "Op de pagina"]
    assert [c["parent"] for c in data["comments"] if c["body"] == "Anna antwoordt"] == [
        world["top"]["id"]]
    assert data["reactions"] == [{"post": world["post"]["id"], "kind": "like",
                                  "created": data["reactions"][0]["created"]}]
    assert sorted(m["group"] for m in data["groups"]) == sorted(
        [world["club"]["id"], world["mine"]["id"]])
    assert [(m["group"], m["state"]) for m in data["invitations"]] == [
        (world["secret"]["id"], "invited")]
    assert [(m["group"], m["state"]) for m in data["requests"]] == [
        (world["closed"]["id"], "requested")]
    assert "Cas weet het" not in json.dumps(data)


def test_a_large_export_comes_in_bounded_pages(table, api, make_person, meter, clock):
    from chalicelib.domain import cursors, owndata

    anna, bram = make_person(), make_person()
    post = write(api, bram, "/api/posts", "Reageer maar")
    for n in range(7):
        write(api, anna, f"/api/posts/{post['id']}/comments", f"nummer {n}")
    got, cursor, calls = [], None, 0
    while True:
        meter.reset()
        page = owndata.export(viewer_of(anna), {"cursor": cursor} if cursor else {}, clock,
                              page=2, max_queries=3)
        assert meter.calls["Query"] <= 3
        got += page["comments"]
        calls += 1
        cursor = page["next"]
        if cursor is None:
            break
    assert sorted(c["body"] for c in got) == [f"nummer {n}" for n in range(7)]
    assert calls > 1
    bad = api.call("GET", f"/api/me/export?cursor={cursors.encode('elders|x')}", anna)
    assert bad.status_code == 400 and bad.json_body["field"] == "cursor"


def comments_of(api, person, post_id):
    return {c["id"]: c for c in api.call("GET", f"/api/posts/{post_id}/comments",
                                         person).json_body["items"]}


def test_anonymise_keeps_comments_as_a_former_colleagues_and_likes_counted(api, world):
    anna, bram, cas, post = world["anna"], world["bram"], world["cas"], world["post"]
    response = delete_me(api, anna, "anonymise")
    assert response.status_code == 200, response.json_body
    assert (response.json_body["comments"], response.json_body["reactions"]) == (4, 1)
    thread = comments_of(api, bram, post["id"])
    assert len(thread) == 4
    kept = thread[world["top"]["id"]]
    assert kept["body"] == "Anna zegt"
    # A former colleague's byline: no name, no photo, no job title.
    assert kept["author"] == {"id": "anonymous", "name": "", "photo": None, "title": None}
    again = api.call("GET", f"/api/posts/{post['id']}", bram).json_body
    assert (again["comments"], again["likes"]) == (4, 2)
    # The person is gone from the groups, and the group she alone managed keeps going.
    club = api.show(world["club"]["id"], bram).json_body
    assert club["member_count"] == 1
    from chalicelib.models import Group

    mine = Group.get(*Group.key(world["mine"]["id"]))
    assert (mine.member_count, mine.manager_count) == (1, 0)
    assert api.members(world["secret"]["id"], cas, "invited").json_body["items"] == []


def test_remove_takes_comments_and_likes_away_and_counts_follow(api, world, dynamodb, table):
    anna, bram, post = world["anna"], world["bram"], world["post"]
    response = delete_me(api, anna, "remove")
    assert response.status_code == 200, response.json_body
    thread = comments_of(api, bram, post["id"])
    # Her own reply and comment went; the question Cas answered stays blank, so the answer
    # keeps its place.
    assert set(thread) == {world["asked"]["id"], world["answer"]["id"]}
    assert thread[world["asked"]["id"]]["deleted"] is True
    again = api.call("GET", f"/api/posts/{post['id']}", bram).json_body
    assert (again["comments"], again["likes"]) == (1, 1)
    page = api.call("GET", "/api/pages/comments?path=/nieuws/fiets.html", bram).json_body
    assert page["items"] == []
    # Nothing left names her, but what is meant to: ids other people's items point at (a
    # group's creator, an invitation's inviter) and her expiring rate and usage counters.
    items = dynamodb.scan(TableName=table)["Items"]  # a test may look at everything
    left = [i for i in items if anna.id in json.dumps(i)
            and not i["pk"]["S"].startswith(("RATE#", "GROUP#"))]
    assert left == []
    assert "Anna" not in json.dumps([i for i in items if not i["pk"]["S"].startswith(
        ("GROUP#", "NAMES", "PERSON#"))])


def test_a_large_account_is_deleted_in_bounded_steps(table, api, make_person, meter):
    from chalicelib.domain import owndata

    anna, bram = make_person(), make_person()
    post = write(api, bram, "/api/posts", "Reageer maar")
    for n in range(5):
        write(api, anna, f"/api/posts/{post['id']}/comments", f"nummer {n}")
    like(api, anna, post["id"])
    steps = []
    while True:
        meter.reset()
        result = owndata.delete_account(viewer_of(anna), {"content": "remove"}, budget=2)
        # A Query per section (events and notifications added theirs), then 2 calls per
        # item, or the profile's own step: 3 reads (its calendar feed and notification
        # settings among them), the push devices' Query and one transaction. Never more with
        # more data.
        assert sum(meter.calls.values()) <= len(owndata.SECTIONS) + max(2 * 2, 5)
        steps.append(result["deleted"])
        if result["deleted"]:
            break
    assert steps[-1] and len(steps) == 4 and not any(steps[:-1])
    again = api.call("GET", f"/api/posts/{post['id']}", bram).json_body
    assert (again["comments"], again["likes"]) == (0, 0)


def test_an_unfinished_deletion_answers_202_and_keeps_the_session(api, make_person):
    from chalicelib.domain import owndata

    anna, bram = make_person(), make_person()
    post = write(api, bram, "/api/posts", "Reageer maar")
    for n in range(owndata.BUDGET + 1):
        write(api, anna, f"/api/posts/{post['id']}/comments", f"nummer {n}")
    first = delete_me(api, anna, "anonymise")
    assert first.status_code == 202 and first.json_body["deleted"] is False
    assert "set-cookie" not in {k.lower() for k in first.headers}
    assert api.call("GET", "/api/me", anna).status_code == 200
    second = delete_me(api, anna, "anonymise")
    assert second.status_code == 200 and second.json_body["comments"] == 1
    assert api.call("GET", "/api/me", anna).status_code == 401
