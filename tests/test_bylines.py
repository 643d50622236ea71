"""Every post and comment names its author's photo and job title, and a group post its group,
read with one BatchGet per kind for the whole page."""

import pytest
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def test_the_stream_shows_job_titles_and_group_names(api, make_person, meter):
    anna = make_person(name="Anna de Vries", title="Functioneel beheerder")
    bram = make_person(name="Bram Jansen")
    group = api.create(anna, name="Hardloopclub")["id"]
    api.join(group, bram)
    assert api.call("POST", "/api/posts", anna, {"body": "Zondag lopen?", "group": group}) \
        .status_code == 201
    assert api.call("POST", "/api/posts", bram, {"body": "Goedemorgen"}).status_code == 201
    meter.reset()
    items = api.call("GET", "/api/stream", bram).json_body["items"]
    by_body = {item["body"]: item for item in items}
    run = by_body["Zondag lopen?"]
    assert run["author"]["title"] == "Functioneel beheerder"
    assert run["group"] == group and run["group_name"] == "Hardloopclub"
    assert by_body["Goedemorgen"]["author"]["title"] is None
    assert "group_name" not in by_body["Goedemorgen"]
    # the viewer's groups, likes, the page's authors, the page's groups: not one per post
    assert meter.calls["BatchGetItem"] == 4


def test_comments_show_their_authors_title(api, make_person):
    anna = make_person(title="HR-adviseur")
    bram = make_person()
    post = api.call("POST", "/api/posts", bram, {"body": "Vraagje"}).json_body
    assert api.call("POST", f"/api/posts/{post['id']}/comments", anna, {"body": "Antwoord"}) \
        .status_code == 201
    items = api.call("GET", f"/api/posts/{post['id']}/comments", bram).json_body["items"]
    assert items[0]["author"]["title"] == "HR-adviseur"
    assert items[0]["author"]["photo"] is None


def test_the_home_streams_first_page_names_my_groups_at_no_extra_cost(api, make_person, meter):
    me, other = make_person(), make_person()
    quiet = api.create(other, name="Stille groep")["id"]
    busy = api.create(other, name="Drukke groep")["id"]
    api.join(quiet, me)
    api.join(busy, me)
    assert api.call("POST", "/api/posts", other, {"body": "Hallo", "group": busy}) \
        .status_code == 201
    meter.reset()
    first = api.call("GET", "/api/stream", me).json_body
    calls = dict(meter.calls)
    assert first["groups"] == [{"id": busy, "name": "Drukke groep"},
                               {"id": quiet, "name": "Stille groep"}]  # the busiest first
    meter.reset()
    api.call("GET", "/api/stream?unanswered=1", me)
    # The same Queries as the unanswered list, plus the one for the home stream's pins that only
    # a first page of the feed reads (community): naming the groups costs none.
    assert "groups" in first and calls["Query"] == meter.calls["Query"] + 1
    assert "groups" not in api.call("GET", f"/api/groups/{busy}/posts", me).json_body


def test_one_post_has_its_byline_too(api, make_person):
    # a notification's link (?post=<id>) shows one post, read on its own
    anna = make_person(title="Communicatieadviseur")
    group = api.create(anna, name="Nieuwsredactie")["id"]
    post = api.call("POST", "/api/posts", anna, {"body": "Persbericht", "group": group}).json_body
    shown = api.call("GET", f"/api/posts/{post['id']}", anna).json_body
    assert shown["author"]["title"] == "Communicatieadviseur"
    assert shown["group_name"] == "Nieuwsredactie"
