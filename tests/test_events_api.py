"""Events over the API: creating, editing, enrolling with a waiting list, listings, limits."""

import pytest
from chalicelib.domain.events import enrolment, events
from events_steps import EventApi, as_viewer, local
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return EventApi(client, as_person)


@pytest.fixture
def groups(client, as_person):
    return GroupApi(client, as_person)


def test_a_content_manager_creates_an_organisation_event(api, make_person):
    editor, anna = make_person(role="content_manager"), make_person(name="Anna")
    event = api.create(editor, description="**Gezellig**", capacity=60, location="Stadhuis")
    assert event["html"] == "<p><strong>Gezellig</strong></p>"
    assert (event["capacity"], event["going"], event["waiting"]) == (60, 0, 0)
    assert event["start"].startswith(local(10)) and event["timezone"] == "Europe/Amsterdam"
    assert event["my_status"] is None and event["group"] is None
    shown = api.show(event["id"], anna).json_body
    assert shown["title"] == "Kerstborrel"
    assert shown["may"] == {"enrol": True, "edit": False, "cancel": False, "attendees": False}
    assert api.show(event["id"], editor).json_body["may"]["edit"] is True


def test_only_content_managers_create_organisation_events(api, make_person):
    response = api.call("POST", "/api/events", make_person(),
                        {"title": "Borrel", "start": local(3), "end": local(3, 18)})
    assert response.status_code == 403


def test_group_members_create_events_in_their_group_only(api, groups, make_person):
    owner, member, outsider = make_person(), make_person(), make_person()
    group = groups.create(owner, "open", name="Fietsclub")
    groups.join(group["id"], member)
    event = api.create(member, group=group["id"])
    assert event["group"] == {"id": group["id"], "name": "Fietsclub"}
    refused = api.call("POST", "/api/events", outsider,
                       {"title": "X", "start": local(3), "end": local(3, 18),
                        "group": group["id"]})
    assert refused.status_code == 403
    # The group's manager organises a member's event; another member does not.
    assert api.show(event["id"], owner).json_body["may"]["edit"] is True
    assert api.show(event["id"], outsider).json_body["may"]["edit"] is False


def test_a_secret_groups_event_does_not_exist_for_non_members(api, groups, make_person):
    owner, outsider, admin = make_person(), make_person(), make_person(role="admin")
    group = groups.create(owner, "secret", name="Geheim")
    event = api.create(owner, group=group["id"], title="Verrassing")
    for path in (f"/api/events/{event['id']}", f"/api/events/{event['id']}.ics",
                 f"/api/events/{event['id']}/attendees"):
        response = api.call("GET", path, outsider)
        assert response.status_code == 404, path
        assert "Verrassing" not in response.body.decode()
    assert api.enrol(event["id"], outsider).status_code == 404
    assert api.listing(outsider).json_body["items"] == []
    assert api.listing(outsider, f"?group={group['id']}").status_code == 404
    assert [e["title"] for e in api.listing(owner).json_body["items"]] == ["Verrassing"]
    assert api.show(event["id"], admin).status_code == 200
    on_create = api.call("POST", "/api/events", outsider, {
        "title": "X", "start": local(3), "end": local(3, 18), "group": group["id"]})
    assert on_create.status_code == 404


@pytest.mark.parametrize("body, field", [
    ({"title": "", "start": local(3), "end": local(3, 18)}, "title"),
    ({"title": "x" * 121, "start": local(3), "end": local(3, 18)}, "title"),
    ({"title": "X", "start": "morgen", "end": local(3, 18)}, "start"),
    ({"title": "X", "start": local(3), "end": local(3, 10)}, "end"),
    ({"title": "X", "start": local(-3), "end": local(-3, 18)}, "start"),
    ({"title": "X", "start": local(3), "end": local(3, 18), "capacity": 0}, "capacity"),
    ({"title": "X", "start": local(3), "end": local(3, 18), "capacity": "12"}, "capacity"),
    ({"title": "X", "start": local(3), "end": local(3, 18), "deadline": local(4)}, "deadline"),
    ({"title": "X", "start": local(3), "end": local(3, 18), "online_url": "javascript:x"},
     "online_url"),
    ({"title": "X", "start": "2026-13-01", "all_day": True}, "start"),
    ({"title": "X", "start": local(3), "end": local(3, 18), "all_day": "yes"}, "all_day"),
    ({"title": "X", "start": local(3), "end": local(3, 18), "group": 7}, "group"),
    ({"title": "X", "start": local(3), "end": local(3, 18), "cover": "https://x/y.jpg"},
     "cover"),
])
def test_bad_event_fields_are_400_naming_the_field(api, make_person, body, field):
    editor = make_person(role="content_manager")
    response = api.call("POST", "/api/events", editor, body)
    assert response.status_code == 400, response.json_body
    assert response.json_body["field"] == field
    assert api.listing(editor).json_body["items"] == []


