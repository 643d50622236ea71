"""Seen by N colleagues: each colleague once per post, never the author, for 30 days."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.usage_helpers import seen, viewer


def test_seen_by_counts_each_colleague_once_and_never_the_author(client, make_person, as_person):
    bram, anna, cas = make_person(), make_person(), make_person()
    post = client.http.post("/api/posts", headers=as_person(bram),
                            body='{"body": "Wie leest dit?"}').json_body
    assert seen(client, as_person(bram), [post["id"]]).json_body == {"items": {post["id"]: 0}}
    assert seen(client, as_person(anna), [post["id"]]).json_body == {"items": {post["id"]: 1}}
    assert seen(client, as_person(anna), [post["id"]]).json_body == {"items": {post["id"]: 1}}
    assert seen(client, as_person(cas), [post["id"]]).json_body == {"items": {post["id"]: 2}}
    got = client.http.get(f"/api/posts/{post['id']}/seen", headers=as_person(bram)).json_body
    assert got == {"id": post["id"], "seen": 2}


def test_seen_by_is_exact_when_colleagues_look_at_once(table, make_person, clock):
    from chalicelib.domain import posts
    from chalicelib.domain import seen as seen_by
    from chalicelib.ids import new_id

    author = make_person()
    me = viewer(author)
    ids = [posts.create(me, {"body": f"Bericht {n}"}, clock, new_id)["id"] for n in range(3)]
    readers = [make_person() for _ in range(15)]
    with ThreadPoolExecutor(max_workers=30) as pool:
        list(pool.map(lambda n: seen_by.record_seen(viewer(readers[n % 15]), {"ids": ids},
                                                    clock), range(60)))
    assert seen_by.seen_counts(ids) == dict.fromkeys(ids, 15)


def test_seen_by_stops_counting_after_30_days_and_ignores_unknown_posts(
        table, make_person, clock):
    from chalicelib.domain import posts
    from chalicelib.domain import seen as seen_by
    from chalicelib.ids import new_id

    author, reader = make_person(), make_person()
    me = viewer(author)
    post_id = posts.create(me, {"body": "Oud nieuws"}, clock, new_id)["id"]
    clock.advance(days=31)
    unknown = new_id(clock())
    assert seen_by.record_seen(viewer(reader), {"ids": [post_id, unknown]}, clock) == {
        "items": {post_id: 0}}


@pytest.mark.parametrize("ids", [None, "x", [1], ["nope"], [f"01J{n:023d}" for n in range(21)]])
def test_bad_seen_requests_are_400(client, make_person, as_person, ids):
    response = seen(client, as_person(make_person()), ids)
    assert response.status_code == 400 and response.json_body["field"] == "ids"
