"""Photos: presigned POST straight to (moto's) S3, then WebP web sizes without EXIF."""

import io

import pytest
from photo_steps import call, photo_bytes, stored_keys, upload
from PIL import Image


def test_a_post_with_a_photo_gets_webp_sizes_without_location(client, aws, bucket, make_person,
                                                              as_person):
    me = make_person()
    upload_id = upload(client, aws, as_person(me), photo_bytes())
    post = call(client, "post", "/api/posts", as_person(me),
                {"body": "Kijk!", "photos": [{"id": upload_id, "alt": "Het plein"}]})
    assert post.status_code == 201, post.json_body
    photo = post.json_body["photos"][0]
    assert photo["alt"] == "Het plein"
    assert (photo["width"], photo["height"]) == (1200, 750)
    assert photo["srcset"] == (f"/media/{upload_id}/400.webp 400w, "
                               f"/media/{upload_id}/1200.webp 1200w")
    s3 = aws.client("s3")
    for size, width in ((400, 400), (1200, 1200)):
        data = s3.get_object(Bucket=bucket, Key=f"media/{upload_id}/{size}.webp")["Body"].read()
        with Image.open(io.BytesIO(data)) as image:
            assert (image.format, image.width) == ("WEBP", width)
            assert not image.getexif()
            assert "exif" not in image.info
    originals = s3.list_objects_v2(Bucket=bucket, Prefix="originals/").get("KeyCount")
    assert originals == 0  # the original, EXIF and all, is gone


def test_small_photos_are_not_upscaled(client, aws, bucket, make_person, as_person):
    me = make_person()
    upload_id = upload(client, aws, as_person(me), photo_bytes("PNG", (300, 200), False),
                       "image/png")
    post = call(client, "post", "/api/posts", as_person(me), {"body": "x", "photos": [upload_id]})
    assert post.json_body["photos"][0]["srcset"] == f"/media/{upload_id}/1200.webp 300w"


@pytest.mark.parametrize("content_type", ["image/gif", "image/svg+xml", "text/html", None])
def test_other_types_are_refused_with_a_clear_error(client, make_person, as_person, content_type):
    response = call(client, "post", "/api/uploads", as_person(make_person()),
                    {"content_type": content_type, "size": 1000})
    assert response.status_code == 400
    assert response.json_body["field"] == "content_type"
    assert "JPEG, PNG or WebP" in response.json_body["reason"]


def test_oversize_uploads_are_413(client, make_person, as_person):
    response = call(client, "post", "/api/uploads", as_person(make_person()),
                    {"content_type": "image/jpeg", "size": 10 * 1024 * 1024 + 1})
    assert (response.status_code, response.json_body["field"]) == (413, "size")


def test_a_file_that_lies_about_its_type_is_refused_at_post_time(client, aws, bucket,
                                                                 make_person, as_person):
    me = make_person()
    upload_id = upload(client, aws, as_person(me), b"<svg onload=alert(1)>", "image/png")
    post = call(client, "post", "/api/posts", as_person(me), {"body": "x", "photos": [upload_id]})
    assert (post.status_code, post.json_body["field"]) == (400, "photos")
    assert client.http.get("/api/stream", headers=as_person(me)).json_body["items"] == []


def test_someone_elses_upload_cannot_be_used(client, aws, bucket, make_person, as_person):
    anna, bram = make_person(), make_person()
    upload_id = upload(client, aws, as_person(anna), photo_bytes())
    post = call(client, "post", "/api/posts", as_person(bram), {"body": "x",
                                                                "photos": [upload_id]})
    assert (post.status_code, post.json_body["field"]) == (400, "photos")


def test_at_most_four_photos(client, make_person, as_person):
    ids = ["01JAAAAAAAAAAAAAAAAAAAAAA" + c for c in "ABCDE"]
    post = call(client, "post", "/api/posts", as_person(make_person()),
                {"body": "x", "photos": ids})
    assert (post.status_code, post.json_body["field"]) == (400, "photos")


def test_a_decompression_bomb_is_refused(client, aws, bucket, make_person, as_person):
    me = make_person()
    out = io.BytesIO()
    Image.new("1", (12_000, 10_000)).save(out, "PNG")  # 120 MP in a few kilobytes
    upload_id = upload(client, aws, as_person(me), out.getvalue(), "image/png")
    post = call(client, "post", "/api/posts", as_person(me), {"body": "x", "photos": [upload_id]})
    assert (post.status_code, post.json_body["field"]) == (413, "photos")


def test_deleting_a_post_deletes_its_photo_files(client, aws, bucket, make_person, as_person):
    me = make_person()
    mine, kept = (upload(client, aws, as_person(me), photo_bytes()) for _ in range(2))
    post = call(client, "post", "/api/posts", as_person(me),
                {"body": "Weg ermee", "photos": [mine]}).json_body
    other = call(client, "post", "/api/posts", as_person(me), {"body": "Blijft", "photos": [kept]})
    assert other.status_code == 201 and len(stored_keys(aws, "media/")) == 4
    assert call(client, "delete", f"/api/posts/{post['id']}", as_person(me)).status_code == 200
    assert stored_keys(aws, "media/") == [f"media/{kept}/1200.webp", f"media/{kept}/400.webp"]
