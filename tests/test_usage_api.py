"""Usage counting and the dashboard API, against moto's server over HTTP."""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest


def hit(client, headers, path="/"):
    return client.http.post("/api/hits", headers=headers, body=json.dumps({"path": path}))


def usage(client, headers, days=7):
    return client.http.get(f"/api/usage?days={days}", headers=headers)


def test_hits_count_views_per_page_and_each_employee_once(client, make_person, as_person):
    admin, anna, bram = make_person("admin"), make_person(), make_person()
    for person, path in [(anna, "/"), (anna, "/"), (anna, "/over-plein.html"), (bram, "/")]:
        assert hit(client, as_person(person), path).status_code == 204
    data = usage(client, as_person(admin)).json_body
    today = data["daily"][-1]
    assert (today["views"], today["active"]) == (4, 2)
    assert data["pages"] == [{"path": "/", "views": 3}, {"path": "/over-plein.html", "views": 1}]
    assert data["active"] | {} == data["active"]
    assert (data["active"]["dau"], data["active"]["wau"], data["active"]["mau"]) == (2, 2, 2)
    assert data["active"]["employees"] == 3
    assert data["active"]["dau_share"] == pytest.approx(66.7)


def test_index_html_and_its_folder_are_one_page(client, make_person, as_person):
    admin = make_person("admin")
    hit(client, as_person(admin), "/index.html")
    hit(client, as_person(admin), "/")
    assert usage(client, as_person(admin)).json_body["pages"] == [{"path": "/", "views": 2}]


def test_200_parallel_hits_from_20_employees_are_exact(app, make_person, as_person, client):
    from chalicelib.domain import usage as counting
    from chalicelib.ids import system_clock

    people = [make_person() for _ in range(20)]
    # Real threads, each its own request to the endpoint; the counting code is what races.
    # (Chalice's app object holds one current request, so its in-process client is serial.)
    with ThreadPoolExecutor(max_workers=40) as pool:
        list(pool.map(lambda n: counting.record_hit(people[n % 20].id, {"path": "/"},
                                                    system_clock), range(200)))
    admin = make_person("admin")
    data = usage(client, as_person(admin)).json_body
    assert data["daily"][-1]["views"] == 200
    assert data["daily"][-1]["active"] == 20
    assert (data["active"]["wau"], data["active"]["mau"]) == (20, 20)
    assert data["pages"] == [{"path": "/", "views": 200}]


def test_hits_over_the_limit_are_429_and_not_counted(table, make_person):
    """A fresh interpreter with PLEIN_RATE_LIMITS=hit=2/60 against the same endpoint."""
    from chalicelib.domain.usage_report import report
    from chalicelib.ids import system_clock

    anna = make_person()
    script = (
        "import json, sys; from chalice.test import Client; from app import app\n"
        "from chalicelib import sessions; from chalicelib.ids import system_clock\n"
        "token = sessions.issue(sys.argv[1], system_clock())\n"
        "h = {'content-type': 'application/json', 'host': 'h', 'origin': 'http://h',"
        " 'cookie': f'{sessions.COOKIE}={token}'}\n"
        "with Client(app) as c:\n"
        "    for n in range(3):\n"
        "        r = c.http.post('/api/hits', body=json.dumps({'path': '/'}), headers=h)\n"
        "        print(json.dumps([r.status_code, r.headers.get('Retry-After')]))\n"
    )
    environ = {**os.environ, "PLEIN_RATE_LIMITS": "hit=2/60"}
    out = subprocess.run([sys.executable, "-c", script, anna.id], env=environ,
                         capture_output=True, text=True, cwd="functions", check=True).stdout
    results = [json.loads(line) for line in out.splitlines()]
    assert [r[0] for r in results] == [204, 204, 429]
    assert 1 <= int(results[2][1]) <= 60
    assert report(7, system_clock())["daily"][-1]["views"] == 2


