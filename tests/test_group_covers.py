"""Group covers: an uploaded photo through the post photos' pipeline, or a site image."""

import pytest
from groups_steps import GroupApi
from photo_steps import photo_bytes, stored_keys, upload

from infra.groups_sync import sync


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def sizes(upload_id) -> list[str]:
    return [f"media/{upload_id}/1200.webp", f"media/{upload_id}/400.webp"]


def test_a_new_group_gets_an_uploaded_cover_in_webp_sizes(api, client, aws, bucket, make_person,
                                                          as_person):
    anna, bram = make_person(), make_person()
    upload_id = upload(client, aws, as_person(anna), photo_bytes())
    group = api.create(anna, "open", name="Moestuin",
                       cover={"id": upload_id, "alt": "Tomaten in de kas"})
    expected = {"id": upload_id, "alt": "Tomaten in de kas", "width": 1200, "height": 750,
                "src": f"/media/{upload_id}/1200.webp",
                "srcset": f"/media/{upload_id}/400.webp 400w, /media/{upload_id}/1200.webp 1200w"}
    assert group["cover"] == expected
    assert api.show(group["id"], bram).json_body["cover"] == expected
    assert api.directory(bram).json_body["items"][0]["cover"] == expected
    assert stored_keys(aws, "media/") == sizes(upload_id)
    assert stored_keys(aws, "originals/") == []


def test_replacing_and_removing_a_cover_deletes_the_old_sizes(api, client, aws, bucket,
                                                              make_person, as_person):
    anna = make_person()
    first = upload(client, aws, as_person(anna), photo_bytes())
    group = api.create(anna, "open", cover={"id": first})
    path = f"/api/groups/{group['id']}"
    # The same photo with a new description is not processed again.
    described = api.call("PATCH", path, anna, {"cover": {"id": first, "alt": "Het veld"}})
    assert described.json_body["cover"]["alt"] == "Het veld"
    assert stored_keys(aws, "media/") == sizes(first)

    second = upload(client, aws, as_person(anna), photo_bytes("PNG", (600, 300), False),
                    "image/png")
    replaced = api.call("PATCH", path, anna, {"cover": {"id": second, "alt": ""}})
    assert replaced.status_code == 200, replaced.json_body
    assert replaced.json_body["cover"]["srcset"] == (f"/media/{second}/400.webp 400w, "
                                                     f"/media/{second}/1200.webp 600w")
    assert stored_keys(aws, "media/") == sizes(second)

    site_image = api.call("PATCH", path, anna, {"cover": "/images/park.jpg"})
    assert site_image.json_body["cover"] == {"id": None, "alt": "", "width": None,
                                             "height": None, "src": "/images/park.jpg",
                                             "srcset": None}
    assert stored_keys(aws, "media/") == []
    third = upload(client, aws, as_person(anna), photo_bytes())
    assert api.call("PATCH", path, anna, {"cover": {"id": third}}).json_body["cover"]["src"] == (
        f"/media/{third}/1200.webp")
    removed = api.call("PATCH", path, anna, {"cover": None})
    assert removed.json_body["cover"] is None
    assert stored_keys(aws, "media/") == []


@pytest.mark.parametrize("cover", [{"id": "nope"}, {"id": "01JAAAAAAAAAAAAAAAAAAAAAAA"},
                                   {"id": None}, {"alt": "x"}, ["x"], 5,
                                   {"id": "01JAAAAAAAAAAAAAAAAAAAAAAA", "alt": "x" * 301}])
def test_a_bad_or_unknown_upload_is_400_naming_cover(api, bucket, make_person, cover):
    me = make_person()
    response = api.call("POST", "/api/groups", me, {"name": "Club", "visibility": "open",
                                                    "cover": cover})
    assert (response.status_code, response.json_body["field"]) == (400, "cover")
    assert api.directory(me).json_body["items"] == []


