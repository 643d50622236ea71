"""State-changing requests must be JSON and come from our own origin (Origin header, or
same-origin fetch metadata when a browser sends no Origin). Everything else is refused."""

import json

import pytest

CHANGES = [("POST", "/api/posts", {"body": "hoi"}), ("POST", "/api/auth/logout", {}),
           ("DELETE", "/api/me", {"content": "remove"})]


def send(client, method, path, headers, body):
    return getattr(client.http, method.lower())(path, headers=headers, body=json.dumps(body))


def signed_in(as_person, make_person, **changes):
    headers = as_person(make_person())
    headers.update(changes)
    return {k: v for k, v in headers.items() if v is not None}


@pytest.mark.parametrize("method, path, body", CHANGES)
@pytest.mark.parametrize("origin", ["https://evil.example", "http://plein.test.evil.example",
                                    "null", "http://plein.test:8080", "https://plein.test"])
def test_a_foreign_origin_is_403(client, make_person, as_person, method, path, body, origin):
    headers = signed_in(as_person, make_person, origin=origin)
    assert send(client, method, path, headers, body).status_code == 403


@pytest.mark.parametrize("method, path, body", CHANGES)
@pytest.mark.parametrize("site", [None, "cross-site", "same-site", "none"])
def test_no_origin_and_no_same_origin_metadata_is_403(client, make_person, as_person, method,
                                                     path, body, site):
    headers = signed_in(as_person, make_person, origin=None, **{"sec-fetch-site": site})
    assert send(client, method, path, headers, body).status_code == 403


def test_same_origin_fetch_metadata_without_origin_passes(client, make_person, as_person):
    headers = signed_in(as_person, make_person, origin=None, **{"sec-fetch-site": "same-origin"})
    assert send(client, "POST", "/api/posts", headers, {"body": "hoi"}).status_code == 201


def test_a_foreign_origin_loses_even_with_same_origin_metadata(client, make_person, as_person):
    headers = signed_in(as_person, make_person, origin="https://evil.example",
                        **{"sec-fetch-site": "same-origin"})
    assert send(client, "POST", "/api/posts", headers, {"body": "hoi"}).status_code == 403


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", None])
def test_what_a_plain_html_form_can_send_is_refused(client, make_person, as_person, content_type):
    headers = signed_in(as_person, make_person, **{"content-type": content_type})
    response = client.http.post("/api/posts", headers=headers, body='{"body": "hoi"}')
    assert response.status_code == 415


def test_dev_login_from_another_origin_is_403(client, make_person, as_person):
    person = make_person()
    response = client.http.post("/api/auth/dev-login", headers=as_person(origin="https://x.example"),
                                body=json.dumps({"email": person.email}))
    assert response.status_code == 403


def test_refused_changes_change_nothing(client, make_person, as_person):
    me = make_person()
    send(client, "POST", "/api/posts", as_person(me, origin="https://evil.example"), {"body": "x"})
    send(client, "DELETE", "/api/me", as_person(me, origin="null"), {"content": "remove"})
    assert client.http.get("/api/me", headers=as_person(me)).status_code == 200
    assert client.http.get("/api/stream", headers=as_person(me)).json_body["items"] == []
