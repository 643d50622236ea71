"""Going over a per-employee limit gives 429 with Retry-After; windows and employees are
counted apart, with one DynamoDB call per check."""

import json

import pytest
from chalicelib.errors import ApiError
from chalicelib.web import ratelimit

from tests.limited_app import WINDOW, post_repeatedly

LIMITS = {"post": (3, 60), "comment": (5, 60)}


class Who:
    def __init__(self, person_id):
        self.id = person_id


def over(viewer, action, clock):
    with pytest.raises(ApiError) as err:
        ratelimit.check(viewer, action, clock, LIMITS)
    return err.value


def test_the_request_over_the_limit_gets_429_with_retry_after(table, clock):
    anna = Who("anna")
    clock.advance(seconds=15)  # 09:00:15, so the window ends in 45 s
    for _ in range(3):
        ratelimit.check(anna, "post", clock, LIMITS)
    err = over(anna, "post", clock)
    assert err.status == 429 and err.code == "rate_limited"
    assert err.headers["Retry-After"] == "45"


def test_a_new_window_starts_afresh(table, clock):
    anna = Who("anna")
    for _ in range(3):
        ratelimit.check(anna, "post", clock, LIMITS)
    over(anna, "post", clock)
    clock.advance(seconds=60)
    ratelimit.check(anna, "post", clock, LIMITS)


def test_employees_and_actions_are_counted_apart(table, clock):
    for _ in range(3):
        ratelimit.check(Who("anna"), "post", clock, LIMITS)
    ratelimit.check(Who("bram"), "post", clock, LIMITS)
    ratelimit.check(Who("anna"), "comment", clock, LIMITS)
    over(Who("anna"), "post", clock)


def test_one_call_per_check_and_counters_expire(table, meter, clock, dynamodb):
    ratelimit.check(Who("anna"), "post", clock, LIMITS)
    assert meter.calls == {"UpdateItem": 1}
    item = dynamodb.scan(TableName=table)["Items"][0]
    assert int(item["expires"]["N"]) > clock().timestamp()


def test_posting_over_the_configured_limit_is_429_over_http(table, make_person):
    results = post_repeatedly(make_person().id, "/api/posts", {"body": "hoi"}, "post=2")
    assert [r[0] for r in results] == [201, 201, 429]
    assert results[2][2] == "rate_limited" and 1 <= int(results[2][1]) <= WINDOW


def test_limits_are_configurable_and_a_bad_entry_keeps_the_default():
    from chalicelib.settings import load

    limits = load({"PLEIN_RATE_LIMITS": "post=5/10, comment=x/y, upload=0/60, nonsense"}) \
        .rate_limits
    assert limits["post"] == (5, 10)
    assert limits["comment"] == (30, 60) and limits["upload"] == (20, 3600)


def test_a_post_costs_one_call_more_for_its_rate_limit(client, make_person, as_person, meter):
    anna = make_person()
    meter.reset()
    response = client.http.post("/api/posts", headers=as_person(anna),
                                body=json.dumps({"body": "hoi"}))
    assert response.status_code == 201
    # Session, the rate limit's UpdateItem, and the post's transaction (usage counted in it).
    assert meter.calls == {"GetItem": 1, "UpdateItem": 1, "TransactWriteItems": 1}
