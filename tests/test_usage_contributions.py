"""Contributions per group per day: counted in the action's own transaction, so exactly."""

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from tests.usage_helpers import contributed, usage, viewer


def test_contributions_split_staff_from_organic_and_count_per_group(
        client, make_person, as_person):
    from chalicelib.clock import system_clock

    admin, editor, anna = make_person("admin"), make_person("content_manager"), make_person()
    for person, body in [(editor, "Nieuws"), (anna, "Hoi"), (anna, "Nog eens")]:
        client.http.post("/api/posts", headers=as_person(person), body=json.dumps({"body": body}))
    now = system_clock()
    contributed("comment", "G1", "employee", now)
    contributed("join", "G1", "employee", now)
    contributed("reaction", "G2", "manager", now)
    contributed("group", "G2", "employee", now)
    data = usage(client, as_person(admin)).json_body
    assert data["contributions"]["staff"] == {"post": 1, "comment": 0, "reaction": 1, "join": 0,
                                              "group": 0}
    assert data["contributions"]["organic"] == {"post": 2, "comment": 1, "reaction": 0,
                                                "join": 1, "group": 1}
    assert [(g["id"], g["total"], g["staff"]) for g in data["groups"]] == [("G1", 2, 0),
                                                                          ("G2", 2, 1)]
    assert (data["new_groups"], data["new_members"]) == (1, 1)
    today = data["daily"][-1]
    assert (today["post"], today["staff"], today["organic"]) == (3, 2, 5)


def test_posts_comments_likes_and_questions_reach_the_dashboard(client, make_person, as_person):
    admin, anna, bram = make_person("admin"), make_person(), make_person()
    question = client.http.post("/api/posts", headers=as_person(anna), body=json.dumps(
        {"body": "Wie weet dit?", "kind": "question"})).json_body
    for who in (bram, bram):  # a repeated like is no new contribution
        client.http.put(f"/api/posts/{question['id']}/reactions/like", headers=as_person(who),
                        body="{}")
    client.http.post(f"/api/posts/{question['id']}/comments", headers=as_person(admin),
                     body=json.dumps({"body": "Ik!"}))
    data = usage(client, as_person(admin)).json_body
    assert data["contributions"]["organic"]["post"] == 1
    assert data["contributions"]["organic"]["reaction"] == 1
    assert data["contributions"]["staff"]["comment"] == 1
    from chalicelib.clock import system_clock
    from chalicelib.domain.usage_report import report

    later = report(7, system_clock() + timedelta(days=3))["unanswered"]
    assert [q["id"] for q in later] == [question["id"]]


def test_joins_and_new_groups_count_as_contributions(table, make_person, clock):
    from chalicelib.clock import system_clock
    from chalicelib.domain import groups, memberships
    from chalicelib.domain.usage_report import dashboard
    from chalicelib.ids import new_id

    admin, joiner = viewer(make_person("admin")), viewer(make_person())
    group = groups.create(admin, {"name": "Fietsclub", "visibility": "open"}, system_clock,
                          new_id)
    memberships.join(joiner, group["id"], system_clock)
    memberships.join(joiner, group["id"], system_clock)  # a repeat changes nothing
    data = dashboard(admin, {"days": "7"}, system_clock)
    assert data["daily"][-1]["join"] == 1 and data["daily"][-1]["group"] == 1



def counted(clock, groups=None) -> dict:
    """Today's contributions: the organisation's, or (given ids) those groups'."""
    from chalicelib.domain.usage_report import report

    data = report(1, clock(), groups=groups)
    return {k: v for k, v in data["daily"][-1].items() if k not in ("date", "views", "active")}


def test_a_retried_like_counts_once_and_an_unlike_takes_nothing_off(table, make_person, clock):
    from chalicelib.domain import posts, reactions
    from chalicelib.ids import new_id

    anna, bram = viewer(make_person()), viewer(make_person())
    post = posts.create(anna, {"body": "Taart in de kantine"}, clock, new_id)
    for _ in range(3):
        assert reactions.react(bram, post["id"], "like", clock)["count"] == 1
    assert counted(clock)["reaction"] == 1
    # Activity, not state: the like happened, so taking it back leaves the count alone, and
    # liking again is new activity.
    reactions.unreact(bram, post["id"], "like")
    reactions.react(bram, post["id"], "like", clock)
    assert counted(clock)["reaction"] == 2


