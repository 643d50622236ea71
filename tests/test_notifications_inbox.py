"""Reading notifications: newest first with a cursor, marking one or all read with the bell's
count exact, settings, and what the reader may no longer see."""

import pytest
from groups_steps import GroupApi
from notification_steps import Api


@pytest.fixture
def api(client, as_person):
    return Api(client, as_person)


def test_pages_newest_first_and_reading_moves_the_count(api, make_person, stream):
    author, colleague = make_person(), make_person(name="Kees")
    post = api.post(author, "Lunch?")
    for n in range(23):
        api.comment(colleague, post["id"], f"Ja {n}")
    stream.drain()
    first = api.notes(author)
    assert len(first["items"]) == 20 and first["unread"] == 23 and first["next"]
    rest = api.notes(author, f"?cursor={first['next']}")
    assert len(rest["items"]) == 3 and rest["next"] is None
    times = [i["created"] for i in first["items"] + rest["items"]]
    assert times == sorted(times, reverse=True)
    assert len({i["id"] for i in first["items"] + rest["items"]}) == 23
    one = first["items"][0]["id"]
    reply = api.call("POST", "/api/notifications/read", author, {"ids": [one, one]})
    assert reply.json_body == {"marked": 1, "unread": 22}
    again = api.call("POST", "/api/notifications/read", author, {"ids": [one]})
    assert again.json_body == {"marked": 0, "unread": 22}  # twice read is still one
    assert api.notes(author)["items"][0]["read"] is True
    everything = api.call("POST", "/api/notifications/read", author, {"all": True})
    assert everything.json_body == {"marked": 22, "unread": 0}
    assert api.unread(author) == 0
    # Nobody else's notes can be marked: ids are looked up in the reader's own inbox.
    assert api.call("POST", "/api/notifications/read", colleague,
                    {"ids": [one]}).json_body["marked"] == 0


@pytest.mark.parametrize("body", [{}, {"ids": []}, {"ids": "x"}, {"ids": [1]},
                                  {"ids": ["a"] * 101}, {"all": "yes"}])
def test_bad_read_requests_say_why(api, make_person, body):
    reply = api.call("POST", "/api/notifications/read", make_person(), body)
    assert (reply.status_code, reply.json_body["field"]) == (400, "ids")


def test_a_foreign_cursor_and_no_session_are_refused(api, client, make_person):
    reply = api.call("GET", "/api/notifications?cursor=%%%", make_person())
    assert (reply.status_code, reply.json_body["field"]) == (400, "cursor")
    assert client.http.get("/api/notifications").status_code == 401
    assert client.http.get("/api/me/notification-settings").status_code == 401


def test_notes_about_what_one_can_no_longer_read_are_not_shown(api, client, as_person,
                                                               make_person, stream):
    groups = GroupApi(client, as_person)
    owner, member = make_person(), make_person()
    group = groups.create(owner, "closed", name="Project X")
    groups.invite(group["id"], owner, member)
    groups.join(group["id"], member)
    post = api.post(member, "Status", group=group["id"])
    api.comment(owner, post["id"], "Goed zo")
    loose = api.post(member, "Los bericht")
    api.comment(owner, loose["id"], "Top")
    stream.drain()
    assert api.unread(member) == 3  # the invitation and two comments
    groups.leave(group["id"], member)
    api.call("DELETE", f"/api/posts/{loose['id']}", member)
    page = api.notes(member)
    # A closed group's name stays public (its invitation shows); its posts and the deleted
    # post do not, and they no longer count on the bell.
    assert [i["type"] for i in page["items"]] == ["invitation"] and page["unread"] == 1


def test_settings_have_defaults_and_are_checked(api, make_person):
    me = make_person()
    got = api.call("GET", "/api/me/notification-settings", me).json_body
    assert got["mail"]["mention"] == "now" and got["mail"]["likes"] == "daily"
    assert got["mail"]["reminder"] == "now" and got["language"] == "nl" and got["groups"] == []
    saved = api.call("PUT", "/api/me/notification-settings", me,
                     {"mail": {"likes": "off", "comment": "weekly"}, "language": "en"})
    assert saved.status_code == 200
    assert saved.json_body["mail"]["likes"] == "off" and saved.json_body["language"] == "en"
    assert api.call("GET", "/api/me/notification-settings", me).json_body == saved.json_body
    for body, field in [({"mail": {"likes": "hourly"}}, "mail"), ({"mail": {"x": "now"}}, "mail"),
                        ({"language": "de"}, "language"), ({"groups": {"g": "some"}}, "groups"),
                        ({"groups": []}, "groups")]:
        reply = api.call("PUT", "/api/me/notification-settings", me, body)
        assert (reply.status_code, reply.json_body["field"]) == (400, field)


