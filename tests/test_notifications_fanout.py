"""What notifies whom (issue 14), through the real stream: each test acts through the API,
drains the embedded endpoint's stream into the handler, and reads the inbox."""

import pytest
from groups_steps import GroupApi
from notification_steps import Api, Recorder, handle_like_lambda, handle_with


@pytest.fixture
def api(client, as_person):
    return Api(client, as_person)


@pytest.fixture
def groups(client, as_person):
    return GroupApi(client, as_person)


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
def recorded(aws, table, app, recorder):
    """The stream, fanned out with a deliverer that records what would be pushed or mailed."""
    from infra.local.streams import TableStream

    return TableStream(aws.client("dynamodb"), aws.client("dynamodbstreams"), table,
                       handle_with(recorder)).start()


def handle(person):
    return "@" + person.email.split("@")[0]


def test_a_redelivered_batch_gives_one_notification(aws, table, app, api, make_person):
    import app as app_module

    from infra.local.streams import TableStream

    kept = []
    reader = TableStream(aws.client("dynamodb"), aws.client("dynamodbstreams"), table,
                         handle_like_lambda(app_module, kept)).start()
    anna, bram = make_person(name="Anna"), make_person(name="Bram")
    post = api.post(anna, "Wie weet waar de sleutel is?")
    api.comment(bram, post["id"], "In de la")
    reader.drain()
    for event in kept:  # at least once: Lambda may hand the same batch over again
        app_module.table_changes(event, None)
    items = api.notes(anna)["items"]
    assert [(i["type"], i["text"]) for i in items] == [("comment", "Bram reageerde op je bericht")]
    assert api.unread(anna) == 1 and api.notes(bram)["items"] == []
    assert items[0]["url"].startswith(f"/?post={post['id']}#comment-")


def test_each_recipient_hears_once_in_the_strongest_way(api, make_person, recorded, recorder):
    asker, helper, third = make_person(name="Vera"), make_person(name="Hans"), make_person()
    question = api.post(asker, "Hoe vraag ik verlof aan?", kind="question")
    first = api.comment(helper, question["id"], "Via het portaal")
    api.comment(third, question["id"], f"Klopt {handle(helper)}", parent=first["id"])
    recorded.drain()
    # The reply mentions its parent's author: the mention wins over "a reply to my comment".
    assert [(p, n["type"]) for p, n in recorder.sent] == [
        (asker.id, "answer_wanted"), (helper.id, "mention"), (asker.id, "answer_wanted")]
    mention = recorder.sent[1][1]
    assert set(mention) == {"id", "type", "text", "url", "created", "group", "mail"}
    assert mention["mail"] == "now" and mention["text"].endswith("noemde je")
    api.call("POST", f"/api/posts/{question['id']}/answer", asker, {"comment": first["id"]})
    recorded.drain()
    assert recorder.sent[-1][0] == helper.id and recorder.sent[-1][1]["type"] == "answer"
    assert api.unread(helper) == 2


def test_a_secret_group_post_notifies_no_non_member(api, groups, make_person, stream):
    owner, member, outsider = make_person(), make_person(), make_person()
    group = groups.create(owner, "secret", name="Reorganisatie")
    groups.invite(group["id"], owner, member)
    groups.join(group["id"], member)
    for person in (member, outsider):  # the outsider follows it by id: refused
        reply = api.call("PUT", "/api/me/notification-settings", person,
                         {"groups": {group["id"]: "all"}})
        assert reply.status_code == (200 if person is member else 400)
    stream.drain()
    api.post(owner, f"Vertrouwelijk {handle(outsider)} {handle(member)}", group=group["id"])
    stream.drain()
    assert api.notes(outsider)["items"][:1] == []
    got = [i["type"] for i in api.notes(member)["items"]]
    assert got == ["mention", "invitation"]  # one note for the post: the mention wins


def test_every_post_in_a_group_for_those_who_chose_it(api, groups, make_person, stream):
    owner, keen, quiet = make_person(), make_person(), make_person()
    group = groups.create(owner, "open", name="Fietsclub")
    for person in (keen, quiet):
        groups.join(group["id"], person)
    api.call("PUT", "/api/me/notification-settings", keen, {"groups": {group["id"]: "all"}})
    api.post(owner, "Zaterdag toertocht", group=group["id"])
    stream.drain()
    assert [i["text"] for i in api.notes(keen)["items"]] == [
        f"{owner.name} plaatste een bericht in Fietsclub"]
    assert api.notes(quiet)["items"] == []
    groups.leave(group["id"], keen)  # an open group stays readable, but its posts stop
    api.post(owner, "Zondag ook", group=group["id"])
    stream.drain()
    assert len(api.notes(keen)["items"]) == 1


