"""Page views and distinct active employees: exact, private, cheap; over moto's HTTP server."""

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from tests.limited_app import WINDOW, post_repeatedly
from tests.usage_helpers import hit, usage


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
    from chalicelib.clock import system_clock
    from chalicelib.domain import hits as counting

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
    from chalicelib.clock import system_clock
    from chalicelib.domain.usage_report import report

    results = post_repeatedly(make_person().id, "/api/hits", {"path": "/"}, "hit=2")
    assert [r[0] for r in results] == [204, 204, 429]
    assert 1 <= int(results[2][1]) <= WINDOW
    assert report(7, system_clock())["daily"][-1]["views"] == 2


def test_days_weeks_and_months_follow_the_calendar(table, make_person, clock):
    from chalicelib.domain import hits as counting
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
    from chalicelib.domain import hits as counting
    from chalicelib.domain.usage_report import report

    anna = make_person()
    clock.now = clock.now.replace(hour=23, minute=30)  # 00:30 the next day in Amsterdam
    counting.record_hit(anna.id, {"path": "/"}, clock)
    assert report(1, clock())["daily"] == [pytest.approx(report(1, clock())["daily"][0])]
    assert report(1, clock())["from"] == "2026-11-28"


def test_an_expired_marker_is_ignored_as_if_ttl_had_removed_it(table, make_person, clock):
    from chalicelib.domain import hits as counting
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
    from chalicelib.domain import hits as counting

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


@pytest.mark.parametrize("path", ["", "geen-slash", "/a?b=1", "/a#x", "/api/usage", "//evil",
                                  "/" + "x" * 200, "/<script>", 5, None])
def test_bad_paths_are_400(client, make_person, as_person, path):
    response = client.http.post("/api/hits", headers=as_person(make_person()),
                                body=json.dumps({"path": path}))
    assert response.status_code == 400 and response.json_body["field"] == "path"


def test_hits_need_json_and_our_origin(client, make_person, as_person):
    me = make_person()
    assert hit(client, as_person(me, origin="https://evil.example")).status_code == 403
    response = client.http.post("/api/hits", body="path=/",
                                headers=as_person(me, **{"content-type": "text/plain"}))
    assert response.status_code == 415
