"""Bad input gets a 400 that names the field and the reason, never a 500: bodies that nest too
deep or hold lone surrogates, page paths that are no page of the built site; and a comment
behind a group the viewer cannot read answers exactly like a missing one."""

import json

import pytest
from groups_steps import GroupApi

MISSING = "01JZZZZZZZZZZZZZZZZZZZZZZZ"


def raw_post(client, path, headers, raw: str):
    return client.http.post(path, headers=headers, body=raw.encode())


def refused(response, field):
    assert response.status_code == 400, response.body
    assert response.json_body["error"] == "invalid"
    assert response.json_body["field"] == field and response.json_body["reason"]
    return response.json_body["reason"]


def test_1500_nested_objects_are_a_400(client, make_person, as_person):
    body = '{"body": ' + '{"a": ' * 1500 + "1" + "}" * 1500 + "}"
    reason = refused(raw_post(client, "/api/posts", as_person(make_person()), body), "body")
    assert "nest" in reason


def test_30000_open_brackets_are_a_400(client, make_person, as_person):
    refused(raw_post(client, "/api/posts", as_person(make_person()), "[" * 30_000), "body")


def test_nesting_the_parser_survives_is_refused_too_and_names_the_field(client, make_person,
                                                                        as_person):
    body = '{"body": "Hoi", "photos": ' + "[" * 25 + "1" + "]" * 25 + "}"
    assert "20" in refused(raw_post(client, "/api/posts", as_person(make_person()), body),
                           "photos")


@pytest.mark.parametrize("raw, field", [
    ('{"body": "\\ud800"}', "body"),
    ('{"body": "Hoi \\udfff daar"}', "body"),
    ('{"body": "Hoi", "photos": [{"id": "x", "alt": "\\ud83d"}]}', "photos"),
    ('{"body": "Hoi", "\\ud800": 1}', "body"),
])
def test_a_lone_surrogate_is_a_400_and_nothing_is_stored(client, make_person, as_person, raw,
                                                          field):
    me = make_person()
    assert "surrogate" in refused(raw_post(client, "/api/posts", as_person(me), raw), field)
    assert client.http.get("/api/stream", headers=as_person(me)).json_body["items"] == []


def test_a_lone_surrogate_in_a_comment_edit_is_a_400(client, make_person, as_person):
    me = make_person()
    url = "/api/pages/comments?path=/over.html"
    comment = raw_post(client, url, as_person(me), '{"body": "Goed"}').json_body
    edited = client.http.patch(f"/api/comments/{comment['id']}", headers=as_person(me),
                               body=b'{"body": "\\ud800"}')
    refused(edited, "body")


def test_a_pair_of_surrogates_is_just_an_emoji(client, make_person, as_person):
    created = raw_post(client, "/api/posts", as_person(make_person()), '{"body": "\\ud83d\\ude00"}')
    assert created.status_code == 201 and created.json_body["body"] == "\N{GRINNING FACE}"


@pytest.mark.parametrize("path", ["/over.html%0A", "/over.html%0D%0A", "/bestaat-niet.html",
                                  "/nieuws/bestaat-niet.html", "/onbekend/"])
def test_page_comments_take_only_pages_of_the_built_site(client, make_person, as_person, path):
    me = as_person(make_person())
    refused(client.http.get(f"/api/pages/comments?path={path}", headers=me), "path")
    refused(raw_post(client, f"/api/pages/comments?path={path}", me, '{"body": "Hoi"}'), "path")


@pytest.mark.parametrize("path", ["/over.html\n", "/over.html\r\n", "/bestaat-niet.html",
                                  "/onbekend/", "/onbekend/index.html"])
def test_page_hits_take_only_pages_of_the_built_site(client, make_person, as_person, path):
    response = raw_post(client, "/api/hits", as_person(make_person()), json.dumps({"path": path}))
    refused(response, "path")


def test_a_real_page_still_takes_comments_and_hits(client, make_person, as_person):
    me = as_person(make_person())
    assert raw_post(client, "/api/pages/comments?path=/over.html", me,
                    '{"body": "Hoi"}').status_code == 201
    assert raw_post(client, "/api/hits", me, '{"path": "/over.html"}').status_code == 204
    assert raw_post(client, "/api/hits", me, '{"path": "/"}').status_code == 204


@pytest.mark.parametrize("visibility", ["closed", "secret"])
def test_a_comment_in_a_group_you_cannot_read_answers_like_a_missing_one(
        client, make_person, as_person, visibility):
    api = GroupApi(client, as_person)
    owner, outsider = make_person(), make_person()
    group = api.create(owner, visibility, name="Binnenkring")
    post = api.call("POST", "/api/posts", owner, {"body": "Intern", "group": group["id"]})
    comment = api.call("POST", f"/api/posts/{post.json_body['id']}/comments", owner,
                       {"body": "Alleen voor leden"}).json_body

    def answers(comment_id):
        return [(r.status_code, r.json_body) for r in (
            api.call("PATCH", f"/api/comments/{comment_id}", outsider, {"body": "Gevonden"}),
            api.call("DELETE", f"/api/comments/{comment_id}", outsider))]

    hidden, missing = answers(comment["id"]), answers(MISSING)
    assert hidden == missing
    assert {status for status, _body in hidden} == {404}
    thread = api.call("GET", f"/api/posts/{post.json_body['id']}/comments", owner).json_body
    assert [c["body"] for c in thread["items"]] == ["Alleen voor leden"]
