"""The usage dashboard and its CSV: who may see what, bounded reads, open questions."""

from datetime import timedelta

import pytest

from tests.usage_helpers import contributed, hit, usage, viewer


@pytest.mark.parametrize("days_of_data", [3, 90])
def test_the_90_day_dashboard_reads_a_bounded_number_of_items_without_scan(
        client, make_person, as_person, meter, clock, days_of_data):
    from chalicelib.clock import system_clock
    from chalicelib.domain import hits as counting

    admin = make_person("admin")
    start = system_clock() - timedelta(days=days_of_data - 1)
    for n in range(days_of_data):
        moment = start + timedelta(days=n)
        counting.record_hit(admin.id, {"path": f"/p{n % 7}.html"}, lambda m=moment: m)
        contributed("post", f"G{n % 5}", "employee", moment)
    meter.reset()
    data = usage(client, as_person(admin), days=90).json_body
    assert sum(r["views"] for r in data["daily"]) == days_of_data
    # The session, the days (one Query), weeks+months+employees, the open questions, and the
    # names of the top groups.
    assert meter.calls == {"GetItem": 1, "Query": 2, "BatchGetItem": 2}


def test_group_managers_see_only_their_own_groups(table, make_person, clock):
    from chalicelib.domain import groups
    from chalicelib.domain.usage_report import dashboard
    from chalicelib.errors import ApiError
    from chalicelib.ids import new_id

    mia = make_person()
    me = viewer(mia)
    mine = groups.create(me, {"name": "Personeelsvereniging", "visibility": "closed"}, clock,
                         new_id)["id"]
    contributed("post", mine, "employee", clock())
    contributed("join", mine, "employee", clock())
    contributed("post", "OTHER", "employee", clock())

    data = dashboard(me, {"days": "7"}, clock, groups_of=lambda v: [mine])
    assert data["scope"] == "groups"
    assert [(g["id"], g["name"], g["total"]) for g in data["groups"]] == [
        (mine, "Personeelsvereniging", 3)]  # its own creation counts too
    assert data["daily"][-1]["post"] == 1 and data["new_members"] == 1
    assert data["pages"] is None and data["active"] is None and data["daily"][-1]["views"] is None
    with pytest.raises(ApiError) as refused:
        dashboard(me, {}, clock)
    assert refused.value.status == 403


def test_a_group_manager_sees_their_own_groups_over_http(client, make_person, as_person, clock):
    from chalicelib.domain import groups
    from chalicelib.ids import new_id

    person = make_person()
    mine = groups.create(viewer(person), {"name": "Personeelsvereniging", "visibility": "open"},
                         clock, new_id)
    contributed("post", mine["id"], "employee", clock())
    response = usage(client, as_person(person))
    assert response.status_code == 200
    assert response.json_body["scope"] == "groups"
    assert [g["name"] for g in response.json_body["groups"]] == ["Personeelsvereniging"]
    csv = client.http.get("/api/usage.csv?table=groups", headers=as_person(person))
    assert csv.status_code == 200


def test_employees_get_403_and_strangers_401(client, make_person, as_person):
    assert usage(client, as_person(make_person())).status_code == 403
    assert client.http.get("/api/usage.csv", headers=as_person(make_person())).status_code == 403
    assert client.http.get("/api/usage").status_code == 401
    assert hit(client, {"host": "plein.test", "origin": "http://plein.test",
                        "content-type": "application/json"}).status_code == 401


def test_community_managers_see_the_whole_dashboard(client, make_person, as_person):
    response = usage(client, as_person(make_person("content_manager")))
    assert response.status_code == 200 and response.json_body["scope"] == "organisation"


@pytest.mark.parametrize("days", ["0", "91", "abc", "-3"])
def test_bad_days_are_400(client, make_person, as_person, days):
    response = client.http.get(f"/api/usage?days={days}", headers=as_person(make_person("admin")))
    assert response.status_code == 400 and response.json_body["field"] == "days"


def test_csv_has_the_same_numbers_as_the_api(client, make_person, as_person):
    import csv
    import io

    admin, anna = make_person("admin"), make_person()
    for path in ("/", "/", "/contact.html"):
        hit(client, as_person(anna), path)
    data = usage(client, as_person(admin), days=30).json_body
    response = client.http.get("/api/usage.csv?days=30", headers=as_person(admin))
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.body.decode())))
    assert [(r["date"], int(r["views"]), int(r["active"])) for r in rows] == [
        (d["date"], d["views"], d["active"]) for d in data["daily"]]
    pages = client.http.get("/api/usage.csv?days=30&table=pages", headers=as_person(admin))
    assert pages.body.decode().splitlines()[1:] == ["/,2", "/contact.html,1"]
    bad = client.http.get("/api/usage.csv?table=nope", headers=as_person(admin))
    assert bad.status_code == 400 and bad.json_body["field"] == "table"


def test_csv_cells_cannot_become_formulas():
    from chalicelib.domain.usage_report import to_csv

    text = to_csv({"groups": [{"id": "G", "name": "=HYPERLINK(1)", "post": 1, "comment": 0,
                               "reaction": 0, "join": 0, "group": 0, "staff": 0, "organic": 1,
                               "ambassador": 0, "total": 1}]}, "groups")
    assert "'=HYPERLINK(1)" in text


def test_questions_open_for_more_than_two_days_are_listed_oldest_first(table, make_person,
                                                                      clock):
    from chalicelib.domain import open_questions, posts
    from chalicelib.domain.usage_report import report
    from chalicelib.ids import new_id

    asker = make_person()
    me = viewer(asker)

    def ask(body, group):
        post_id = posts.create(me, {"body": body}, clock, new_id)["id"]
        open_questions.question_asked(post_id, group)
        return post_id

    oldest = ask("Waar vind ik het declaratieformulier?\nAlvast bedankt", "HR")
    clock.advance(hours=10)
    answered = ask("Wie heeft de sleutel van zaal 3?", None)
    clock.advance(hours=10)
    other = ask("Hoe vraag ik verlof aan?", "OTHER")
    clock.advance(days=1)
    recent = ask("Is de kantine open?", "HR")
    open_questions.question_settled(answered)
    clock.advance(days=1, hours=1)  # oldest: 2 d 21 h, other: 2 d 1 h, recent: 1 d 1 h

    listed = report(7, clock())["unanswered"]
    assert [(q["id"], q["title"], q["days_open"]) for q in listed] == [
        (oldest, "Waar vind ik het declaratieformulier?", 2),
        (other, "Hoe vraag ik verlof aan?", 2)]
    assert recent not in [q["id"] for q in listed]
    mine = report(7, clock(), groups={"HR"}, group_names=lambda ids: {"HR": "Personeelszaken"})
    assert [(q["id"], q["group_name"]) for q in mine["unanswered"]] == [(oldest,
                                                                       "Personeelszaken")]
