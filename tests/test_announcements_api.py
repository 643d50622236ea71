"""Pinned posts and announcements that must be read: who may, what streams show, exact counts."""

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def new_post(api, person, **fields):
    response = api.call("POST", "/api/posts", person, {"body": "Belangrijk", **fields})
    assert response.status_code == 201, response.json_body
    return response.json_body


def pin(api, person, post, until=None):
    until = until or (date.today() + timedelta(days=30)).isoformat()
    return api.call("PUT", f"/api/posts/{post['id']}/pin", person, {"until": until})


def test_content_managers_pin_to_the_home_stream_until_a_date(api, make_person, clock):
    from chalicelib.domain import stream
    from chalicelib.domain.moderation import pins
    from chalicelib.ids import new_id

    from tests.usage_helpers import viewer

    anna, editor = make_person(), make_person("content_manager")
    old = new_post(api, anna)
    for n in range(3):
        new_post(api, anna, body=f"Nieuwer {n}")
    assert pin(api, anna, old).status_code == 403
    # The test's clock says 2026-11-27 09:00 UTC; the pin ends when the 30th ends in Amsterdam.
    pinned = pins.pin(viewer(editor), old["id"], {"until": "2026-11-30"}, clock, new_id)
    assert pinned["pinned"] == "2026-11-30T23:00:00Z"
    home = stream.page(viewer(anna), {}, clock=clock)
    assert [p["id"] for p in home["pinned"]] == [old["id"]]
    assert old["id"] not in [p["id"] for p in home["items"]]
    # Once its end date has passed, the post is back in its place only.
    clock.advance(days=4)
    later = stream.page(viewer(anna), {}, clock=clock)
    assert later["pinned"] == [] and old["id"] in [p["id"] for p in later["items"]]
    assert pin(api, editor, old).status_code == 200
    assert [p["id"] for p in api.call("GET", "/api/stream", anna).json_body["pinned"]] == [
        old["id"]]
    assert api.call("DELETE", f"/api/posts/{old['id']}/pin", anna).status_code == 403
    assert api.call("DELETE", f"/api/posts/{old['id']}/pin", editor).status_code == 200
    assert api.call("GET", "/api/stream", anna).json_body["pinned"] == []


@pytest.mark.parametrize("until", ["morgen", "2020-11-26", "2099-01-01", 20261231])
def test_a_pin_needs_an_end_date_from_today_to_a_year_ahead(api, make_person, until):
    editor = make_person("content_manager")
    post = new_post(api, editor)
    response = pin(api, editor, post, until=until)
    assert response.status_code == 400 and response.json_body["field"] == "until"


def test_group_managers_pin_in_their_group_only(api, make_person):
    owner, member, editor = make_person(), make_person(), make_person("content_manager")
    group = api.create(owner, name="Koor")
    api.join(group["id"], member)
    in_group = new_post(api, member, group=group["id"])
    at_home = new_post(api, member)
    assert pin(api, member, in_group).status_code == 403
    assert pin(api, owner, at_home).status_code == 403
    assert pin(api, owner, in_group).status_code == 200
    shown = api.call("GET", f"/api/groups/{group['id']}/posts", member).json_body
    assert [p["id"] for p in shown["pinned"]] == [in_group["id"]]
    assert api.call("GET", "/api/stream", member).json_body["pinned"] == []
    assert pin(api, editor, at_home).status_code == 200


def test_a_hidden_post_is_not_pinned(api, make_person):
    anna, editor = make_person(), make_person("content_manager")
    post = new_post(api, anna)
    assert pin(api, editor, post).status_code == 200
    api.call("POST", f"/api/moderation/post/{post['id']}/hide", editor, {"reason": "Fout"})
    assert api.call("GET", "/api/stream", anna).json_body["pinned"] == []


def test_only_content_managers_write_must_read_posts(api, make_person):
    anna, editor = make_person(), make_person("content_manager")
    refused = api.call("POST", "/api/posts", anna, {"body": "Lees dit", "must_read": True})
    assert refused.status_code == 403
    bad = api.call("POST", "/api/posts", editor, {"body": "Lees dit", "must_read": "ja"})
    assert bad.status_code == 400 and bad.json_body["field"] == "must_read"
    post = new_post(api, editor, must_read=True)
    # Everyone made so far: anna and the editor.
    assert (post["must_read"], post["confirmed"], post["audience"]) == (True, 0, 2)


def test_gelezen_counts_once_and_who_has_not_yet_is_for_author_and_editors(api, make_person):
    editor, anna, bram = (make_person("content_manager", name="Eva"), make_person(name="Anna"),
                          make_person(name="Bram"))
    post = new_post(api, editor, must_read=True)
    url = f"/api/posts/{post['id']}/read-confirmation"
    assert api.call("PUT", url, anna).json_body == {"id": post["id"], "read": True,
                                                    "counted": True}
    assert api.call("PUT", url, anna).json_body["counted"] is False
    seen = api.call("GET", f"/api/posts/{post['id']}", anna).json_body
    assert seen["read"] is True and seen["confirmed"] is None  # counts: author and editors
    [shown] = [p for p in api.call("GET", "/api/stream", anna).json_body["items"]
               if p["id"] == post["id"]]
    assert shown["read"] is True
    own = api.call("GET", f"/api/posts/{post['id']}", editor).json_body
    assert (own["confirmed"], own["audience"]) == (1, 3)
    missing = api.call("GET", f"/api/posts/{post['id']}/read-confirmations", editor).json_body
    assert [p["name"] for p in missing["items"]] == ["Bram", "Eva"]
    assert api.call("GET", f"/api/posts/{post['id']}/read-confirmations",
                    bram).status_code == 403
    plain = new_post(api, anna)
    assert api.call("PUT", f"/api/posts/{plain['id']}/read-confirmation",
                    bram).status_code == 400


def test_a_group_announcement_counts_its_members(api, make_person):
    owner, member, editor = make_person(), make_person(name="Lid"), make_person("content_manager")
    group = api.create(owner, name="Koor")
    api.join(group["id"], member)
    api.join(group["id"], editor)
    post = new_post(api, editor, group=group["id"], must_read=True)
    assert post["audience"] == 3
    api.call("PUT", f"/api/posts/{post['id']}/read-confirmation", owner)
    missing = api.call("GET", f"/api/posts/{post['id']}/read-confirmations", editor).json_body
    assert {p["id"] for p in missing["items"]} == {member.id, editor.id}


def test_200_people_confirming_at_once_count_exactly_200(client, make_person, as_person):
    editor = make_person("content_manager")
    post = client.http.post("/api/posts", headers=as_person(editor),
                            body=json.dumps({"body": "Lees dit", "must_read": True})).json_body
    people = [make_person() for _ in range(200)]
    url = f"/api/posts/{post['id']}/read-confirmation"

    def confirm(person):
        return client.http.put(url, headers=as_person(person), body="{}").status_code

    # Each twice, all at once: the second confirmations must not count.
    with ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(confirm, people + people))
    assert statuses == [200] * 400
    shown = client.http.get(f"/api/posts/{post['id']}", headers=as_person(editor)).json_body
    assert shown["confirmed"] == 200
