"""Posts beyond the skeleton: kinds, groups, edit, delete, mentions, and who may do what."""

import pytest
from api_steps import call


def make_post(client, headers, **fields):
    response = call(client, "post", "/api/posts", headers, {"body": "Hallo", **fields})
    assert response.status_code == 201, response.json_body
    return response.json_body


def test_a_post_reads_back_with_its_counters(client, make_person, as_person):
    anna = make_person()
    created = make_post(client, as_person(anna), body="Lees mij")
    got = client.http.get(f"/api/posts/{created['id']}", headers=as_person(anna)).json_body
    assert got["body"] == "Lees mij"
    assert (got["kind"], got["likes"], got["liked"], got["comments"]) == ("update", 0, False, 0)
    assert got["group"] is None and got["photos"] == []


@pytest.mark.parametrize("post_id", ["nope", "01JAAAAAAAAAAAAAAAAAAAAAAA"])
def test_unknown_post_is_404(client, make_person, as_person, post_id):
    response = client.http.get(f"/api/posts/{post_id}", headers=as_person(make_person()))
    assert response.status_code == 404


def test_unknown_kind_is_400(client, make_person, as_person):
    response = call(client, "post", "/api/posts", as_person(make_person()),
                    {"body": "x", "kind": "poll"})
    assert (response.status_code, response.json_body["field"]) == (400, "kind")


def test_a_post_in_a_group_that_does_not_exist_is_404_naming_the_group(client, make_person,
                                                                      as_person):
    me = make_person()
    response = call(client, "post", "/api/posts", as_person(me), {"body": "x", "group": "g1"})
    assert (response.status_code, response.json_body["field"]) == (404, "group")
    assert client.http.get("/api/stream?group=g1", headers=as_person(me)).status_code == 404
    assert client.http.get("/api/stream", headers=as_person(me)).json_body["items"] == []


def test_the_author_edits_and_the_post_shows_as_edited(client, make_person, as_person, clock):
    anna = make_person()
    post = make_post(client, as_person(anna), body="Eerst")
    edited = call(client, "patch", f"/api/posts/{post['id']}", as_person(anna),
                  {"body": "Daarna **vet**"})
    assert edited.status_code == 200
    assert edited.json_body["edited"]
    assert edited.json_body["html"] == "<p>Daarna <strong>vet</strong></p>"
    again = client.http.get(f"/api/posts/{post['id']}", headers=as_person(anna)).json_body
    assert again["body"] == "Daarna **vet**" and again["edited"]


def test_editing_or_deleting_someone_elses_post_is_403(client, make_person, as_person):
    anna, bram = make_person(), make_person()
    post = make_post(client, as_person(anna), body="Van Anna")
    assert call(client, "patch", f"/api/posts/{post['id']}", as_person(bram),
                {"body": "Gekaapt"}).status_code == 403
    assert call(client, "delete", f"/api/posts/{post['id']}", as_person(bram)).status_code == 403
    assert client.http.get(f"/api/posts/{post['id']}",
                           headers=as_person(anna)).json_body["body"] == "Van Anna"


def test_the_author_and_an_admin_can_delete(client, make_person, as_person):
    anna, admin = make_person(), make_person(role="admin")
    own = make_post(client, as_person(anna), body="Weg ermee")
    other = make_post(client, as_person(anna), body="Ook weg")
    assert call(client, "delete", f"/api/posts/{own['id']}", as_person(anna)).status_code == 200
    assert call(client, "delete", f"/api/posts/{other['id']}", as_person(admin)).status_code == 200
    assert client.http.get("/api/stream", headers=as_person(anna)).json_body["items"] == []
    assert call(client, "delete", f"/api/posts/{own['id']}", as_person(anna)).status_code == 404


def test_a_deleted_posts_comments_and_reactions_disappear_from_view(client, make_person,
                                                                    as_person):
    anna, bram = make_person(), make_person()
    post = make_post(client, as_person(anna))
    path = f"/api/posts/{post['id']}"
    assert call(client, "post", f"{path}/comments", as_person(bram),
                {"body": "Leuk"}).status_code == 201
    assert call(client, "put", f"{path}/reactions/like", as_person(bram)).status_code == 200
    call(client, "delete", path, as_person(anna))
    assert client.http.get(f"{path}/comments", headers=as_person(bram)).status_code == 404
    assert call(client, "put", f"{path}/reactions/like", as_person(bram)).status_code == 404


def test_mentions_link_to_the_colleagues_profile(client, make_person, as_person):
    anna = make_person(email="anna.de.vries@voorbeeld.nl", name="Anna")
    bram = make_person()
    post = make_post(client, as_person(bram),
                     body="Dank @anna.de.vries! Mail: x@anna.nl, niemand: @onbekend")
    assert (f'<a href="/mensen/profiel.html?id={anna.id}" rel="noopener noreferrer nofollow">'
            "@anna.de.vries</a>") in post["html"]
    assert "@onbekend" in post["html"] and "x@anna.nl" in post["html"]
    assert post["html"].count("<a ") == 1


def test_stream_by_author_shows_only_their_posts(client, make_person, as_person):
    anna, bram = make_person(), make_person()
    make_post(client, as_person(anna), body="A1")
    make_post(client, as_person(bram), body="B1")
    make_post(client, as_person(anna), body="A2")
    page = client.http.get(f"/api/stream?author={anna.id}", headers=as_person(bram)).json_body
    assert [p["body"] for p in page["items"]] == ["A2", "A1"]
    bad = client.http.get("/api/stream?author=x", headers=as_person(bram))
    assert (bad.status_code, bad.json_body["field"]) == (400, "author")