def test_days_weeks_and_months_follow_the_calendar(table, make_person, clock):
    from chalicelib.domain import usage as counting
    from chalicelib.domain.usage_report import report

    anna = make_person()
    counting.record_hit(anna.id, {"path": "/"}, clock)  # Friday 27 November
    clock.advance(days=1)
    counting.record_hit(anna.id, {"path": "/"}, clock)  # Saturday, same ISO week
    counting.record_hit(anna.id, {"path": "/"}, clock)
    clock.advance(days=3)
    counting.record_hit(anna.id, {"path": "/"}, clock)  # Tuesday 1 December: new week, month
    data = report(7, clock())
    assert [(r["date"], r["active"], r["views"]) for r in data["daily"][-5:]] == [
        ("2026-11-27", 1, 1), ("2026-11-28", 1, 2), ("2026-11-29", 0, 0), ("2026-11-30", 0, 0),
        ("2026-12-01", 1, 1)]
    assert data["weekly"] == [{"week": "2026-W48", "active": 1}, {"week": "2026-W49", "active": 1}]
    assert data["monthly"] == [{"month": "2026-11", "active": 1},
                               {"month": "2026-12", "active": 1}]


def test_days_are_the_organisations_calendar_days(table, make_person, clock):
    from chalicelib.domain import usage as counting
    from chalicelib.domain.usage_report import report

    anna = make_person()
    clock.now = clock.now.replace(hour=23, minute=30)  # 00:30 the next day in Amsterdam
    counting.record_hit(anna.id, {"path": "/"}, clock)
    assert report(1, clock())["daily"] == [pytest.approx(report(1, clock())["daily"][0])]
    assert report(1, clock())["from"] == "2026-11-28"


def test_an_expired_marker_is_ignored_as_if_ttl_had_removed_it(table, make_person, clock):
    from chalicelib.domain import usage as counting
    from chalicelib.domain.usage_report import report
    from chalicelib.models import Marker

    anna = make_person()
    day = counting.periods(clock())[0]
    stale = Marker(*Marker.key(day.scope, counting.pseudonym(day.scope, anna.id)),
                   expires=int((clock() - timedelta(minutes=1)).timestamp()))
    stale.save()
    counting.record_hit(anna.id, {"path": "/"}, clock)
    assert report(1, clock())["daily"][0]["active"] == 1


def test_markers_expire_after_their_period_and_hold_no_names_pages_or_addresses(
        client, make_person, as_person, dynamodb, table):
    anna = make_person(email="anna@voorbeeld.nl", name="Anna")
    hit(client, as_person(anna, **{"user-agent": "Firefox/133", "x-forwarded-for": "10.1.2.3"}),
        "/geheim.html")
    items = dynamodb.scan(TableName=table)["Items"]  # a test may look at everything
    # Profiles and the people directory's search entries hold names by design; usage must not.
    # The rate limit's counter names the person but no page, and expires within two minutes.
    profile_keys = ("PERSON#", "EMAIL#", "NAMES", "DEPT#", "EXPERTISE#", "TAGS", "DEPTS",
                    "RATE#")
    usage_items = [i for i in items if not i["pk"]["S"].startswith(profile_keys)]
    text = json.dumps(usage_items)
    for secret in (anna.id, "anna@voorbeeld.nl", "Anna", "Firefox", "10.1.2.3"):
        assert secret not in text
    markers = [i for i in usage_items if i["pk"]["S"].startswith("MARK#")]
    assert len(markers) == 3 and all("expires" in m for m in markers)
    assert not any("geheim" in m["pk"]["S"] for m in markers)


