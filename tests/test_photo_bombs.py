"""Decompression bombs: a small file that decodes to a huge image is refused from its header,
before Pillow decodes it, for post photos, covers and profile photos alike; the original goes."""

import io

import pytest
from photo_steps import call, photo_bytes, stored_keys, upload
from PIL import Image


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A real 10,000 x 9,999 px PNG: one bit per pixel, all zero, so a few KB on disk and
    100 million pixels (400 MB as RGBA) once decoded."""
    out = io.BytesIO()
    Image.new("1", (10_000, 9_999)).save(out, "PNG", optimize=True)
    assert len(out.getvalue()) < 200_000
    return out.getvalue()


def refused_too_large(response, field):
    assert response.status_code == 413, response.json_body
    assert response.json_body["error"] == "too_large" and response.json_body["field"] == field
    assert "million pixels" in response.json_body["reason"]


def test_the_header_alone_refuses_a_bomb():
    from chalicelib.domain.photos import MAX_PIXELS, _web_sizes
    from chalicelib.errors import ApiError

    # Just over the limit, and far below Pillow's own error (twice its warning threshold).
    out = io.BytesIO()
    Image.new("1", (MAX_PIXELS // 1000 + 1, 1000)).save(out, "PNG")
    with pytest.raises(ApiError) as err:
        _web_sizes(out.getvalue(), "photos")
    assert (err.value.status, err.value.field) == (413, "photos")


def test_pillows_bomb_warning_is_raised_not_just_printed():
    """Pillow only warns between MAX_IMAGE_PIXELS and twice that, and a warning lets the
    decoding go on; here it is an error, so none ever reaches the log."""
    import warnings

    from chalicelib.domain import photos
    from chalicelib.errors import ApiError

    big = io.BytesIO()
    Image.new("1", (8_000, 6_000)).save(big, "PNG")  # 48 MP: between the two thresholds
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ApiError) as err:
            photos._web_sizes(big.getvalue(), "photo")
    assert err.value.status == 413
    assert not [w for w in caught if w.category is Image.DecompressionBombWarning]


def test_a_post_with_a_bomb_is_413_and_the_original_is_deleted(client, aws, bucket, make_person,
                                                                as_person, bomb):
    me = make_person()
    upload_id = upload(client, aws, as_person(me), bomb, "image/png")
    post = call(client, "post", "/api/posts", as_person(me),
                {"body": "Kijk!", "photos": [upload_id]})
    refused_too_large(post, "photos")
    assert stored_keys(aws, "originals/") == [] and stored_keys(aws, "media/") == []
    assert client.http.get("/api/stream", headers=as_person(me)).json_body["items"] == []


def test_a_bomb_as_profile_photo_or_cover_is_refused_the_same_way(client, aws, bucket,
                                                                   make_person, as_person, bomb):
    me = make_person()
    headers = as_person(me)
    photo = upload(client, aws, headers, bomb, "image/png")
    refused_too_large(call(client, "patch", f"/api/people/{me.id}", headers, {"photo": photo}),
                      "photo")
    cover = upload(client, aws, headers, bomb, "image/png")
    refused_too_large(call(client, "post", "/api/groups", headers,
                           {"name": "Bom", "visibility": "open", "cover": {"id": cover}}),
                      "cover")
    assert stored_keys(aws, "originals/") == [] and stored_keys(aws, "media/") == []
    assert client.http.get("/api/people/me", headers=headers).json_body["photo"] is None


def test_a_file_that_is_no_photo_is_deleted_too(client, aws, bucket, make_person, as_person):
    me = make_person()
    upload_id = upload(client, aws, as_person(me), b"not a photo at all", "image/png")
    post = call(client, "post", "/api/posts", as_person(me), {"body": "x", "photos": [upload_id]})
    assert (post.status_code, post.json_body["field"]) == (400, "photos")
    assert stored_keys(aws, "originals/") == []


def test_an_ordinary_photo_still_goes_through(client, aws, bucket, make_person, as_person):
    me = make_person()
    upload_id = upload(client, aws, as_person(me), photo_bytes(size=(6000, 4000)))  # 24 MP
    post = call(client, "post", "/api/posts", as_person(me), {"body": "x", "photos": [upload_id]})
    assert post.status_code == 201, post.json_body