def test_the_frequency_that_applied_is_stored_with_the_note(api, make_person, stream):
    from chalicelib.models.notifications import Notification

    author, fan = make_person(), make_person()
    api.call("PUT", "/api/me/notification-settings", author, {"mail": {"comment": "weekly"}})
    post = api.post(author, "Vrijdagborrel")
    api.comment(fan, post["id"], "Ik kom")
    stream.drain()
    note = next(iter(Notification.query(Notification.partition(author.id))))
    assert note.mail == "weekly" and note.gsi2pk == "DIGEST#weekly"
    assert note.gsi2sk.startswith(f"{author.id}#") and note.mailed is None


def test_the_digest_contract_finds_marks_and_checks_pending_notes(api, make_person, stream):
    """What the `delivery` helper's digest job relies on (docs/notifications.md)."""
    from datetime import UTC, datetime

    from chalicelib.domain.notifications import inbox, store
    from chalicelib.models.notifications import Notification

    author, fan = make_person(name="Ina"), make_person(name="Olaf")
    api.call("PUT", "/api/me/notification-settings", author, {"language": "en"})
    post = api.post(author, "Nieuwe collega")
    api.comment(fan, post["id"], "Welkom!")
    stream.drain()
    pending = list(Notification.pending.query(
        "DIGEST#daily", Notification.gsi2sk.startswith(f"{author.id}#")))
    notes = inbox.readable_notes(author, pending)
    assert [(n["type"], n["text"], n["mail"]) for n in notes] == [
        ("comment", "Olaf commented on your post", "daily")]
    store.mark_mailed(author.id, [n["id"] for n in notes], datetime.now(UTC))
    assert list(Notification.pending.query("DIGEST#daily")) == []
    assert next(iter(Notification.query(Notification.partition(author.id)))).mailed
    api.call("DELETE", f"/api/posts/{post['id']}", author)  # gone: not in a digest either
    assert inbox.readable_notes(author, pending) == []


def test_an_unread_note_that_expires_comes_off_the_bell_once(aws, table, app, api, make_person):
    """DynamoDB's TTL deletes a note after 90 days; the stream's REMOVE (delivered at least
    once) takes it off the count exactly once."""
    import app as app_module
    from chalicelib.models.notifications import Notification

    from infra.local.streams import TableStream

    kept = []

    def handler(event, context):
        kept.append(event)
        return app_module.table_changes(event, context)

    reader = TableStream(aws.client("dynamodb"), aws.client("dynamodbstreams"), table,
                         handler).start()
    author, fan = make_person(), make_person()
    post = api.post(author, "Oud nieuws")
    api.comment(fan, post["id"], "Eerste")
    api.comment(fan, post["id"], "Tweede")
    reader.drain()
    assert api.unread(author) == 2
    notes = list(Notification.query(Notification.partition(author.id)))
    api.call("POST", "/api/notifications/read", author, {"ids": [notes[1].id]})
    for note in notes:  # what the TTL does, 90 days on
        aws.client("dynamodb").delete_item(TableName=table, Key={
            "pk": {"S": note.pk}, "sk": {"S": note.sk}})
    kept.clear()
    reader.drain()
    for event in kept:
        app_module.table_changes(event, None)
    from chalicelib.models.notifications import Unread

    assert Unread.get(*Unread.key(author.id)).unread == 0  # not -1: counted off once


def test_a_colleague_who_deleted_their_account_is_no_longer_named(api, client, as_person,
                                                                   make_person, stream):
    import json

    author, leaver = make_person(), make_person(name="Vertrokken Collega")
    post = api.post(author, "Afscheid")
    api.comment(leaver, post["id"], "Dag allemaal")
    stream.drain()
    assert api.notes(author)["items"][0]["text"] == "Vertrokken Collega reageerde op je bericht"
    client.http.delete("/api/me", headers=as_person(leaver), body=json.dumps(
        {"content": "anonymise"}))
    stream.drain()
    assert api.notes(author)["items"][0]["text"] == "Oud-collega reageerde op je bericht"