def test_a_repeat_hit_costs_three_calls_and_a_first_one_a_transaction_more(
        client, make_person, as_person, meter, clock):
    from chalicelib.domain import usage as counting

    anna = make_person()
    meter.reset()
    hit(client, as_person(anna))
    # The session's person, the rate limit and the day's counters, the three markers, the
    # transaction.
    assert meter.calls == {"GetItem": 1, "UpdateItem": 2, "BatchGetItem": 1,
                           "TransactWriteItems": 1}
    meter.reset()
    hit(client, as_person(anna))
    assert meter.calls == {"GetItem": 1, "UpdateItem": 2, "BatchGetItem": 1}
    # A new day in a week and month already counted: still one transaction, for the day only.
    counting.record_hit(anna.id, {"path": "/"}, clock)
    clock.advance(days=1)
    meter.reset()
    counting.record_hit(anna.id, {"path": "/"}, clock)
    assert meter.calls == {"UpdateItem": 1, "BatchGetItem": 1, "TransactWriteItems": 1}


@pytest.mark.parametrize("days_of_data", [3, 90])
def test_the_90_day_dashboard_reads_a_bounded_number_of_items_without_scan(
        client, make_person, as_person, meter, clock, days_of_data):
    from chalicelib.domain import usage as counting
    from chalicelib.ids import system_clock

    admin = make_person("admin")
    start = system_clock() - timedelta(days=days_of_data - 1)
    for n in range(days_of_data):
        moment = start + timedelta(days=n)
        counting.record_hit(admin.id, {"path": f"/p{n % 7}.html"}, lambda m=moment: m)
        counting.record_contribution("post", f"G{n % 5}", "employee", moment)
    meter.reset()
    data = usage(client, as_person(admin), days=90).json_body
    assert sum(r["views"] for r in data["daily"]) == days_of_data
    # The session, the days (one Query), weeks+months+employees, the open questions, and the
    # names of the top groups.
    assert meter.calls == {"GetItem": 1, "Query": 2, "BatchGetItem": 2}


def test_contributions_split_staff_from_organic_and_count_per_group(
        client, make_person, as_person):
    from chalicelib.domain.usage import record_contribution
    from chalicelib.ids import system_clock

    admin, editor, anna = make_person("admin"), make_person("content_manager"), make_person()
    for person, body in [(editor, "Nieuws"), (anna, "Hoi"), (anna, "Nog eens")]:
        client.http.post("/api/posts", headers=as_person(person), body=json.dumps({"body": body}))
    now = system_clock()
    record_contribution("comment", "G1", "employee", now)
    record_contribution("join", "G1", "employee", now)
    record_contribution("reaction", "G2", "manager", now)
    record_contribution("group", "G2", "employee", now)
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


def test_group_managers_see_only_their_own_groups(table, make_person, clock):
    from chalicelib.domain.usage import record_contribution
    from chalicelib.domain.usage_report import dashboard
    from chalicelib.errors import ApiError
    from chalicelib.guard import Viewer

    mia = make_person()
    me = Viewer(id=mia.id, name=mia.name, email=mia.email, role=mia.role, person=mia)
    record_contribution("post", "MINE", "employee", clock())
    record_contribution("join", "MINE", "employee", clock())
    record_contribution("post", "OTHER", "employee", clock())

    data = dashboard(me, {"days": "7"}, clock, groups_of=lambda v: ["MINE"],
                     group_names=lambda ids: {"MINE": "Personeelsvereniging"})
    assert data["scope"] == "groups"
    assert [(g["id"], g["name"], g["total"]) for g in data["groups"]] == [
        ("MINE", "Personeelsvereniging", 2)]
    assert data["daily"][-1]["post"] == 1 and data["new_members"] == 1
    assert data["pages"] is None and data["active"] is None and data["daily"][-1]["views"] is None
    with pytest.raises(ApiError) as refused:
        dashboard(me, {}, clock)
    assert refused.value.status == 403


def test_employees_get_403_and_strangers_401(client, make_person, as_person):
    assert usage(client, as_person(make_person())).status_code == 403
    assert client.http.get("/api/usage.csv", headers=as_person(make_person())).status_code == 403
    assert client.http.get("/api/usage").status_code == 401
    assert hit(client, {"host": "plein.test", "origin": "http://plein.test",
                        "content-type": "application/json"}).status_code == 401


def test_community_managers_see_the_whole_dashboard(client, make_person, as_person):
    response = usage(client, as_person(make_person("content_manager")))
    assert response.status_code == 200 and response.json_body["scope"] == "organisation"