def test_enrolling_fills_the_seats_then_the_waiting_list(api, make_person):
    editor = make_person(role="content_manager")
    event = api.create(editor, title="Workshop Omgevingswet", capacity=2)
    anna, bram, cees = make_person(), make_person(), make_person()
    first = api.enrol(event["id"], anna)
    assert first.status_code == 201 and first.json_body["my_status"] == "going"
    again = api.enrol(event["id"], anna)  # a second click changes nothing
    assert again.status_code == 201 and again.json_body["going"] == 1
    assert api.enrol(event["id"], bram).status_code == 201
    waiting = api.enrol(event["id"], cees)
    assert waiting.status_code == 202
    assert waiting.json_body["my_status"] == "waiting" and waiting.json_body["my_position"]
    assert api.enrol(event["id"], cees).status_code == 202
    shown = api.show(event["id"], editor).json_body
    assert (shown["going"], shown["waiting"]) == (2, 1)
    # Anna cancels: Cees, first on the waiting list, goes.
    cancelled = api.cancel(event["id"], anna)
    assert cancelled.status_code == 200 and cancelled.json_body["my_status"] is None
    assert api.cancel(event["id"], anna).status_code == 200  # again: nothing changes
    assert api.show(event["id"], cees).json_body["my_status"] == "going"
    lists = api.attendees(event["id"], editor).json_body
    assert [p["id"] for p in lists["going"]["items"]] == [bram.id, cees.id]
    assert lists["going"]["items"][1]["promoted"] is True
    assert lists["waiting"]["items"] == [] and lists["going_count"] == 2
    # Anna comes back: the event is full, so she waits.
    assert api.enrol(event["id"], anna).status_code == 202


def test_attendees_going_for_readers_waiting_list_for_organisers(api, make_person):
    editor, anna, bram = make_person(role="content_manager"), make_person(), make_person()
    event = api.create(editor, capacity=1)
    api.enrol(event["id"], anna)
    api.enrol(event["id"], bram)
    seen = api.attendees(event["id"], bram).json_body
    assert [p["id"] for p in seen["going"]["items"]] == [anna.id]
    assert "waiting" not in seen and seen["waiting_count"] is None
    assert api.attendees(event["id"], bram, "?state=waiting").status_code == 403
    assert api.call("GET", f"/api/events/{event['id']}/attendees.csv", bram).status_code == 403


def test_the_attendee_csv_is_safe_against_formula_injection(api, make_person):
    editor = make_person(role="content_manager")
    evil = make_person(name="=HYPERLINK(\"https://evil.example\",\"klik\")")
    event = api.create(editor)
    api.enrol(event["id"], evil)
    response = api.call("GET", f"/api/events/{event['id']}/attendees.csv", editor)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    lines = response.body.decode().splitlines()
    assert lines[0] == "position,state,name,email,since,promoted"
    assert "'=HYPERLINK" in lines[1] and evil.email in lines[1]


def test_deadline_and_start_close_enrolment(make_person, clock):
    editor, anna = as_viewer(make_person(role="content_manager")), as_viewer(make_person())
    event = events.create(editor, {"title": "Cursus", "start": "2026-12-10T09:00",
                                   "end": "2026-12-10T12:00", "deadline": "2026-12-01T12:00"},
                          clock, lambda now: "01JEVENTDEADLINE00000000000")
    clock.advance(days=5)  # 2 December: past the deadline
    with pytest.raises(Exception) as closed:
        enrolment.enrol(anna, event["id"], clock)
    assert (closed.value.status, closed.value.field) == (409, "deadline")
    assert events.show(anna, event["id"], clock)["enrolment_open"] is False


def test_organisers_edit_and_cancel_and_the_sequence_rises(api, make_person):
    editor, anna = make_person(role="content_manager"), make_person()
    event = api.create(editor, capacity=1)
    api.enrol(event["id"], anna)
    assert api.call("PATCH", f"/api/events/{event['id']}", anna, {"title": "Mijn"}).status_code \
        == 403
    lower = api.call("PATCH", f"/api/events/{event['id']}", editor, {"capacity": 0})
    assert lower.status_code == 400 and lower.json_body["field"] == "capacity"
    edited = api.call("PATCH", f"/api/events/{event['id']}", editor,
                      {"title": "Kerstdiner", "location": "De Kantine"})
    assert edited.status_code == 200, edited.json_body
    assert (edited.json_body["title"], edited.json_body["sequence"]) == ("Kerstdiner", 1)
    unknown = api.call("PATCH", f"/api/events/{event['id']}", editor, {"going": 40})
    assert unknown.status_code == 400 and unknown.json_body["field"] == "going"
    assert api.call("DELETE", f"/api/events/{event['id']}", editor).status_code == 204
    shown = api.show(event["id"], anna).json_body
    assert (shown["status"], shown["sequence"], shown["enrolment_open"]) == ("cancelled", 2,
                                                                              False)
    assert api.enrol(event["id"], make_person()).status_code == 409


