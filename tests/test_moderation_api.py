"""Reports, the moderation queue, hiding and restoring over the API: who may do what, and a
hidden post leaving every stream."""

import pytest
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def new_post(api, person, **fields):
    response = api.call("POST", "/api/posts", person, {"body": "Iets kwetsends", **fields})
    assert response.status_code == 201, response.json_body
    return response.json_body


def report(api, person, reason="offensive", **target):
    return api.call("POST", "/api/reports", person, {"reason": reason, **target})


def ids(response) -> list[str]:
    assert response.status_code == 200, response.json_body
    return [p["id"] for p in response.json_body["items"]]


def test_anyone_who_can_read_reports_once_but_not_their_own(api, make_person):
    anna, bram, cas = make_person(), make_person(), make_person()
    post = new_post(api, anna)
    first = report(api, bram, post=post["id"], text="Dit hoort hier niet")
    assert first.status_code == 201 and first.json_body["repeated"] is False
    assert report(api, bram, post=post["id"]).json_body["repeated"] is True
    assert report(api, anna, post=post["id"]).status_code == 403
    assert report(api, cas, reason="spam", post=post["id"]).status_code == 201
    unsigned = api.client.http.post("/api/reports", headers=api.as_person(None),
                                    body='{"post": "x", "reason": "spam"}')
    assert unsigned.status_code == 401


@pytest.mark.parametrize("body, status, field", [
    ({"reason": "offensive"}, 400, "post"),
    ({"reason": "boring", "post": "{post}"}, 400, "reason"),
    ({"reason": "spam", "post": "{post}", "text": "x" * 501}, 400, "text"),
    ({"reason": "spam", "post": "01JZZZZZZZZZZZZZZZZZZZZZZZ"}, 404, None),
    ({"reason": "spam", "comment": "nope"}, 404, None),
])
def test_bad_reports_are_clear_errors(api, make_person, body, status, field):
    anna, bram = make_person(), make_person()
    post = new_post(api, anna)
    body = {k: v.replace("{post}", post["id"]) if isinstance(v, str) else v
            for k, v in body.items()}
    response = api.call("POST", "/api/reports", bram, body)
    assert response.status_code == status
    assert response.json_body.get("field") == field


def test_a_secret_groups_post_cannot_be_reported_by_outsiders(api, make_person):
    owner, outsider = make_person(), make_person()
    group = api.create(owner, visibility="secret", name="Geheim")
    post = new_post(api, owner, group=group["id"])
    assert report(api, outsider, post=post["id"]).status_code == 404


def test_the_queue_is_for_moderators_and_never_names_the_reporter(api, make_person):
    anna, bram = make_person(), make_person(name="Bram Melder")
    editor, admin = make_person("content_manager"), make_person("admin")
    post = new_post(api, anna)
    report(api, bram, post=post["id"], text="Kwetsend")
    report(api, make_person(), reason="spam", post=post["id"])
    assert api.call("GET", "/api/moderation/queue", bram).status_code == 403
    for moderator in (editor, admin):
        queue = api.call("GET", "/api/moderation/queue", moderator)
        assert queue.status_code == 200
        [flag] = queue.json_body["items"]
        assert (flag["kind"], flag["id"], flag["reports"]) == ("post", post["id"], 2)
        assert flag["reasons"] == ["offensive", "spam"]
        assert bram.id not in str(queue.json_body) and "Bram Melder" not in str(queue.json_body)


def test_group_managers_read_and_moderate_their_own_group_only(api, make_person):
    owner, member, other_owner = make_person(), make_person(), make_person()
    group = api.create(owner, name="Koor")
    other = api.create(other_owner, name="Band")
    api.join(group["id"], member)
    post = new_post(api, member, group=group["id"])
    feed_post = new_post(api, member)
    report(api, other_owner, post=post["id"])
    report(api, owner, post=feed_post["id"])
    mine = api.call("GET", f"/api/moderation/queue?group={group['id']}", owner)
    assert [f["id"] for f in mine.json_body["items"]] == [post["id"]]
    assert api.call("GET", "/api/moderation/queue", owner).status_code == 403
    assert api.call("GET", f"/api/moderation/queue?group={group['id']}",
                    other_owner).status_code == 403
    assert api.call("GET", f"/api/moderation/queue?group={other['id']}",
                    member).status_code == 403
    hide = {"reason": "Persoonlijk"}
    assert api.call("POST", f"/api/moderation/post/{feed_post['id']}/hide", owner,
                    hide).status_code == 403
    assert api.call("POST", f"/api/moderation/post/{post['id']}/hide", other_owner,
                    hide).status_code == 403
    assert api.call("POST", f"/api/moderation/post/{post['id']}/hide", owner,
                    hide).status_code == 200
    assert api.call("GET", f"/api/moderation/queue?group={group['id']}",
                    owner).json_body["items"] == []


