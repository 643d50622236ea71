"""A departing employee's enrolments: in the export, and on deletion gone with their name,
their seat passed to the head of the waiting list and their calendar feed dead."""

import json

import pytest
from events_steps import EventApi


@pytest.fixture
def api(client, as_person):
    return EventApi(client, as_person)


def test_enrolments_are_exported_and_erased_with_the_account(api, make_person, dynamodb,
                                                             table):
    editor, anna, bram = make_person(role="content_manager"), make_person(), make_person()
    full = api.create(editor, title="Vol", capacity=1)
    other = api.create(editor, title="Afgemeld")
    api.enrol(full["id"], anna)
    api.enrol(full["id"], bram)  # waiting behind Anna
    api.enrol(other["id"], anna)
    api.cancel(other["id"], anna)
    feed = api.call("POST", "/api/calendar", anna).json_body["url"].removeprefix(
        "http://plein.test")

    data = api.call("GET", "/api/me/export", anna).json_body
    assert [(e["event"], e["state"]) for e in data["enrolments"]] == [(full["id"], "going")]
    assert [(e["event"], e["state"]) for e in data["cancelled_enrolments"]] == [
        (other["id"], "cancelled")]

    gone = api.call("DELETE", "/api/me", anna, {"content": "remove"})
    assert gone.status_code == 200 and gone.json_body["deleted"] is True
    assert api.show(full["id"], bram).json_body["my_status"] == "going"  # promoted
    shown = api.show(full["id"], editor).json_body
    assert (shown["going"], shown["waiting"]) == (1, 0)
    assert api.call("GET", feed, None).status_code == 404
    items = dynamodb.scan(TableName=table)["Items"]  # a test may look at everything
    assert not [i for i in items if anna.id in json.dumps(i)
                and not i["pk"]["S"].startswith("RATE#")]
