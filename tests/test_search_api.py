"""GET /api/search: posts, questions and comments from the term index, kept by the stream
consumer; what a viewer may not read is never found."""

import pytest
from groups_steps import GroupApi
from search_steps import SearchApi, Stream


@pytest.fixture
def api(client, as_person, dynamodb, table):
    return SearchApi(client, as_person, Stream(dynamodb, table))


def test_a_plural_finds_a_post_about_the_singular(api, make_person):
    anna = make_person()
    post = api.post(anna, "De nieuwe **fietsenstalling** bij ingang B is open.")
    api.post(anna, "Lunch in de kantine.")
    assert api.found(anna, "fietsenstallingen") == [post["id"]]
    item = api.search(anna, "fietsenstallingen", type="posts").json_body["items"][0]
    assert item["type"] == "post" and item["group"] is None
    assert "<mark>fietsenstalling</mark>" in item["snippet"] and "**" not in item["snippet"]
    assert item["url"] == f"/#post-{post['id']}" and item["date"] == post["created"]


def test_cafe_finds_cafe_with_an_accent(api, make_person):
    anna = make_person()
    post = api.post(anna, "Vrijdagmiddag borrel in het Café.")
    assert api.found(anna, "cafe") == [post["id"]]


def test_a_secret_groups_post_is_found_by_its_members_only(api, client, as_person,
                                                           make_person):
    groups = GroupApi(client, as_person)
    owner, member, outsider = make_person(), make_person(), make_person()
    group = groups.create(owner, "secret", name="Reorganisatie")
    groups.invite(group["id"], owner, member)
    groups.join(group["id"], member)
    post = api.post(member, "Het nieuwe organogram komt vrijdag.", group=group["id"])
    assert api.found(member, "organogram") == [post["id"]]
    assert api.found(owner, "organogram") == [post["id"]]
    assert api.found(outsider, "organogram") == []
    item = api.search(member, "organogram", type="posts").json_body["items"][0]
    assert item["group"] == {"id": group["id"], "name": "Reorganisatie"}
    # A comment there is as secret as its post.
    api.comment(member, post["id"], "Welk organogram bedoel je?")
    assert len(api.found(member, "organogram")) == 2
    assert api.found(outsider, "organogram") == []
    # Leaving the group takes the results with it: access is decided on every search.
    groups.leave(group["id"], member)
    assert api.found(member, "organogram") == []


def test_an_edited_post_is_found_by_its_new_words_not_its_old(api, make_person):
    anna = make_person()
    post = api.post(anna, "Parkeren in de garage kan vanaf maandag.")
    assert api.found(anna, "garage") == [post["id"]]
    api.write("patch", f"/api/posts/{post['id']}", anna,
              {"body": "Parkeren op het terrein kan vanaf maandag."})
    api.stream.post(post["id"])
    assert api.found(anna, "garage") == []
    assert api.found(anna, "terrein") == [post["id"]]
    assert api.found(anna, "parkeren") == [post["id"]]


def test_deleted_posts_and_comments_leave_the_index(api, make_person, dynamodb, table):
    anna, bram = make_person(), make_person()
    post = api.post(anna, "Wie heeft mijn paraplu gezien?", kind="question")
    comment = api.comment(bram, post["id"], "Die paraplu staat bij de receptie.")
    assert api.search(anna, "paraplu", type="posts").json_body["items"][0]["type"] in (
        "question", "comment")
    api.write("delete", f"/api/comments/{comment['id']}", bram)
    api.stream.comment(comment["id"])
    assert api.found(anna, "receptie") == []
    api.write("delete", f"/api/posts/{post['id']}", anna)
    api.stream.post(post["id"])
    assert api.found(anna, "paraplu") == []
    left = dynamodb.scan(TableName=table, FilterExpression="begins_with(pk, :t)",
                         ExpressionAttributeValues={":t": {"S": "TERM#"}})["Items"]
    assert left == []


def test_redelivered_and_late_records_change_nothing(api, make_person):
    anna = make_person()
    post = api.post(anna, "Koffieautomaat op de tweede verdieping is kapot.")
    first = api.stream.post(post["id"])
    api.write("patch", f"/api/posts/{post['id']}", anna, {"body": "Theeautomaat gerepareerd."})
    api.stream.post(post["id"])
    # The first record again, after the edit's: the index still holds the edited text.
    from chalicelib.domain.search.indexer import on_change

    on_change(first)
    on_change(first)
    assert api.found(anna, "koffieautomaat") == []
    assert api.found(anna, "theeautomaat") == [post["id"]]


def test_all_words_must_match_and_more_matches_rank_first(api, make_person):
    anna = make_person()
    once = api.post(anna, "De lift in gebouw A doet het weer.")
    api.post(anna, "De lift staat stil.")
    twice = api.post(anna, "Gebouw C: lift defect, gebruik de lift van gebouw D.")
    assert api.found(anna, "lift gebouw") == [twice["id"], once["id"]]


def test_pages_through_results_with_a_cursor(api, make_person):
    anna = make_person()
    ids = [api.post(anna, f"Vergadering nummer {n}")["id"] for n in range(25)]
    first = api.search(anna, "vergadering", type="posts").json_body
    assert len(first["items"]) == 20 and first["next"]
    second = api.search(anna, "vergadering", type="posts", cursor=first["next"]).json_body
    assert second["next"] is None
    assert sorted(i["id"] for i in first["items"] + second["items"]) == sorted(ids)