def test_a_post_retried_with_its_id_is_refused_and_counts_once(table, make_person, clock):
    from chalicelib.domain import posts
    from chalicelib.errors import ApiError
    from chalicelib.ids import new_id

    anna = viewer(make_person())
    for kind in ("update", "question"):
        post_id = new_id(clock())
        posts.create(anna, {"body": "Eén keer", "kind": kind}, clock, lambda _now, i=post_id: i)
        with pytest.raises(ApiError) as again:
            posts.create(anna, {"body": "Eén keer", "kind": kind}, clock,
                         lambda _now, i=post_id: i)
        assert again.value.status == 409
    assert counted(clock)["post"] == 2


def test_retried_joins_and_approvals_count_once(table, make_person, clock):
    from chalicelib.domain import groups, memberships
    from chalicelib.ids import new_id

    owner, anna, bram, cas = (viewer(make_person()) for _ in range(4))
    club = groups.create(owner, {"name": "Fietsclub", "visibility": "open"}, clock, new_id)
    choir = groups.create(owner, {"name": "Koor", "visibility": "closed"}, clock, new_id)
    for _ in range(2):
        memberships.join(anna, club["id"], clock)
        memberships.join(bram, choir["id"], clock)  # a request: no join yet
        memberships.join(cas, choir["id"], clock)
    assert counted(clock)["join"] == 1
    for _ in range(2):
        memberships.answer_request(owner, choir["id"], bram.id, True, clock)
        memberships.invite(owner, choir["id"], {"person": cas.id}, clock)  # lets cas in
    assert counted(clock)["join"] == 3
    assert counted(clock, groups={choir["id"]})["join"] == 2


def test_an_action_that_fails_counts_nothing(client, table, make_person, as_person, clock):
    from chalicelib.domain import comments, posts
    from chalicelib.ids import new_id

    anna = make_person()
    response = client.http.post("/api/posts/01JZZZZZZZZZZZZZZZZZZZZZZZ/comments",
                                headers=as_person(anna), body=json.dumps({"body": "Hallo?"}))
    assert response.status_code == 404
    # The post goes between reading it and writing the comment: the comment's transaction is
    # cancelled, and the count in it with it.
    me = viewer(anna)
    post = posts.load(me, posts.create(me, {"body": "Zo weer weg"}, clock, new_id)["id"])
    posts.delete(me, post.id, clock, new_id)
    with pytest.raises(Exception) as refused:
        comments._create(me, f"post:{post.id}", post, {"body": "Te laat"}, clock, new_id)
    assert getattr(refused.value, "status", None) == 404
    assert counted(clock)["comment"] == 0 and counted(clock)["post"] == 1


def test_parallel_joins_and_likes_in_a_group_count_exactly(table, make_person, clock):
    from chalicelib.domain import groups, memberships, posts, reactions
    from chalicelib.ids import new_id

    owner = viewer(make_person())
    group = groups.create(owner, {"name": "Kantine", "visibility": "open"}, clock, new_id)
    post = posts.create(owner, {"body": "Soep!", "group": group["id"]}, clock, new_id)
    people = [viewer(make_person()) for _ in range(20)]

    def join_and_like(n):
        memberships.join(people[n % 20], group["id"], clock)
        reactions.react(people[n % 20], post["id"], "like", clock)

    # Every person twice, all at once: the repeats must find the join and the like done.
    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(join_and_like, range(40)))
    assert posts.get(owner, post["id"])["likes"] == 20
    today = counted(clock, groups={group["id"]})
    assert (today["join"], today["reaction"], today["post"], today["group"]) == (20, 20, 1, 1)
    assert counted(clock)["reaction"] == 20