def test_a_hidden_post_leaves_every_stream_but_its_author_sees_why(api, make_person):
    anna, bram, editor = make_person(), make_person(), make_person("content_manager")
    group = api.create(anna, name="Tuin")
    api.join(group["id"], bram)
    home = new_post(api, anna, kind="question")
    in_group = new_post(api, anna, group=group["id"], kind="question")
    streams = ["/api/stream", f"/api/stream?author={anna.id}", "/api/stream?unanswered=1",
               f"/api/groups/{group['id']}/posts", f"/api/groups/{group['id']}/posts?unanswered=1"]
    before = [ids(api.call("GET", s, bram)) for s in streams]
    assert all(home["id"] in found or in_group["id"] in found for found in before)
    for post in (home, in_group):
        hidden = api.call("POST", f"/api/moderation/post/{post['id']}/hide", editor,
                          {"reason": "Past niet bij onze omgangsvormen"})
        assert hidden.status_code == 200, hidden.json_body
    for s in streams:
        found = ids(api.call("GET", s, bram))
        assert home["id"] not in found and in_group["id"] not in found, s
    assert api.call("GET", f"/api/posts/{home['id']}", bram).status_code == 404
    assert api.call("PUT", f"/api/posts/{home['id']}/reactions/like", bram).status_code == 404
    assert api.call("POST", f"/api/posts/{home['id']}/comments", bram,
                    {"body": "Hallo?"}).status_code == 404
    assert report(api, bram, post=home["id"]).status_code == 404
    own = api.call("GET", f"/api/posts/{home['id']}", anna).json_body
    assert own["hidden"]["reason"] == "Past niet bij onze omgangsvormen"
    assert home["id"] in ids(api.call("GET", "/api/stream", anna))
    again = api.call("POST", f"/api/moderation/post/{home['id']}/hide", editor, {"reason": "x"})
    assert again.status_code == 409
    restored = api.call("POST", f"/api/moderation/post/{home['id']}/restore", editor, {})
    assert restored.status_code == 200
    assert home["id"] in ids(api.call("GET", "/api/stream", bram))


def test_hide_needs_a_reason_and_a_moderator(api, make_person):
    anna, bram, editor = make_person(), make_person(), make_person("content_manager")
    post = new_post(api, anna)
    url = f"/api/moderation/post/{post['id']}/hide"
    assert api.call("POST", url, bram, {"reason": "weg"}).status_code == 403
    assert api.call("POST", url, anna, {"reason": "weg"}).status_code == 403
    assert api.call("POST", url, editor, {}).json_body["field"] == "reason"
    assert api.call("POST", f"/api/moderation/poll/{post['id']}/hide", editor,
                    {"reason": "x"}).status_code == 404
    assert api.call("POST", f"/api/moderation/post/{post['id']}/restore", editor,
                    {}).status_code == 409  # neither hidden nor reported


def test_handling_closes_the_reports_for_the_reporter(api, make_person):
    from chalicelib.models import Report

    anna, bram, editor = make_person(), make_person(), make_person("content_manager")
    post = new_post(api, anna)
    report(api, bram, post=post["id"])
    assert Report.get(*Report.key("post", post["id"], bram.id)).state == "open"
    api.call("POST", f"/api/moderation/post/{post['id']}/hide", editor, {"reason": "Kwetsend"})
    handled = Report.get(*Report.key("post", post["id"], bram.id))
    assert (handled.state, handled.outcome) == ("handled", "hidden")
    assert api.call("GET", "/api/moderation/queue", editor).json_body["items"] == []


