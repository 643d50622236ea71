"""The home stream reads the viewer's most recently active groups, within a fixed cost."""

import pytest
from chalicelib.domain import access
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def post(api, person, body, group=None):
    response = api.call("POST", "/api/posts", person,
                        {"body": body, **({"group": group} if group else {})})
    assert response.status_code == 201, response.json_body
    return response.json_body


def home(api, person) -> list[str]:
    return [p["body"] for p in api.call("GET", "/api/stream", person).json_body["items"]]


def test_a_member_of_many_groups_sees_the_busiest_ones_at_home(api, make_person, meter):
    me = make_person()
    slots = access.MAX_HOME_PARTITIONS - 1
    groups = [api.create(me, "open", name=f"Groep {n:02d}")["id"] for n in range(slots + 3)]
    for n, group in enumerate(groups):  # the first three by id are the quietest
        post(api, me, f"Bericht {n}", group)
    latest = [f"Bericht {n}" for n in reversed(range(3, slots + 3))]
    meter.reset()
    assert home(api, me) == latest
    # session (GetItem); memberships Query and groups BatchGet; FEED and each group's feed
    # (Queries); the home stream's pins (one Query, first page only: community); reactions
    # (BatchGet); the page's bylines: its authors and its posts' groups (two BatchGets:
    # domain/bylines.py, mobile)
    assert meter.calls == {"GetItem": 1, "Query": 2 + access.MAX_HOME_PARTITIONS,
                           "BatchGetItem": 4}

    post(api, me, "Weer actief", groups[0])  # now the busiest: the quietest other drops out
    assert home(api, me) == ["Weer actief", *latest[:-1], "Bericht 0"]


def test_groups_without_posts_and_deleted_groups_take_no_slot(api, make_person):
    me, admin = make_person(), make_person("admin")
    quiet = [api.create(me, "open", name=f"Stil {n}")["id"] for n in range(12)]
    busy = api.create(me, "open", name="Druk")["id"]
    gone = api.create(me, "open", name="Weg")["id"]
    post(api, me, "Uit de weg-groep", gone)
    post(api, me, "Uit de drukke groep", busy)
    assert api.call("DELETE", f"/api/groups/{gone}", admin).status_code == 204
    assert quiet and home(api, me) == ["Uit de drukke groep"]


def test_a_group_post_records_the_groups_latest_post_in_its_transaction(api, make_person,
                                                                        meter):
    from chalicelib.models import Group

    me = make_person()
    group = api.create(me, "open")["id"]
    meter.reset()
    first = post(api, me, "Een", group)
    # session, group and membership (may I post?); the rate limit; the transaction, which
    # also counts the contribution
    assert meter.calls == {"GetItem": 3, "TransactWriteItems": 1, "UpdateItem": 1}
    assert Group.get(*Group.key(group)).last_post == first["id"]
    question = api.call("POST", "/api/posts", me,
                        {"body": "Een vraag?", "kind": "question", "group": group}).json_body
    assert Group.get(*Group.key(group)).last_post == question["id"]