def test_bounded_calls_per_query(api, make_person, meter):
    anna = make_person()
    for n in range(5):
        api.post(anna, f"Kerstborrel in de kantine, ronde {n}")
    meter.reset()
    response = api.search(anna, "kerstborrel kantine ronde", type="posts")
    assert len(response.json_body["items"]) == 5
    # The session's GetItem, one Query per word, one BatchGet; never a Scan.
    assert dict(meter.calls) == {"GetItem": 1, "Query": 3, "BatchGetItem": 1}


def test_people_groups_and_posts_in_one_answer(api, client, as_person, make_person):
    groups = GroupApi(client, as_person)
    anna = make_person(name="Anna Borrel", title="Borrelcoördinator")
    groups.create(anna, "open", name="Borrelcommissie", description="Borrels en feesten")
    api.post(anna, "Borrels voortaan op donderdag!")
    items = api.search(anna, "borrel").json_body["items"]
    kinds = [i["type"] for i in items]
    assert kinds[:2] == ["person", "group"] and "post" in kinds
    person = items[0]
    assert person["handle"] == anna.email.partition("@")[0]
    assert person["url"] == f"/mensen/profiel.html?id={anna.id}"
    assert person["title"] == "Anna Borrel"
    assert person["snippet"] == "<mark>Borrelcoördinator</mark>"
    assert items[1]["snippet"] == "<mark>Borrels</mark> en feesten"


@pytest.mark.parametrize("query, field", [
    ("", "q"), ("q=", "q"), ("q=x&type=pages", "type"), ("q=x&type=posts&cursor=nope", "cursor"),
    ("q=" + "a" * 201, "q"), ("q=x&cursor=abc", "cursor"),
])
def test_bad_searches_are_400(client, as_person, make_person, query, field):
    response = client.http.get(f"/api/search?{query}", headers=as_person(make_person()))
    assert response.status_code == 400 and response.json_body["field"] == field


def test_search_needs_a_session(client, table):
    assert client.http.get("/api/search?q=x").status_code == 401


def test_an_erased_accounts_posts_and_comments_leave_the_index(api, make_person):
    anna, bram = make_person(), make_person()
    theirs = api.post(bram, "Wie weet waar de beamer is?")
    mine = api.post(anna, "De beamer staat in zaal drie.")
    said = api.comment(anna, theirs["id"], "Beamer van zaal twee is stuk.")
    assert len(api.found(bram, "beamer")) == 3
    response = api.client.http.delete("/api/me", headers=api.as_person(anna),
                                      body='{"content": "remove"}')
    assert response.status_code == 200, response.json_body
    api.stream.post(mine["id"])
    api.stream.comment(said["id"])
    assert api.found(bram, "beamer") == [theirs["id"]]


def test_a_rare_word_with_a_common_one_finds_an_old_post(api, make_person):
    from chalicelib.domain.search import index

    anna = make_person()
    old = api.post(anna, "Het zeldzaamheidsonderzoek van de afdeling is klaar.")
    for n in range(index.READ_PER_TERM // 20 + 3):
        for m in range(20):
            # Written straight into the index: 200+ newer documents with the common word.
            index.DynamoIndex().index(index.Document(
                f"01ZZZZZZZZZZZZZZZZZZZZ{n:02d}{m:02d}", "post", "FEED", "afdeling"))
    assert api.found(anna, "zeldzaamheidsonderzoek afdeling") == [old["id"]]


def test_a_blanked_comment_leaves_the_index(api, make_person):
    anna, bram = make_person(), make_person()
    post = api.post(anna, "Nieuwe koffiebonen in de keuken.")
    said = api.comment(bram, post["id"], "Zijn dat arabicabonen?")
    reply = api.write("post", f"/api/posts/{post['id']}/comments", anna,
                      {"body": "Ja, arabica.", "parent": said["id"]})
    api.stream.comment(reply["id"])
    assert len(api.found(anna, "arabicabonen")) == 1
    # With a reply it keeps its place, emptied: a MODIFY, not a REMOVE.
    api.write("delete", f"/api/comments/{said['id']}", bram)
    assert api.stream.comment(said["id"]).event == "MODIFY"
    assert api.found(anna, "arabicabonen") == []


def test_a_hidden_post_leaves_the_results_and_comes_back_when_restored(api, make_person):
    """Moderation hides for everyone but the author and moderators: search too."""
    anna, colleague = make_person(), make_person()
    editor = make_person(role="content_manager")
    post = api.post(anna, "Wie heeft de sleutel van de fietskelder?")
    assert api.found(colleague, "fietskelder") == [post["id"]]
    api.write("post", f"/api/moderation/post/{post['id']}/hide", editor,
              {"reason": "Persoonlijk"})
    api.stream.post(post["id"])
    assert api.found(colleague, "fietskelder") == []
    api.write("post", f"/api/moderation/post/{post['id']}/restore", editor, {})
    api.stream.post(post["id"])
    assert api.found(colleague, "fietskelder") == [post["id"]]
