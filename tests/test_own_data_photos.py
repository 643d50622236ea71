"""Deleting an account deletes the person's photo files: the profile photo's web sizes, uploads
never attached, and, when they chose to remove their content, their posts' photos. Files of
other people, and photos of anonymised posts, stay."""

import pytest
from photo_steps import call, photo_bytes, stored_keys, upload


def sizes(*upload_ids) -> list[str]:
    return sorted(f"media/{u}/{size}.webp" for u in upload_ids for size in (400, 1200))


def post_with_photos(client, aws, headers, count=1) -> list[str]:
    ids = [upload(client, aws, headers, photo_bytes(size=(640, 480))) for _ in range(count)]
    made = call(client, "post", "/api/posts", headers,
                {"body": "Met foto", "photos": [{"id": i, "alt": ""} for i in ids]})
    assert made.status_code == 201, made.json_body
    return ids


def profile_photo(client, aws, headers, person_id) -> str:
    upload_id = upload(client, aws, headers, photo_bytes(size=(400, 400)))
    saved = call(client, "patch", f"/api/people/{person_id}", headers, {"photo": upload_id})
    assert saved.status_code == 200, saved.json_body
    return upload_id


def delete_me(client, headers, content):
    return call(client, "delete", "/api/me", headers, {"content": content})


@pytest.fixture
def colleagues(client, aws, bucket, make_person, as_person):
    """Anna has a profile photo, two posts with photos and an upload she never attached; Bram
    has a profile photo and a post with a photo."""
    anna, bram = make_person(name="Anna"), make_person(name="Bram")
    a, b = as_person(anna), as_person(bram)
    return {
        "anna": anna, "bram": bram,
        "anna_profile": profile_photo(client, aws, a, anna.id),
        "anna_posts": post_with_photos(client, aws, a, 2) + post_with_photos(client, aws, a),
        "anna_loose": upload(client, aws, a, photo_bytes()),
        "bram_profile": profile_photo(client, aws, b, bram.id),
        "bram_posts": post_with_photos(client, aws, b),
        "bram_loose": upload(client, aws, b, photo_bytes()),
    }


def test_removing_the_content_deletes_every_photo_of_the_person(client, aws, as_person,
                                                                colleagues):
    c = colleagues
    assert stored_keys(aws, "originals/") == sorted(
        [f"originals/{c['anna'].id}/{c['anna_loose']}",
         f"originals/{c['bram'].id}/{c['bram_loose']}"])
    assert delete_me(client, as_person(c["anna"]), "remove").status_code == 200
    assert stored_keys(aws, "media/") == sizes(c["bram_profile"], *c["bram_posts"])
    assert stored_keys(aws, "originals/") == [f"originals/{c['bram'].id}/{c['bram_loose']}"]


def test_anonymising_keeps_the_posts_photos_but_not_the_profile_photo(client, aws, as_person,
                                                                      colleagues):
    c = colleagues
    assert delete_me(client, as_person(c["anna"]), "anonymise").status_code == 200
    assert stored_keys(aws, "media/") == sizes(*c["anna_posts"], c["bram_profile"],
                                               *c["bram_posts"])
    assert stored_keys(aws, "originals/") == [f"originals/{c['bram'].id}/{c['bram_loose']}"]
    stream = client.http.get("/api/stream", headers=as_person(c["bram"])).json_body["items"]
    shown = {p["id"] for post in stream for p in post["photos"]}
    assert set(c["anna_posts"]) <= shown  # still there, by a former colleague


def test_a_photo_an_admin_set_goes_with_the_profile(client, aws, bucket, make_person, as_person):
    admin, anna = make_person(role="admin"), make_person()
    upload_id = profile_photo(client, aws, as_person(admin), anna.id)
    assert stored_keys(aws, "media/") == sizes(upload_id)
    assert delete_me(client, as_person(anna), "anonymise").status_code == 200
    assert stored_keys(aws, "media/") == []


def test_photos_go_in_the_same_bounded_steps_as_the_posts(client, aws, bucket, make_person,
                                                          as_person):
    from chalicelib.domain import owndata, people
    from chalicelib.domain.viewer import Viewer

    anna = make_person()
    headers = as_person(anna)
    posted = [post_with_photos(client, aws, headers)[0] for _ in range(3)]  # newest last
    loose = [upload(client, aws, headers, photo_bytes()) for _ in range(2)]

    def step():
        person = people.get(anna.id)
        viewer = Viewer(id=person.id, name=person.name, email=person.email, role=person.role,
                        person=person)
        return owndata.delete_account(viewer, {"content": "remove"}, budget=2)

    assert not step()["deleted"]  # the two newest posts, and their photos
    assert stored_keys(aws, "media/") == sizes(posted[0])
    assert not step()["deleted"]  # the last post; one original (the budget's last item)
    assert stored_keys(aws, "media/") == []
    left = stored_keys(aws, "originals/")
    assert len(left) == 1 and left[0] in [f"originals/{anna.id}/{u}" for u in loose]
    assert step()["deleted"]
    assert stored_keys(aws, "originals/") == []
