"""GET /api/home: the home page's dynamic parts in one answer, each the same as its own
route's, plus the unanswered questions in my groups, within a fixed number of calls."""

import pytest
from events_steps import EventApi
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def home(api, person):
    response = api.call("GET", "/api/home", person)
    assert response.status_code == 200, response.json_body
    return response.json_body


def ask(api, person, body, group=None, kind="question"):
    response = api.call("POST", "/api/posts", person,
                        {"body": body, "kind": kind, **({"group": group} if group else {})})
    assert response.status_code == 201, response.json_body
    return response.json_body


def test_a_signed_out_visitor_gets_null_and_no_refusal(api, meter):
    response = api.client.http.get("/api/home", headers=api.as_person(None))
    assert (response.status_code, response.json_body) == (200, {"person": None})
    assert dict(meter.calls) == {}  # no cookie, no call


def test_each_part_is_what_its_own_route_answers(api, client, as_person, make_person):
    me, colleague = make_person(), make_person("admin")
    group = api.create(colleague, name="Koor")["id"]
    api.join(group, me)
    ask(api, colleague, "Wie zingt er mee?", group)
    ask(api, colleague, "Een bericht", kind="update")
    EventApi(client, as_person).create(colleague, title="Repetitie")
    answer = home(api, me)
    own = {
        "person": api.call("GET", "/api/session", me).json_body["person"],
        "stream": api.call("GET", "/api/stream", me).json_body,
        "events": api.call("GET", "/api/events?scope=upcoming&limit=3", me).json_body,
        "welcome": api.call("GET", "/api/me/welcome", me).json_body,
    }
    assert {name: answer[name] for name in own} == own
    assert [e["title"] for e in answer["events"]["items"]] == ["Repetitie"]
    assert answer["stream"]["groups"] == [{"id": group, "name": "Koor"}]  # my groups
    assert set(answer) == {"person", "stream", "seen", "events", "welcome", "questions"}


def test_questions_are_the_open_ones_in_my_groups_newest_first(api, make_person):
    me, other = make_person(), make_person()
    mine = api.create(other, name="Fietsclub")["id"]
    elsewhere = api.create(other, name="Schaakclub")["id"]
    api.join(mine, me)
    old = ask(api, other, "Wie heeft een pomp?\nMijn band is lek.", mine)
    ask(api, other, "Een update, geen vraag", mine, kind="update")
    ask(api, other, "Wie speelt er zaterdag?", elsewhere)
    ask(api, other, "Vraag buiten een groep?")
    answered = ask(api, other, "Is er al een route?", mine)
    comment = api.call("POST", f"/api/posts/{answered['id']}/comments", me,
                       {"body": "Ja, langs de rivier"}).json_body
    assert api.call("POST", f"/api/posts/{answered['id']}/answer", other,
                    {"comment": comment["id"]}).status_code == 200
    newest = ask(api, me, "Wie rijdt er mee naar Zwolle?", mine)
    items = home(api, me)["questions"]["items"]
    assert [(q["id"], q["title"], q["group_name"]) for q in items] == [
        (newest["id"], "Wie rijdt er mee naar Zwolle?", "Fietsclub"),
        (old["id"], "Wie heeft een pomp?", "Fietsclub")]
    assert items[1]["author"]["id"] == other.id and items[1]["group"] == mine
    # Not a member: the open questions of a group are not on my home.
    assert home(api, make_person())["questions"]["items"] == []


def test_at_most_five_questions_and_none_a_moderator_hid(api, make_person):
    me, admin = make_person(), make_person("admin")
    group = api.create(me, name="Vragenuur")["id"]
    asked = [ask(api, me, f"Vraag {n}?", group) for n in range(7)]
    hidden = api.call("POST", f"/api/moderation/post/{asked[-1]['id']}/hide", admin,
                      {"reason": "Hoort hier niet"})
    assert hidden.status_code == 200, hidden.json_body
    titles = [q["title"] for q in home(api, me)["questions"]["items"]]
    assert titles == ["Vraag 5?", "Vraag 4?", "Vraag 3?", "Vraag 2?", "Vraag 1?"]


def test_seen_says_which_posts_a_view_would_not_count(api, make_person):
    me, other = make_person(), make_person()
    own = ask(api, me, "Mijn eigen bericht", kind="update")
    viewed = ask(api, other, "Al gezien", kind="update")
    fresh = ask(api, other, "Nog niet gezien", kind="update")
    assert api.call("POST", "/api/posts/seen", me, {"ids": [viewed["id"]]}).status_code == 200
    api.call("POST", "/api/posts/seen", make_person(), {"ids": [fresh["id"]]})
    seen = home(api, me)["seen"]
    assert seen["counts"] == {own["id"]: 0, viewed["id"]: 1, fresh["id"]: 1}
    assert sorted(seen["counted"]) == sorted([own["id"], viewed["id"]])


def test_the_calls_do_not_grow_with_the_data(api, client, as_person, make_person, meter):
    me, other = make_person(), make_person("admin")
    groups = [api.create(other, name=f"Groep {n}")["id"] for n in range(3)]
    for group in groups:
        api.join(group, me)

    def grow(n):  # the same mix every round, so the newest page looks alike
        for k in range(n):
            for group in groups:
                ask(api, other, f"Vraag {k} in {group}?", group)
            ask(api, other, f"Bericht {k}", kind="update")
            EventApi(client, as_person).create(other, title=f"Borrel {k}", days=k + 1)

    grow(2)
    meter.reset()
    home(api, me)
    small = dict(meter.calls)
    grow(25)
    meter.reset()
    answer = home(api, me)
    assert len(answer["stream"]["items"]) == 20 and len(answer["questions"]["items"]) == 5
    assert dict(meter.calls) == small, (dict(meter.calls), small)
    # The session and the bell's count (GetItem); memberships, FEED, 3 group feeds, the pins,
    # the events, the welcome checklist's memberships and posts, 3 groups' open questions
    # (Query); groups, reactions, bylines (authors, groups), enrolments, seen-by, questions
    # (BatchGetItem; events in groups would add one of their groups).
    assert small == {"GetItem": 2, "Query": 12, "BatchGetItem": 7}