def test_a_restore_dismisses_reports_on_a_visible_post(api, make_person):
    anna, bram, editor = make_person(), make_person(), make_person("content_manager")
    post = new_post(api, anna)
    report(api, bram, post=post["id"])
    dismissed = api.call("POST", f"/api/moderation/post/{post['id']}/restore", editor, {})
    assert dismissed.status_code == 200
    assert api.call("GET", "/api/moderation/queue", editor).json_body["items"] == []
    assert post["id"] in ids(api.call("GET", "/api/stream", bram))


def test_a_hidden_comment_is_blanked_for_others_and_shown_to_its_author(api, make_person):
    anna, bram, editor = make_person(), make_person(), make_person("content_manager")
    post = new_post(api, anna)
    comment = api.call("POST", f"/api/posts/{post['id']}/comments", bram,
                       {"body": "Onaardig"}).json_body
    assert report(api, anna, comment=comment["id"]).status_code == 201
    [flag] = api.call("GET", "/api/moderation/queue", editor).json_body["items"]
    assert (flag["kind"], flag["post"]) == ("comment", post["id"])
    assert api.call("POST", f"/api/moderation/comment/{comment['id']}/hide", editor,
                    {"reason": "Onaardig"}).status_code == 200
    [seen] = api.call("GET", f"/api/posts/{post['id']}/comments", anna).json_body["items"]
    assert seen["body"] == "" and seen["author"] is None and seen["hidden"] is True
    [own] = api.call("GET", f"/api/posts/{post['id']}/comments", bram).json_body["items"]
    assert own["body"] == "Onaardig" and own["hidden"]["reason"] == "Onaardig"
    assert report(api, anna, comment=comment["id"]).status_code == 404


def test_moderators_delete_through_the_existing_delete(api, make_person):
    from chalicelib.models import Report

    anna, bram, editor = make_person(), make_person(), make_person("content_manager")
    post = new_post(api, anna)
    comment = api.call("POST", f"/api/posts/{post['id']}/comments", anna,
                       {"body": "Ook weg"}).json_body
    report(api, bram, post=post["id"])
    assert api.call("DELETE", f"/api/comments/{comment['id']}", bram).status_code == 403
    assert api.call("DELETE", f"/api/comments/{comment['id']}", editor).status_code == 200
    assert api.call("DELETE", f"/api/posts/{post['id']}", bram).status_code == 403
    assert api.call("DELETE", f"/api/posts/{post['id']}", editor).status_code == 200
    assert Report.get(*Report.key("post", post["id"], bram.id)).outcome == "deleted"


def test_a_hidden_question_leaves_the_dashboards_unanswered_list(table, make_person, clock):
    from datetime import timedelta

    from chalicelib.domain import posts
    from chalicelib.domain.moderation import actions
    from chalicelib.domain.open_questions import unanswered as open_ones
    from chalicelib.ids import new_id

    from tests.usage_helpers import viewer

    anna, editor = make_person(), make_person("content_manager")
    question = posts.create(viewer(anna), {"body": "Wie weet dit?", "kind": "question"}, clock,
                            new_id)
    later = clock() + timedelta(days=3)

    def unanswered(now):  # the whole organisation's list, as admins see it
        return open_ones(now, None, lambda ids: {}, None)["unanswered"]

    assert [q["id"] for q in unanswered(later)] == [question["id"]]
    actions.hide(viewer(editor), "post", question["id"], {"reason": "Dubbel"}, clock, new_id)
    assert unanswered(later) == []


def test_own_reports_are_exported_and_go_with_the_account(api, make_person):
    from chalicelib.models import Flag, Report

    anna, bram = make_person(), make_person()
    post = new_post(api, anna)
    report(api, bram, post=post["id"], text="Mijn woorden")
    exported = api.call("GET", "/api/me/export", bram).json_body["reports"]
    assert [(r["target"], r["reason"], r["text"]) for r in exported] == [
        (post["id"], "offensive", "Mijn woorden")]
    assert api.call("DELETE", "/api/me", bram, {"content": "remove"}).json_body["deleted"]
    assert list(Report.query(Report.key("post", post["id"], "")[0])) == []
    assert Flag.get(*Flag.key("post", post["id"])).reports == 1  # the count stays, unnamed