def test_someone_elses_upload_cannot_become_a_cover(api, client, aws, bucket, make_person,
                                                    as_person):
    anna, bram = make_person(), make_person()
    annas = upload(client, aws, as_person(anna), photo_bytes())
    created = api.call("POST", "/api/groups", bram, {"name": "Club", "visibility": "open",
                                                     "cover": {"id": annas}})
    assert (created.status_code, created.json_body["field"]) == (400, "cover")
    group = api.create(bram, "open")
    edited = api.call("PATCH", f"/api/groups/{group['id']}", bram, {"cover": {"id": annas}})
    assert (edited.status_code, edited.json_body["field"]) == (400, "cover")
    assert api.show(group["id"], bram).json_body["cover"] is None
    assert stored_keys(aws, "originals/") == [f"originals/{anna.id}/{annas}"]


def test_only_managers_change_the_cover_and_nothing_is_processed_before_that(
        api, client, aws, bucket, make_person, as_person):
    owner, member = make_person(), make_person()
    group = api.create(owner, "open")
    api.join(group["id"], member)
    theirs = upload(client, aws, as_person(member), photo_bytes())
    edited = api.call("PATCH", f"/api/groups/{group['id']}", member, {"cover": {"id": theirs}})
    assert edited.status_code == 403
    assert stored_keys(aws, "originals/") == [f"originals/{member.id}/{theirs}"]


def test_one_upload_backs_one_group(api, client, aws, bucket, make_person, as_person):
    anna = make_person()
    upload_id = upload(client, aws, as_person(anna), photo_bytes())
    api.create(anna, "open", name="Eerste", cover={"id": upload_id})
    second = api.call("POST", "/api/groups", anna, {"name": "Tweede", "visibility": "open",
                                                    "cover": {"id": upload_id}})
    assert (second.status_code, second.json_body["field"]) == (400, "cover")


def test_deleting_a_group_deletes_its_cover(api, client, aws, bucket, make_person, as_person):
    admin = make_person(role="admin")
    upload_id = upload(client, aws, as_person(admin), photo_bytes())
    group = api.create(admin, "open", cover={"id": upload_id})
    assert api.call("DELETE", f"/api/groups/{group['id']}", admin).status_code == 204
    assert stored_keys(aws, "media/") == []


def test_an_official_definitions_cover_wins_over_an_upload(tmp_path, api, client, aws, bucket,
                                                           make_person, as_person):
    fatima = make_person(email="fatima@voorbeeld.nl")
    folder = tmp_path / "groups"
    folder.mkdir()
    definition = folder / "koor.md"
    definition.write_text("Title: Koor\nVisibility: open\nManagers: fatima@voorbeeld.nl\n\nZing "
                          "mee.\n", encoding="utf-8")
    sync(tmp_path)
    upload_id = upload(client, aws, as_person(fatima), photo_bytes())
    api.call("PATCH", "/api/groups/koor", fatima, {"cover": {"id": upload_id}})
    sync(tmp_path)  # no Cover in the definition: the manager's photo stays
    assert api.show("koor", fatima).json_body["cover"]["id"] == upload_id

    definition.write_text("Title: Koor\nVisibility: open\nManagers: fatima@voorbeeld.nl\n"
                          "Cover: /images/markt.jpg\n\nZing mee.\n", encoding="utf-8")
    sync(tmp_path)  # not told which bucket is ours for sure: the files stay
    assert api.show("koor", fatima).json_body["cover"]["src"] == "/images/markt.jpg"
    assert stored_keys(aws, "media/") == sizes(upload_id)


def test_a_definitions_cover_deletes_the_uploaded_one_when_given_discard(
        tmp_path, api, client, aws, bucket, make_person, as_person):
    from chalicelib.domain import photos

    fatima = make_person(email="fatima@voorbeeld.nl")
    (tmp_path / "groups").mkdir()
    definition = tmp_path / "groups" / "koor.md"
    definition.write_text("Title: Koor\nManagers: fatima@voorbeeld.nl\n\nZing mee.\n")
    sync(tmp_path, discard=photos.discard)
    upload_id = upload(client, aws, as_person(fatima), photo_bytes())
    api.call("PATCH", "/api/groups/koor", fatima, {"cover": {"id": upload_id}})
    definition.write_text("Title: Koor\nManagers: fatima@voorbeeld.nl\nCover: /images/markt.jpg"
                          "\n\nZing mee.\n")
    sync(tmp_path, discard=photos.discard)
    assert api.show("koor", fatima).json_body["cover"]["src"] == "/images/markt.jpg"
    assert stored_keys(aws, "media/") == []
