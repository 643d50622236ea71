"""Group posts through the group routes, and "needs an answer" for the group's managers."""

from datetime import UTC, datetime, timedelta

import pytest
from chalicelib.domain import group_posts
from chalicelib.domain.viewer import Viewer
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def as_viewer(person) -> Viewer:
    return Viewer(id=person.id, name=person.name, email=person.email, role=person.role,
                  person=person)


def ask(api, person, group_id, body):
    response = api.call("POST", "/api/posts", person,
                        {"body": body, "group": group_id, "kind": "question"})
    assert response.status_code == 201
    return response.json_body


def test_group_stream_pages_newest_first(api, make_person):
    owner = make_person()
    group = api.create(owner, "closed")
    for n in range(25):
        api.call("POST", "/api/posts", owner, {"body": f"bericht {n}", "group": group["id"]})
    api.call("POST", "/api/posts", owner, {"body": "buiten de groep"})
    first = api.call("GET", f"/api/groups/{group['id']}/posts", owner).json_body
    second = api.call("GET", f"/api/groups/{group['id']}/posts?cursor={first['next']}",
                      owner).json_body
    assert [p["body"] for p in first["items"] + second["items"]] == [
        f"bericht {n}" for n in reversed(range(25))]
    assert second["next"] is None


def test_archived_group_is_read_only_for_posts(api, make_person):
    owner, admin = make_person(), make_person("admin")
    group = api.create(owner, "open")
    api.call("PATCH", f"/api/groups/{group['id']}", admin, {"status": "archived"})
    response = api.call("POST", "/api/posts", owner, {"body": "nog iets", "group": group["id"]})
    assert response.status_code == 409
    assert api.call("GET", f"/api/groups/{group['id']}/posts", owner).status_code == 200


def test_questions_unanswered_for_two_days_are_listed_for_managers(api, make_person):
    owner, member = make_person(), make_person()
    group = api.create(owner, "open", name="Personeelsvereniging")
    api.join(group["id"], member)
    old = ask(api, member, group["id"], "Wanneer is de kerstborrel?")
    answered = ask(api, member, group["id"], "Mag mijn partner mee?")
    api.call("POST", "/api/posts", member, {"body": "Gewoon een bericht", "group": group["id"]})
    comment = api.call("POST", f"/api/posts/{answered['id']}/comments", owner,
                       {"body": "Ja, graag!"}).json_body
    marked = api.call("POST", f"/api/posts/{answered['id']}/answer", owner,
                      {"comment": comment["id"]})
    assert marked.status_code == 200  # a manager of the group may mark the answer

    now = datetime.now(UTC)
    manager = as_viewer(owner)
    soon = group_posts.needs_answer(manager, group["id"], {}, lambda: now + timedelta(days=1))
    assert soon["items"] == []
    late = group_posts.needs_answer(manager, group["id"], {}, lambda: now + timedelta(days=3))
    assert [p["id"] for p in late["items"]] == [old["id"]]


def test_needs_an_answer_is_for_managers_only(api, make_person):
    owner, member = make_person(), make_person()
    group = api.create(owner, "open")
    api.join(group["id"], member)
    assert api.call("GET", f"/api/groups/{group['id']}/unanswered", owner).json_body == {
        "items": [], "next": None}
    assert api.call("GET", f"/api/groups/{group['id']}/unanswered", member).status_code == 403


def test_members_of_my_groups_feed_my_home_stream(api, make_person):
    owner, member, outsider = make_person(), make_person(), make_person()
    group = api.create(owner, "closed")
    api.invite(group["id"], owner, member)
    api.join(group["id"], member)
    api.call("POST", "/api/posts", owner, {"body": "Alleen voor leden", "group": group["id"]})

    def home(person):
        return [p["body"] for p in api.call("GET", "/api/stream", person).json_body["items"]]

    assert home(member) == ["Alleen voor leden"]
    assert home(outsider) == []
    api.leave(group["id"], member)
    assert home(member) == []