def test_raising_the_capacity_lets_the_waiting_list_in(api, make_person):
    editor = make_person(role="content_manager")
    event = api.create(editor, capacity=1)
    people = [make_person() for _ in range(4)]
    for person in people:
        api.enrol(event["id"], person)
    edited = api.call("PATCH", f"/api/events/{event['id']}", editor, {"capacity": 3})
    assert (edited.json_body["going"], edited.json_body["waiting"]) == (3, 1)
    lists = api.attendees(event["id"], editor).json_body
    assert [p["id"] for p in lists["going"]["items"]] == [p.id for p in people[:3]]
    assert [p["id"] for p in lists["waiting"]["items"]] == [people[3].id]


def test_listings_upcoming_mine_past_and_per_group(api, groups, make_person):
    editor, anna = make_person(role="content_manager"), make_person()
    group = groups.create(anna, "open", name="Koor")
    later = api.create(editor, title="Later", days=20)
    soon = api.create(editor, title="Binnenkort", days=2)
    sung = api.create(anna, title="Concert", days=5, group=group["id"])
    api.enrol(later["id"], anna)
    titles = [e["title"] for e in api.listing(anna).json_body["items"]]
    assert titles == ["Binnenkort", "Concert", "Later"]
    mine = api.listing(anna, "?scope=mine").json_body["items"]
    assert [(e["title"], e["my_status"]) for e in mine] == [("Later", "going")]
    per_group = api.listing(editor, f"?group={group['id']}").json_body["items"]
    assert [e["id"] for e in per_group] == [sung["id"]]
    assert api.listing(anna, "?scope=past").json_body["items"] == []
    first = api.listing(anna, "?limit=2").json_body
    rest = api.listing(anna, f"?limit=2&cursor={first['next']}").json_body
    assert [e["id"] for e in first["items"] + rest["items"]] == [soon["id"], sung["id"],
                                                                  later["id"]]
    assert api.listing(anna, "?scope=soon").json_body["field"] == "scope"
    assert api.listing(anna, "?cursor=bogus").json_body["field"] == "cursor"


def test_signed_out_and_cross_origin_requests_are_refused(api, make_person):
    editor = make_person(role="content_manager")
    event = api.create(editor)
    assert api.call("GET", f"/api/events/{event['id']}", None).status_code == 401
    assert api.call("GET", "/api/events", None).status_code == 401
    foreign = api.call("PUT", f"/api/events/{event['id']}/enrolment", make_person(),
                       origin="https://evil.example")
    assert foreign.status_code == 403
    assert api.show("not_an_id", editor).status_code == 404
    assert api.show("01J000000000000000000NOPE0", editor).status_code == 404


def test_enrolling_in_an_event_cancelled_after_it_was_read_is_409(make_person, clock):
    editor, anna = as_viewer(make_person(role="content_manager")), as_viewer(make_person())
    event = events.create(editor, {"title": "Cursus", "start": "2026-12-10T09:00",
                                   "end": "2026-12-10T12:00"},
                          clock, lambda now: "01JEVENTRACE000000000000000")
    read_before = enrolment.rules.load(anna, event["id"]).event
    events.cancel(editor, event["id"], clock)
    with pytest.raises(Exception) as refused:
        enrolment._enrol_once(anna, read_before, None, "2026-11-27T09:00:00Z")
    assert (refused.value.status, refused.value.code) == (409, "cancelled")


def test_closed_group_events_are_for_members_and_managers_organise_them(api, groups,
                                                                          make_person):
    owner, member, outsider = make_person(), make_person(), make_person()
    group = groups.create(owner, "closed", name="Ondernemingsraad")
    groups.call("POST", f"/api/groups/{group['id']}/invitations", owner, {"person": member.id})
    groups.join(group["id"], member)
    event = api.create(member, group=group["id"], capacity=1)
    assert api.show(event["id"], outsider).status_code == 404
    assert api.enrol(event["id"], outsider).status_code == 404
    assert api.enrol(event["id"], owner).status_code == 201
    assert api.enrol(event["id"], make_person(role="admin")).status_code == 202
    csv = api.call("GET", f"/api/events/{event['id']}/attendees.csv", owner)  # a manager
    assert csv.status_code == 200 and owner.email in csv.body.decode()
    assert api.call("PATCH", f"/api/events/{event['id']}", owner,
                    {"title": "Vergadering"}).status_code == 200
    assert api.call("DELETE", f"/api/events/{event['id']}", outsider).status_code == 404
