"""The usage dashboard follows the read rules of the rest of the API: a content manager sees
no secret or closed group they are not in (name, activity or question), only one anonymous row
that keeps the totals whole; admins see every group."""

import csv
import io
import json
from datetime import timedelta

import pytest

from tests.usage_helpers import contributed, usage, viewer


@pytest.fixture
def world(table, make_person, clock):
    """Groups of every kind with activity and a question each, two days and more ago."""
    from chalicelib.domain import groups, memberships, posts
    from chalicelib.ids import new_id

    owner, editor = make_person(), make_person("content_manager")
    admin = make_person("admin")
    me, cm = viewer(owner), viewer(editor)

    def group(name, visibility, editor_joins=False):
        made = groups.create(me, {"name": name, "visibility": visibility}, clock, new_id)
        if editor_joins:
            memberships.invite(me, made["id"], {"person": editor.id}, clock)
            memberships.join(cm, made["id"], clock)
        return made["id"]

    ids = {"secret": group("Reorganisatie", "secret"), "closed": group("Directie", "closed"),
           "open": group("Fietsclub", "open"),
           "mine": group("Redactieraad", "closed", editor_joins=True)}
    titles = {"secret": "Wie vertrekt er bij de reorganisatie?",
              "closed": "Hoe hoog wordt de bonus van de directie?",
              "open": "Wie fietst mee op zaterdag?", "mine": "Wanneer vergadert de raad?"}
    for key, group_id in ids.items():
        posts.create(me, {"body": titles[key] + "\nMeer tekst", "kind": "question",
                          "group": group_id}, clock, new_id)
    posts.create(me, {"body": "Waar is de kantine?", "kind": "question"}, clock, new_id)
    clock.advance(days=3)
    return {"admin": viewer(admin), "cm": cm, "editor": editor, "ids": ids, "titles": titles}


def test_a_content_manager_sees_only_groups_they_may_read(world, clock):
    from chalicelib.domain.usage_report import dashboard

    data = dashboard(world["cm"], {"days": "7"}, clock)
    ids, titles = world["ids"], world["titles"]
    named = {g["id"]: g["name"] for g in data["groups"] if not g.get("other")}
    assert named == {ids["open"]: "Fietsclub", ids["mine"]: "Redactieraad"}
    other = [g for g in data["groups"] if g.get("other")]
    assert [(g["id"], g["name"]) for g in other] == [(None, None)]
    text = json.dumps(data)
    for hidden in (ids["secret"], ids["closed"], "Reorganisatie", "Directie",
                   titles["secret"], titles["closed"]):
        assert hidden not in text
    assert sorted(q["title"] for q in data["unanswered"]) == sorted(
        [titles["open"], titles["mine"], "Waar is de kantine?"])
    assert data["unanswered_hidden"] == 2


def test_the_anonymous_row_keeps_the_totals_whole(world, clock):
    from chalicelib.domain.usage_report import dashboard

    def totals(data):
        return {k: sum(g[k] for g in data["groups"]) for k in ("post", "join", "group", "total")}

    everything = dashboard(world["admin"], {"days": "7"}, clock)
    seen_by_cm = dashboard(world["cm"], {"days": "7"}, clock)
    assert totals(seen_by_cm) == totals(everything)
    other = next(g for g in seen_by_cm["groups"] if g.get("other"))
    assert (other["post"], other["group"]) == (2, 2)  # the secret and the closed group's


def test_admins_see_every_group_and_question(world, clock):
    from chalicelib.domain import groups
    from chalicelib.domain.usage_report import dashboard

    data = dashboard(world["admin"], {"days": "7"}, clock, group_names=groups.names)
    assert {g["name"] for g in data["groups"]} == {"Reorganisatie", "Directie", "Fietsclub",
                                                   "Redactieraad"}
    assert len(data["unanswered"]) == 5 and data["unanswered_hidden"] == 0


def test_the_groups_csv_names_no_hidden_group(world, clock):
    from chalicelib.domain.usage_report import dashboard_csv

    _name, text = dashboard_csv(world["cm"], {"days": "7", "table": "groups"}, clock)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["name"] for r in rows) == ["", "Fietsclub", "Redactieraad"]
    assert "Reorganisatie" not in text and world["ids"]["secret"] not in text
    # Each group's creation and post, and the editor joining theirs.
    assert sum(int(r["total"]) for r in rows) == 4 * 2 + 1


def test_over_http_the_route_applies_the_viewers_read_rules(client, make_person, as_person):
    owner, editor = make_person(), make_person("content_manager")
    headers = as_person(owner)
    secret = client.http.post("/api/groups", headers=headers, body=json.dumps(
        {"name": "Geheime club", "visibility": "secret"})).json_body
    client.http.post("/api/posts", headers=headers, body=json.dumps(
        {"body": "Binnen", "group": secret["id"]}))
    data = usage(client, as_person(editor)).json_body
    assert [(g["id"], g["name"], g["total"], g["other"]) for g in data["groups"]] == [
        (None, None, 2, True)]
    table = client.http.get("/api/usage.csv?table=groups", headers=as_person(editor))
    assert "Geheime club" not in table.body.decode() and secret["id"] not in table.body.decode()


def test_the_groups_checked_for_readability_are_bounded(table, make_person, client, as_person,
                                                        meter):
    from chalicelib.clock import system_clock
    from chalicelib.domain.usage_report import MAX_CHECKED

    editor = make_person("content_manager")
    for n in range(MAX_CHECKED + 30):  # groups the editor cannot read (none exists for them)
        contributed("post", f"G{n:04d}", "employee", system_clock() - timedelta(hours=1))
    meter.reset()
    data = usage(client, as_person(editor)).json_body
    assert data["groups"] == [{"id": None, "name": None, "post": MAX_CHECKED + 30, "comment": 0,
                               "reaction": 0, "join": 0, "group": 0, "staff": 0,
                               "ambassador": 0, "organic": MAX_CHECKED + 30,
                               "total": MAX_CHECKED + 30, "other": True}]
    # The session; the days and the open questions; weeks+months+employees, and one BatchGet
    # per 50 of the busiest groups up to MAX_CHECKED, however many groups were active.
    assert meter.calls == {"GetItem": 1, "Query": 2, "BatchGetItem": 1 + MAX_CHECKED // 50}