@pytest.mark.parametrize("path", ["", "geen-slash", "/a?b=1", "/a#x", "/api/usage", "//evil",
                                  "/" + "x" * 200, "/<script>", 5, None])
def test_bad_paths_are_400(client, make_person, as_person, path):
    response = client.http.post("/api/hits", headers=as_person(make_person()),
                                body=json.dumps({"path": path}))
    assert response.status_code == 400 and response.json_body["field"] == "path"


@pytest.mark.parametrize("days", ["0", "91", "abc", "-3"])
def test_bad_days_are_400(client, make_person, as_person, days):
    response = client.http.get(f"/api/usage?days={days}", headers=as_person(make_person("admin")))
    assert response.status_code == 400 and response.json_body["field"] == "days"


def test_hits_need_json_and_our_origin(client, make_person, as_person):
    me = make_person()
    assert hit(client, as_person(me, origin="https://evil.example")).status_code == 403
    response = client.http.post("/api/hits", body="path=/",
                                headers=as_person(me, **{"content-type": "text/plain"}))
    assert response.status_code == 415


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
                               "total": 1}]}, "groups")
    assert "'=HYPERLINK(1)" in text


def viewer_of(person):
    from chalicelib.guard import Viewer

    return Viewer(id=person.id, name=person.name, email=person.email, role=person.role,
                  person=person)


def seen(client, headers, ids):
    return client.http.post("/api/posts/seen", headers=headers, body=json.dumps({"ids": ids}))


def test_seen_by_counts_each_colleague_once_and_never_the_author(client, make_person,
                                                                  as_person):
    bram, anna, cas = make_person(), make_person(), make_person()
    post = client.http.post("/api/posts", headers=as_person(bram),
                            body=json.dumps({"body": "Wie leest dit?"})).json_body
    assert seen(client, as_person(bram), [post["id"]]).json_body == {"items": {post["id"]: 0}}
    assert seen(client, as_person(anna), [post["id"]]).json_body == {"items": {post["id"]: 1}}
    assert seen(client, as_person(anna), [post["id"]]).json_body == {"items": {post["id"]: 1}}
    assert seen(client, as_person(cas), [post["id"]]).json_body == {"items": {post["id"]: 2}}
    got = client.http.get(f"/api/posts/{post['id']}/seen", headers=as_person(bram)).json_body
    assert got == {"id": post["id"], "seen": 2}


def test_seen_by_is_exact_when_colleagues_look_at_once(table, make_person, clock):
    from chalicelib.domain import posts, usage
    from chalicelib.guard import Viewer
    from chalicelib.ids import new_id

    author = make_person()
    me = Viewer(id=author.id, name=author.name, email=author.email, role="employee",
                person=author)
    ids = [posts.create(me, {"body": f"Bericht {n}"}, clock, new_id)["id"] for n in range(3)]
    readers = [make_person() for _ in range(15)]
    with ThreadPoolExecutor(max_workers=30) as pool:
        list(pool.map(lambda n: usage.record_seen(viewer_of(readers[n % 15]), {"ids": ids},
                                                  clock), range(60)))
    assert usage.seen_counts(ids) == dict.fromkeys(ids, 15)


def test_seen_by_stops_counting_after_30_days_and_ignores_unknown_posts(
        table, make_person, clock):
    from chalicelib.domain import posts, usage
    from chalicelib.guard import Viewer
    from chalicelib.ids import new_id

    author, reader = make_person(), make_person()
    me = Viewer(id=author.id, name=author.name, email=author.email, role="employee",
                person=author)
    post_id = posts.create(me, {"body": "Oud nieuws"}, clock, new_id)["id"]
    clock.advance(days=31)
    unknown = new_id(clock())
    assert usage.record_seen(viewer_of(reader), {"ids": [post_id, unknown]}, clock) == {
        "items": {post_id: 0}}