def test_likes_aggregate_into_one_note_per_post(api, make_person, stream):
    author = make_person()
    post = api.post(author, "Nieuwe koffiemachine!")
    likers = [make_person(name=n) for n in ("Anna", "Bram", "Cor", "Dirk")]
    for liker in likers:
        api.call("PUT", f"/api/posts/{post['id']}/reactions/like", liker)
        stream.drain()
    items = api.notes(author)["items"]
    assert [(i["type"], i["text"]) for i in items] == [
        ("likes", "Dirk en 3 anderen vinden je bericht leuk")]
    assert api.unread(author) == 1
    api.call("POST", "/api/notifications/read", author, {"all": True})
    api.call("DELETE", f"/api/posts/{post['id']}/reactions/like", likers[0])
    api.call("PUT", f"/api/posts/{post['id']}/reactions/like", likers[0])
    stream.drain()  # a like again by someone counted already: nothing new
    assert api.unread(author) == 0
    fifth = make_person(name="Eva")
    api.call("PUT", f"/api/posts/{post['id']}/reactions/like", fifth)
    stream.drain()
    assert api.notes(author, "?lang=en")["items"][0]["text"] == \
        "Eva and 4 others like your post"
    assert api.unread(author) == 1


def test_requests_invitations_and_their_answers(api, groups, make_person, stream):
    manager, asker, other, invitee = make_person(), make_person(name="Sam"), make_person(), \
        make_person()
    group = groups.create(manager, "closed", name="Ondernemingsraad")
    groups.join(group["id"], asker)
    groups.join(group["id"], other)
    groups.invite(group["id"], manager, invitee)
    stream.drain()
    assert [i["text"] for i in api.notes(manager)["items"]] == [
        f"{other.name} wil lid worden van Ondernemingsraad",
        "Sam wil lid worden van Ondernemingsraad"]
    assert [i["type"] for i in api.notes(invitee)["items"]] == ["invitation"]
    groups.approve(group["id"], manager, asker)
    groups.decline(group["id"], manager, other)
    stream.drain()
    assert [i["type"] for i in api.notes(asker)["items"]] == ["request_approved"]
    assert [i["text"] for i in api.notes(other)["items"]] == [
        "Je verzoek om lid te worden van Ondernemingsraad is afgewezen"]
    groups.join(group["id"], invitee)  # accepting an invitation tells no one
    stream.drain()
    assert len(api.notes(manager)["items"]) == 2


def test_one_note_written_before_does_not_block_the_rest_of_its_batch(table):
    """A batch half written before (a Lambda that timed out mid-way) is written again: the
    parts that exist fail their condition alone, the others land, each counted once."""
    from datetime import UTC, datetime

    from chalicelib.domain.notifications import store

    at = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

    def note(person):
        return store.new_note(person, "post.01JTEST", "group_post", "daily", at)

    assert store.commit_each([store.create_part(note("p2"))]) == set()
    failed = store.commit_each([store.create_part(note(p)) for p in ("p1", "p2", "p3")])
    assert failed == {"p2"}
    assert [store.unread(p) for p in ("p1", "p2", "p3")] == [1, 1, 1]


def test_a_reactions_note_names_its_kind(api, make_person, stream):
    author = make_person()
    post = api.post(author, "Het jaarverslag is af")
    anna, bram = make_person(name="Anna"), make_person(name="Bram")
    api.call("PUT", f"/api/posts/{post['id']}/reactions/thanks", anna)
    stream.drain()
    assert api.notes(author)["items"][0]["text"] == "Anna bedankt je voor je bericht"
    assert api.notes(author, "?lang=en")["items"][0]["text"] == \
        "Anna thanks you for your post"
    api.call("PUT", f"/api/posts/{post['id']}/reactions/celebrate", anna)  # a change: no news
    api.call("PUT", f"/api/posts/{post['id']}/reactions/insightful", bram)
    stream.drain()
    assert [i["text"] for i in api.notes(author)["items"]] == [
        "Bram en 1 ander gaven je bericht een waardering"]
