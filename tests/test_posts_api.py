"""The walking skeleton's API through chalice.test.Client against moto's server over HTTP."""

import json

import pytest


def post(client, headers, body):
    return client.http.post("/api/posts", headers=headers, body=json.dumps(body))


def test_health(client):
    assert client.http.get("/api/health").status_code == 200


def test_post_then_read_stream_newest_first(client, make_person, as_person):
    anna = make_person(name="Anna")
    first = post(client, as_person(anna), {"body": "Eerste"})
    second = post(client, as_person(anna), {"body": "Tweede *nadruk*"})
    assert first.status_code == 201 and second.status_code == 201
    assert second.json_body["author"] == {"id": anna.id, "name": "Anna", "ambassador": False}

    stream = client.http.get("/api/stream", headers=as_person(anna)).json_body
    assert [p["body"] for p in stream["items"]] == ["Tweede *nadruk*", "Eerste"]
    assert stream["items"][0]["html"] == "<p>Tweede <em>nadruk</em></p>"
    assert stream["next"] is None


def test_stream_pages_by_cursor(client, make_person, as_person):
    bram = make_person()
    for n in range(45):
        assert post(client, as_person(bram), {"body": f"bericht {n}"}).status_code == 201
    seen, cursor, pages = [], None, 0
    while True:
        url = "/api/stream" + (f"?cursor={cursor}" if cursor else "")
        page = client.http.get(url, headers=as_person(bram)).json_body
        pages += 1
        seen += [p["body"] for p in page["items"]]
        cursor = page["next"]
        if not cursor:
            break
    assert pages == 3
    assert seen == [f"bericht {n}" for n in reversed(range(45))]


def test_bad_cursor_is_400(client, make_person, as_person):
    me = make_person()
    response = client.http.get("/api/stream?cursor=bm9wZQ", headers=as_person(me))
    assert response.status_code == 400
    assert response.json_body["field"] == "cursor"


@pytest.mark.parametrize("body", ["", "   \n\t "])
def test_empty_body_is_400_naming_the_field(client, make_person, as_person, body):
    response = post(client, as_person(make_person()), {"body": body})
    assert response.status_code == 400
    assert response.json_body["field"] == "body"


def test_missing_or_non_text_body_is_400(client, make_person, as_person):
    me = make_person()
    assert post(client, as_person(me), {}).json_body["field"] == "body"
    assert post(client, as_person(me), {"body": ["x"]}).status_code == 400


def test_body_over_5000_characters_is_rejected(client, make_person, as_person):
    response = post(client, as_person(make_person()), {"body": "x" * 5001})
    assert response.status_code in (400, 413)
    assert response.json_body["field"] == "body"


def test_request_over_the_size_limit_is_413(client, make_person, as_person):
    response = post(client, as_person(make_person()), {"body": "x" * 70_000})
    assert response.status_code == 413


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_non_json_request_is_rejected(client, make_person, as_person, content_type):
    response = client.http.post("/api/posts", body="body=hallo",
                                headers=as_person(make_person(), **{"content-type": content_type}))
    assert response.status_code in (400, 415)
    assert "error" in response.json_body


def test_malformed_json_is_400(client, make_person, as_person):
    response = client.http.post("/api/posts", body="{nope", headers=as_person(make_person()))
    assert response.status_code == 400


def test_json_that_is_not_an_object_is_400(client, make_person, as_person):
    response = client.http.post("/api/posts", body="[1, 2]", headers=as_person(make_person()))
    assert response.status_code == 400


def test_requests_without_a_session_are_401(client):
    assert post(client, {"host": "plein.test", "origin": "http://plein.test",
                         "content-type": "application/json"}, {"body": "hoi"}).status_code == 401
    assert client.http.get("/api/stream").status_code == 401
    assert client.http.get("/api/me").status_code == 401


def test_a_tampered_session_cookie_is_401(client, make_person, as_person):
    headers = as_person(make_person())
    headers["cookie"] = headers["cookie"][:-2] + "xx"
    assert client.http.get("/api/me", headers=headers).status_code == 401


def test_cross_origin_change_is_403(client, make_person, as_person):
    headers = as_person(make_person(), origin="https://evil.example")
    assert post(client, headers, {"body": "hoi"}).status_code == 403


def test_failed_posts_write_nothing(client, make_person, as_person):
    me = make_person()
    post(client, as_person(me), {"body": ""})
    post(client, as_person(me, origin="https://evil.example"), {"body": "x"})
    assert client.http.get("/api/stream", headers=as_person(me)).json_body["items"] == []


@pytest.mark.parametrize("posts", [25, 80])
def test_a_stream_page_costs_the_same_calls_however_many_posts(client, make_person, as_person,
                                                               meter, posts):
    me = make_person()
    for n in range(posts):
        post(client, as_person(me), {"body": f"bericht {n}"})
    meter.reset()
    page = client.http.get("/api/stream", headers=as_person(me)).json_body
    second = client.http.get(f"/api/stream?cursor={page['next']}", headers=as_person(me))
    assert second.status_code == 200
    # Per page: one GetItem for the session's person, one Query for the viewer's groups (none
    # here, so no BatchGet of groups), one Query for the feed, one BatchGet for the viewer's
    # own reactions to the page's posts, one BatchGet for the page's authors (bylines); the
    # first page also reads the home stream's pins (one Query). Two pages: 2 GetItems,
    # 2 x 2 Queries + 1 for the pins, 2 x 2 BatchGets.
    assert meter.calls == {"GetItem": 2, "Query": 5, "BatchGetItem": 4}


def test_error_responses_carry_security_headers_too(client):
    response = client.http.get("/api/stream")
    assert response.status_code == 401
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
