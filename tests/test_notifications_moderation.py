"""Notifications meet moderation (issue 18 with issue 14), through the real stream: the
reporter hears that a report was handled (and only the reporter), and a hidden post notifies
nobody and leaves the notes about it out of the inbox."""

import pytest
from notification_steps import Api


@pytest.fixture
def api(client, as_person):
    return Api(client, as_person)


def hide(api, moderator, post_id):
    reply = api.call("POST", f"/api/moderation/post/{post_id}/hide", moderator,
                     {"reason": "Kwetsend"})
    assert reply.status_code == 200, reply.json_body
    return reply.json_body


def test_the_reporter_hears_the_report_was_handled_and_nobody_learns_who(api, make_person,
                                                                         stream):
    author, reporter = make_person(name="Anna"), make_person(name="Bram")
    moderator = make_person("content_manager", name="Cas")
    post = api.post(author, "Iets kwetsends")
    reply = api.call("POST", "/api/reports", reporter, {"reason": "offensive", "post": post["id"]})
    assert reply.status_code == 201, reply.json_body
    hide(api, moderator, post["id"])
    stream.drain()
    stream.drain()  # redelivered: still one note
    notes = api.notes(reporter)["items"]
    assert [(n["type"], n["text"], n["url"]) for n in notes] == [
        ("report_handled", "Een moderator heeft je melding afgehandeld. Dank je wel.", "/")]
    assert api.notes(author)["items"] == [] and api.notes(moderator)["items"] == []
    english = api.notes(reporter, "?lang=en")["items"][0]["text"]
    assert english == "A moderator handled your report. Thank you."


def test_a_restored_post_links_the_reporter_to_it(api, make_person, stream):
    author, reporter = make_person(), make_person()
    moderator = make_person("content_manager")
    post = api.post(author, "Gewoon een mening")
    api.call("POST", "/api/reports", reporter, {"reason": "untrue", "post": post["id"]})
    reply = api.call("POST", f"/api/moderation/post/{post['id']}/restore", moderator, {})
    assert reply.status_code == 200, reply.json_body
    stream.drain()
    assert [n["url"] for n in api.notes(reporter)["items"]] == [f"/?post={post['id']}"]


def test_a_hidden_post_notifies_nobody_and_its_notes_leave_the_inbox(api, make_person,
                                                                     stream):
    author, liker, named = make_person(), make_person(), make_person(name="Dirk")
    moderator = make_person("content_manager")
    post = api.post(author, "Iets kwetsends")
    assert api.call("PUT", f"/api/posts/{post['id']}/reactions/like", liker).status_code == 200
    stream.drain()
    assert [n["type"] for n in api.notes(author)["items"]] == ["likes"]
    hide(api, moderator, post["id"])
    # Its author still reads it and may edit it; a mention added now tells nobody.
    handle = "@" + named.email.split("@")[0]
    edited = api.call("PATCH", f"/api/posts/{post['id']}", author, {"body": f"Sorry {handle}"})
    assert edited.status_code == 200, edited.json_body
    stream.drain()
    assert api.notes(named)["items"] == []
    assert api.notes(author)["items"] == []  # the like's note is about a hidden post now
    assert api.unread(author) == 0