@pytest.mark.parametrize("ids", [None, "x", [1], ["nope"], [f"01J{n:023d}" for n in range(21)]])
def test_bad_seen_requests_are_400(client, make_person, as_person, ids):
    response = seen(client, as_person(make_person()), ids)
    assert response.status_code == 400 and response.json_body["field"] == "ids"


def test_questions_open_for_more_than_two_days_are_listed_oldest_first(table, make_person,
                                                                      clock):
    from chalicelib.domain import posts, usage
    from chalicelib.domain.usage_report import report
    from chalicelib.guard import Viewer
    from chalicelib.ids import new_id

    asker = make_person()
    me = Viewer(id=asker.id, name=asker.name, email=asker.email, role="employee", person=asker)

    def ask(body, group):
        post_id = posts.create(me, {"body": body}, clock, new_id)["id"]
        usage.question_asked(post_id, group)
        return post_id

    oldest = ask("Waar vind ik het declaratieformulier?\nAlvast bedankt", "HR")
    clock.advance(hours=10)
    answered = ask("Wie heeft de sleutel van zaal 3?", None)
    clock.advance(hours=10)
    other = ask("Hoe vraag ik verlof aan?", "OTHER")
    clock.advance(days=1)
    recent = ask("Is de kantine open?", "HR")
    usage.question_settled(answered)
    clock.advance(days=1, hours=1)  # oldest: 2 d 21 h, other: 2 d 1 h, recent: 1 d 1 h

    listed = report(7, clock())["unanswered"]
    assert [(q["id"], q["title"], q["days_open"]) for q in listed] == [
        (oldest, "Waar vind ik het declaratieformulier?", 2),
        (other, "Hoe vraag ik verlof aan?", 2)]
    assert recent not in [q["id"] for q in listed]
    mine = report(7, clock(), groups={"HR"}, group_names=lambda ids: {"HR": "Personeelszaken"})
    assert [(q["id"], q["group_name"]) for q in mine["unanswered"]] == [(oldest,
                                                                       "Personeelszaken")]


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
    from chalicelib.domain.usage_report import report
    from chalicelib.ids import system_clock

    later = report(7, system_clock() + timedelta(days=3))["unanswered"]
    assert [q["id"] for q in later] == [question["id"]]


def test_a_group_manager_sees_their_own_groups_over_http(client, make_person, as_person, clock):
    from chalicelib.domain import groups
    from chalicelib.domain.usage import record_contribution
    from chalicelib.guard import Viewer
    from chalicelib.ids import new_id

    person = make_person()
    manager = Viewer(id=person.id, name=person.name, email=person.email, role=person.role,
                     person=person)
    mine = groups.create(manager, {"name": "Personeelsvereniging", "visibility": "open"},
                         clock, new_id)
    record_contribution("post", mine["id"], "employee", clock())
    response = usage(client, as_person(person))
    assert response.status_code == 200
    assert response.json_body["scope"] == "groups"
    assert [g["name"] for g in response.json_body["groups"]] == ["Personeelsvereniging"]
    csv = client.http.get("/api/usage.csv?table=groups", headers=as_person(person))
    assert csv.status_code == 200


def test_joins_and_new_groups_count_as_contributions(table, make_person, clock):
    from chalicelib.domain import groups, memberships
    from chalicelib.domain.usage_report import dashboard
    from chalicelib.guard import Viewer
    from chalicelib.ids import new_id, system_clock

    def as_viewer(person):
        return Viewer(id=person.id, name=person.name, email=person.email, role=person.role,
                      person=person)

    admin, joiner = as_viewer(make_person("admin")), as_viewer(make_person())
    group = groups.create(admin, {"name": "Fietsclub", "visibility": "open"}, system_clock,
                          new_id)
    memberships.join(joiner, group["id"], system_clock)
    memberships.join(joiner, group["id"], system_clock)  # a repeat changes nothing
    data = dashboard(admin, {"days": "7"}, system_clock)
    assert data["daily"][-1]["join"] == 1 and data["daily"][-1]["group"] == 1
