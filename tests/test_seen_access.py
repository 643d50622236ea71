"""Seen-by counts follow read access: a post in a group the viewer may not read is not
counted, not reported, and its own count answers 404 as the post itself does."""

import json

import pytest
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def group_post(api, author, visibility):
    group = api.create(author, visibility=visibility, name=f"Groep {visibility}")
    response = api.call("POST", "/api/posts", author, {"body": "Binnen", "group": group["id"]})
    assert response.status_code == 201, response.json_body
    return group, response.json_body


def seen(api, person, ids):
    return api.call("POST", "/api/posts/seen", person, {"ids": ids})


def count(api, person, post_id):
    return api.call("GET", f"/api/posts/{post_id}/seen", person)


@pytest.mark.parametrize("visibility", ["closed", "secret"])
def test_outsiders_neither_count_nor_learn_about_a_private_groups_post(api, make_person,
                                                                       visibility):
    author, outsider = make_person(), make_person()
    group, post = group_post(api, author, visibility)
    assert seen(api, outsider, [post["id"]]).json_body == {"items": {}}
    response = count(api, outsider, post["id"])
    # As GET /api/posts/{id} answers: an unreadable post is a 404, never a 403.
    assert response.status_code == 404
    assert response.json_body["error"] == "not_found"
    assert api.call("GET", f"/api/posts/{post['id']}", outsider).status_code == 404
    assert count(api, author, post["id"]).json_body == {"id": post["id"], "seen": 0}


def test_members_and_open_groups_count(api, make_person, meter):
    author, member, admin = make_person(), make_person(), make_person("admin")
    closed, inside = group_post(api, author, "closed")
    _open, public = group_post(api, author, "open")
    assert api.invite(closed["id"], author, member).status_code in (200, 201)
    assert api.join(closed["id"], member).status_code in (200, 201)
    meter.reset()
    got = seen(api, member, [inside["id"], public["id"]]).json_body
    assert got == {"items": {inside["id"]: 1, public["id"]: 1}}
    # Session, posts + counters + markers, groups + memberships, the counting transaction.
    assert meter.calls == {"GetItem": 1, "BatchGetItem": 2, "TransactWriteItems": 1}
    assert seen(api, admin, [inside["id"]]).json_body == {"items": {inside["id"]: 2}}
    meter.reset()
    assert count(api, member, inside["id"]).json_body == {"id": inside["id"], "seen": 2}
    assert meter.calls == {"GetItem": 1, "BatchGetItem": 2}


def test_an_unknown_post_has_no_count(api, make_person):
    from chalicelib.clock import system_clock
    from chalicelib.ids import new_id

    response = count(api, make_person(), new_id(system_clock()))
    assert response.status_code == 404


def test_a_feed_post_costs_no_group_reads(api, make_person, meter):
    author, reader = make_person(), make_person()
    post = api.call("POST", "/api/posts", author, {"body": "Voor iedereen"}).json_body
    meter.reset()
    assert seen(api, reader, [post["id"]]).json_body == {"items": {post["id"]: 1}}
    assert meter.calls == {"GetItem": 1, "BatchGetItem": 1, "TransactWriteItems": 1}
    assert json.loads(json.dumps(count(api, reader, post["id"]).json_body))["seen"] == 1
