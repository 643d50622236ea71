"""Profile photos go through the post photos' pipeline: upload, then PATCH /api/people/{id}."""

import pytest
from photo_steps import call, photo_bytes, stored_keys, upload


def set_photo(client, headers, person_id, photo):
    return call(client, "patch", f"/api/people/{person_id}", headers, {"photo": photo})


def test_your_own_photo_shows_on_your_profile_in_the_directory_and_in_me(client, aws, bucket,
                                                                          make_person,
                                                                          as_person):
    lotte = make_person(name="Lotte Visser", department="Burgerzaken")
    colleague = make_person()
    upload_id = upload(client, aws, as_person(lotte), photo_bytes(size=(900, 1200)))
    saved = set_photo(client, as_person(lotte), lotte.id, upload_id)
    assert saved.status_code == 200, saved.json_body
    expected = {"id": upload_id, "src": f"/media/{upload_id}/400.webp"}
    assert saved.json_body["photo"] == expected
    assert stored_keys(aws, f"media/{upload_id}/") == [f"media/{upload_id}/1200.webp",
                                                       f"media/{upload_id}/400.webp"]
    assert stored_keys(aws, "originals/") == []  # EXIF and all: gone

    seen = as_person(colleague)
    assert client.http.get(f"/api/people/{lotte.id}", headers=seen).json_body["photo"] == expected
    for query in ("q=lotte", "department=burgerzaken", ""):
        items = client.http.get(f"/api/people?{query}", headers=seen).json_body["items"]
        assert [p["photo"] for p in items if p["id"] == lotte.id] == [expected], query
    assert client.http.get("/api/me", headers=as_person(lotte)).json_body["photo"] == expected


def test_replacing_or_removing_a_photo_deletes_the_old_web_sizes(client, aws, bucket,
                                                                 make_person, as_person):
    me = make_person(name="Kees Mulder")
    headers = as_person(me)
    first = upload(client, aws, headers, photo_bytes())
    second = upload(client, aws, headers, photo_bytes("PNG", (500, 500), False), "image/png")
    assert set_photo(client, headers, me.id, {"id": first}).status_code == 200
    assert set_photo(client, headers, me.id, {"id": first}).status_code == 200  # a retry
    replaced = set_photo(client, headers, me.id, second)
    assert replaced.json_body["photo"]["id"] == second
    assert stored_keys(aws, "media/") == [f"media/{second}/1200.webp", f"media/{second}/400.webp"]

    removed = set_photo(client, headers, me.id, None)
    assert removed.status_code == 200 and removed.json_body["photo"] is None
    assert stored_keys(aws, "media/") == []
    items = client.http.get("/api/people?q=kees", headers=headers).json_body["items"]
    assert items[0]["photo"] is None


@pytest.mark.parametrize("photo", ["nope", "01JAAAAAAAAAAAAAAAAAAAAAAA", {"id": 5}, [], 7])
def test_a_bad_or_unknown_upload_is_400_naming_photo(client, bucket, make_person, as_person,
                                                     photo):
    me = make_person()
    response = set_photo(client, as_person(me), me.id, photo)
    assert (response.status_code, response.json_body["field"]) == (400, "photo")
    assert client.http.get("/api/people/me", headers=as_person(me)).json_body["photo"] is None


def test_a_file_that_is_not_a_photo_is_400(client, aws, bucket, make_person, as_person):
    me = make_person()
    upload_id = upload(client, aws, as_person(me), b"<svg onload=alert(1)>", "image/png")
    response = set_photo(client, as_person(me), me.id, upload_id)
    assert (response.status_code, response.json_body["field"]) == (400, "photo")


def test_someone_elses_upload_cannot_become_your_photo(client, aws, bucket, make_person,
                                                       as_person):
    anna, bram = make_person(), make_person()
    upload_id = upload(client, aws, as_person(anna), photo_bytes())
    response = set_photo(client, as_person(bram), bram.id, upload_id)
    assert (response.status_code, response.json_body["field"]) == (400, "photo")
    assert stored_keys(aws, "originals/") == [f"originals/{anna.id}/{upload_id}"]


def test_nobody_sets_a_colleagues_photo_but_an_admin_with_their_own_upload(client, aws, bucket,
                                                                           make_person,
                                                                           as_person):
    bram, fatima = make_person(), make_person()
    admin = make_person(role="admin")
    brams = upload(client, aws, as_person(bram), photo_bytes())
    assert set_photo(client, as_person(bram), fatima.id, brams).status_code == 403
    fatimas = upload(client, aws, as_person(fatima), photo_bytes())
    # An admin may correct a profile, but only with a photo they uploaded themselves.
    by_admin = set_photo(client, as_person(admin), bram.id, fatimas)
    assert (by_admin.status_code, by_admin.json_body["field"]) == (400, "photo")
    admins = upload(client, aws, as_person(admin), photo_bytes())
    assert set_photo(client, as_person(admin), bram.id, admins).status_code == 200
    shown = client.http.get(f"/api/people/{bram.id}", headers=as_person(fatima)).json_body
    assert shown["photo"]["id"] == admins
    # The same upload cannot back a second profile: replacing one would break the other.
    again = set_photo(client, as_person(admin), fatima.id, admins)
    assert (again.status_code, again.json_body["field"]) == (400, "photo")


def test_a_posts_photo_does_not_become_a_profile_photo(client, aws, bucket, make_person,
                                                       as_person):
    me = make_person()
    upload_id = upload(client, aws, as_person(me), photo_bytes())
    assert call(client, "post", "/api/posts", as_person(me),
                {"body": "x", "photos": [upload_id]}).status_code == 201
    response = set_photo(client, as_person(me), me.id, upload_id)
    assert (response.status_code, response.json_body["field"]) == (400, "photo")
    media = client.http.get("/api/stream", headers=as_person(me)).json_body["items"][0]
    assert media["photos"][0]["id"] == upload_id  # still there for the post


def test_a_photo_edit_costs_one_transaction(client, aws, bucket, make_person, as_person, meter):
    me = make_person(expertise=["gis"], department="ICT")
    upload_id = upload(client, aws, as_person(me), photo_bytes())
    meter.reset()
    assert set_photo(client, as_person(me), me.id, upload_id).status_code == 200
    # Besides the two rate counters (profile edits, photo processing: docs/hardening.md).
    assert meter.calls == {"GetItem": 1, "TransactWriteItems": 1, "UpdateItem": 2}
