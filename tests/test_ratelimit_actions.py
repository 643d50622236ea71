"""The costly or dashboard-inflating actions have per-employee limits too: processing photos
(posts, covers, profile photos alike), creating groups, toggling likes and editing a profile."""

import pytest

from tests.limited_app import post_repeatedly
from tests.usage_helpers import viewer

UPLOAD = "01JZZZZZZZZZZZZZZZZZZZZZZZ"  # an upload id; the limit is counted before it is looked up


def statuses(results):
    return [r[0] for r in results]


def test_toggling_a_like_is_limited(table, make_person, clock):
    from chalicelib.domain import posts
    from chalicelib.ids import new_id

    author, fan = make_person(), make_person()
    post = posts.create(viewer(author), {"body": "Leuk?"}, clock, new_id)
    url = f"/api/posts/{post['id']}/reactions/like"
    on = post_repeatedly(fan.id, url, {}, "like=2", times=2, method="put")
    off = post_repeatedly(fan.id, url, {}, "like=2", times=1, method="delete")
    assert statuses(on + off) == [200, 200, 429] and off[0][2] == "rate_limited"
    assert posts.get(viewer(fan), post["id"])["likes"] == 1  # the refused unlike changed nothing


def test_creating_groups_is_limited(table, make_person):
    results = post_repeatedly(make_person().id, "/api/groups",
                              {"name": "Fietsclub", "visibility": "open"}, "group=1", times=2)
    assert statuses(results) == [201, 429]


def test_editing_a_profile_is_limited(table, make_person):
    me = make_person()
    results = post_repeatedly(me.id, f"/api/people/{me.id}", {"title": "Adviseur"}, "profile=2",
                              method="patch")
    assert statuses(results) == [200, 200, 429]


@pytest.mark.parametrize("path, method, body", [
    ("/api/posts", "post", {"body": "Kijk", "photos": [UPLOAD]}),
    ("/api/people/{me}", "patch", {"photo": UPLOAD}),
    ("/api/groups", "post", {"name": "Koor", "visibility": "open", "cover": {"id": UPLOAD}}),
])
def test_processing_photos_is_limited_wherever_they_are_sent(table, make_person, path, method,
                                                             body):
    me = make_person()
    results = post_repeatedly(me.id, path.format(me=me.id), body, "photo=2", method=method)
    assert statuses(results)[2] == 429 and 429 not in statuses(results)[:2]


def test_a_post_counts_each_of_its_photos(table, make_person):
    body = {"body": "Vier foto's", "photos": [UPLOAD[:-1] + c for c in "ABCD"]}
    results = post_repeatedly(make_person().id, "/api/posts", body, "photo=6", times=2)
    assert statuses(results)[1] == 429  # 4 + 4 > 6


def test_requests_without_photos_do_not_count_against_the_photo_limit(table, make_person):
    from chalicelib.domain.photos import requested

    assert requested({"body": "x"}) == 0 and requested({"photo": None}) == 0
    assert requested({"cover": "/images/markt.jpg"}) == 0  # a site image: nothing to process
    assert requested({"photos": ["a", "b"], "cover": {"id": "c"}}) == 3
    assert requested({"photos": ["a"] * 50}) == 4  # refused as too many anyway
