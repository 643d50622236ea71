"""The welcome checklist: shown until a photo, expertise, two groups and a first post are
there, then gone for good."""

import pytest
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def test_the_checklist_follows_the_steps_and_stays_done(api, make_person, meter):
    from chalicelib.models import Person

    owner, newcomer = make_person(), make_person()
    first, second = api.create(owner, name="Koor"), api.create(owner, name="Band")
    assert api.call("GET", "/api/me/welcome", newcomer).json_body == {
        "done": False, "steps": {"photo": False, "expertise": False, "groups": False,
                                 "post": False}}
    api.call("PATCH", f"/api/people/{newcomer.id}", newcomer, {"expertise": ["fietsen"]})
    api.join(first["id"], newcomer)
    steps = api.call("GET", "/api/me/welcome", newcomer).json_body["steps"]
    assert (steps["expertise"], steps["groups"]) == (True, False)
    api.join(second["id"], newcomer)
    api.call("POST", "/api/posts", newcomer, {"body": "Hallo allemaal"})
    # A photo comes through the upload pipeline (tests/test_profile_photos.py); here it is
    # set on the item directly.
    Person.get(*Person.key(newcomer.id)).update(actions=[Person.photo.set("01JPHOTO")])
    assert api.call("GET", "/api/me/welcome", newcomer).json_body["done"] is True
    api.leave(first["id"], newcomer)
    meter.reset()
    assert api.call("GET", "/api/me/welcome", newcomer).json_body["done"] is True
    assert dict(meter.calls) == {"GetItem": 1}  # the session only, once done
    assert api.client.http.get("/api/me/welcome",
                               headers=api.as_person(None)).status_code == 401
