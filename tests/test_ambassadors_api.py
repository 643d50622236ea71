"""Ambassadors: content managers mark them, a badge on profile and posts, a list, and their own
series in the usage dashboard's contributions."""

import pytest
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def test_only_content_managers_and_admins_mark_ambassadors(api, make_person):
    anna, bram = make_person(name="Anna"), make_person(name="Bram")
    editor, admin = make_person("content_manager"), make_person("admin")
    url = f"/api/people/{anna.id}/ambassador"
    assert api.call("PUT", url, bram).status_code == 403
    assert api.call("PUT", url, anna).status_code == 403
    assert api.call("PUT", url, editor).json_body == {"id": anna.id, "ambassador": True}
    assert api.call("PUT", f"/api/people/{bram.id}/ambassador", admin).status_code == 200
    assert api.call("PUT", "/api/people/01JZZZZZZZZZZZZZZZZZZZZZZZ/ambassador",
                    editor).status_code == 404
    assert api.call("PUT", "/api/people/nope/ambassador", editor).status_code == 404
    listed = api.call("GET", "/api/ambassadors", bram).json_body["items"]
    assert [p["name"] for p in listed] == ["Anna", "Bram"]
    assert api.call("DELETE", url, bram).status_code == 403
    assert api.call("DELETE", url, editor).status_code == 200
    assert [p["name"] for p in api.call("GET", "/api/ambassadors",
                                        bram).json_body["items"]] == ["Bram"]
    unsigned = api.client.http.get("/api/ambassadors", headers=api.as_person(None))
    assert unsigned.status_code == 401


def test_the_badge_shows_on_the_profile_and_on_posts_written_as_ambassador(api, make_person):
    anna, editor = make_person(name="Anna"), make_person("content_manager")
    before = api.call("POST", "/api/posts", anna, {"body": "Nog gewoon"}).json_body
    api.call("PUT", f"/api/people/{anna.id}/ambassador", editor)
    after = api.call("POST", "/api/posts", anna, {"body": "Nu ambassadeur"}).json_body
    assert (before["author"]["ambassador"], after["author"]["ambassador"]) == (False, True)
    profile = api.call("GET", f"/api/people/{anna.id}", editor).json_body
    assert profile["ambassador"] is True and profile["can_mark_ambassador"] is True
    assert api.call("GET", f"/api/people/{anna.id}",
                    anna).json_body["can_mark_ambassador"] is False
    # The mark does not go through the profile's version: editing it afterwards keeps it.
    assert api.call("PATCH", f"/api/people/{anna.id}", anna,
                    {"title": "Gids"}).status_code == 200
    assert api.call("GET", f"/api/people/{anna.id}", anna).json_body["ambassador"] is True


def test_ambassadors_contributions_are_a_series_of_their_own(table, api, make_person, clock):
    from chalicelib.domain import posts
    from chalicelib.domain.usage_report import report
    from chalicelib.ids import new_id

    from tests.usage_helpers import viewer

    anna, bram = make_person(), make_person()
    editor = make_person("content_manager")
    api.call("PUT", f"/api/people/{anna.id}/ambassador", editor)
    from chalicelib.models import Person

    ambassador = viewer(Person.get(*Person.key(anna.id)))
    posts.create(ambassador, {"body": "Tip van de dag"}, clock, new_id)
    posts.create(viewer(bram), {"body": "Hallo"}, clock, new_id)
    posts.create(viewer(editor), {"body": "Nieuws"}, clock, new_id)
    contributions = report(1, clock())["contributions"]
    assert (contributions["ambassador"]["post"], contributions["organic"]["post"],
            contributions["staff"]["post"]) == (1, 1, 1)
