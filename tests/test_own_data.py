"""AVG/GDPR: an employee downloads all their own data, and deletes their account with their
posts anonymised or removed. Comments, reactions and groups: test_own_data_content.py."""

import json

import pytest
from cookies import set_cookies


def post(client, headers, body):
    return client.http.post("/api/posts", headers=headers, body=json.dumps({"body": body}))


def delete_me(client, headers, content):
    return client.http.delete("/api/me", headers=headers, body=json.dumps({"content": content}))


def test_export_has_the_profile_and_every_own_post(client, make_person, as_person):
    anna, bram = make_person(name="Anna", department="HR"), make_person(name="Bram")
    for n in range(3):
        post(client, as_person(anna), f"van Anna {n}")
    post(client, as_person(bram), "van Bram")
    response = client.http.get("/api/me/export", headers=as_person(anna))
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = response.json_body
    assert data["profile"]["name"] == "Anna" and data["profile"]["department"] == "HR"
    assert sorted(p["body"] for p in data["posts"]) == ["van Anna 0", "van Anna 1", "van Anna 2"]
    assert data["covers"] == ["profile", "posts", "comments", "reactions", "groups",
                              "invitations", "requests", "enrolments", "cancelled_enrolments",
                              "notifications", "reports"]
    assert data["next"] is None


def test_export_needs_a_session(client):
    assert client.http.get("/api/me/export").status_code == 401


def _stream(client, headers):
    return client.http.get("/api/stream", headers=headers).json_body["items"]


def test_delete_with_anonymise_keeps_the_posts_without_the_author(client, make_person, as_person):
    anna, bram = make_person(name="Anna"), make_person(name="Bram")
    post(client, as_person(anna), "blijft staan")
    headers = as_person(anna)
    response = delete_me(client, headers, "anonymise")
    assert response.status_code == 200 and response.json_body["posts"] == 1
    assert all("Max-Age=0" in c for c in set_cookies(response).values())
    items = _stream(client, as_person(bram))
    assert [(p["body"], p["author"]["name"]) for p in items] == [("blijft staan", "")]
    assert items[0]["author"]["id"] != anna.id
    assert client.http.get("/api/me", headers=headers).status_code == 401


def test_delete_with_remove_takes_the_posts_away(client, make_person, as_person):
    anna, bram = make_person(name="Anna"), make_person(name="Bram")
    for n in range(30):  # more than one batch of 25
        post(client, as_person(anna), f"weg {n}")
    post(client, as_person(bram), "van Bram")
    assert delete_me(client, as_person(anna), "remove").json_body["posts"] == 30
    assert [p["body"] for p in _stream(client, as_person(bram))] == ["van Bram"]


def test_the_email_is_free_again_after_deletion(client, make_person, as_person):
    from chalicelib.domain import people

    anna = make_person(email="anna@voorbeeld.nl")
    delete_me(client, as_person(anna), "remove")
    assert people.by_email("anna@voorbeeld.nl") is None
    assert make_person(email="anna@voorbeeld.nl").id != anna.id


@pytest.mark.parametrize("body", [{}, {"content": "everything"}, {"content": ["remove"]}])
def test_delete_without_a_valid_choice_is_400_and_deletes_nothing(client, make_person, as_person,
                                                                   body):
    anna = make_person()
    response = client.http.delete("/api/me", headers=as_person(anna), body=json.dumps(body))
    assert response.status_code == 400 and response.json_body["field"] == "content"
    assert client.http.get("/api/me", headers=as_person(anna)).status_code == 200


def test_delete_from_another_origin_is_403(client, make_person, as_person):
    anna = make_person()
    response = delete_me(client, as_person(anna, origin="https://evil.example"), "remove")
    assert response.status_code == 403
    assert client.http.get("/api/me", headers=as_person(anna)).status_code == 200


def test_deleting_twice_is_harmless(client, make_person, as_person):
    anna = make_person()
    headers = as_person(anna)
    assert delete_me(client, headers, "remove").status_code == 200
    assert delete_me(client, headers, "remove").status_code == 401
