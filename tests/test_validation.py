"""One text validator for posts, comments, groups and profiles: the same questions, the same
words, the same 400 shape."""

import pytest
from chalicelib.domain.validation import text
from chalicelib.errors import ApiError


@pytest.mark.parametrize("value, kwargs, reason", [
    (None, {}, "Body must be text."),
    (5, {}, "Body must be text."),
    ("  \n", {}, "Body is empty."),
    ("x" * 11, {}, "Body is longer than 10 characters."),
    (" " + "x" * 10, {"as_typed": True}, "Body is longer than 10 characters."),
])
def test_refusals_name_the_field_and_the_reason(value, kwargs, reason):
    with pytest.raises(ApiError) as err:
        text(value, "body", 10, **kwargs)
    assert (err.value.status, err.value.field, err.value.reason) == (400, "body", reason)


def test_accepted_text_is_stripped_unless_stored_as_typed():
    assert text("  hoi ", "name", 10) == "hoi"
    assert text("  hoi ", "body", 10, as_typed=True) == "  hoi "
    assert text("   ", "bio", 10, required=False) == ""
    assert text(" " + "x" * 10 + " ", "name", 10) == "x" * 10


@pytest.mark.parametrize("method, path, body", [
    ("post", "/api/posts", {"body": "  "}),
    ("post", "/api/groups", {"name": " ", "visibility": "open"}),
    ("patch", "/api/people/{me}", {"title": 5}),
])
def test_every_resource_answers_bad_text_the_same_way(client, make_person, as_person, method,
                                                      path, body):
    from api_steps import call

    me = make_person()
    response = call(client, method, path.format(me=me.id), as_person(me), body)
    field = next(iter(k for k in body if k != "visibility"))
    assert response.status_code == 400
    assert response.json_body["field"] == field
    assert response.json_body["reason"] in (f"{field.capitalize()} is empty.",
                                            f"{field.capitalize()} must be text.")


def test_comments_use_it_too(client, make_person, as_person):
    from api_steps import call

    me = as_person(make_person())
    post = call(client, "post", "/api/posts", me, {"body": "Hoi"}).json_body
    response = call(client, "post", f"/api/posts/{post['id']}/comments", me, {"body": "x" * 3001})
    assert response.json_body == {"error": "invalid", "field": "body",
                                  "reason": "Body is longer than 3000 characters."}
