"""The notification hooks read real table changes: the items enrolment and cancelling write
are read back from the table and compared before and after, as a stream record's OldImage
and NewImage would carry them."""

from datetime import date

from chalicelib.domain.events import enrolment, events, hooks
from events_steps import as_viewer

IDS = iter(f"01JHOOKS{n:018d}" for n in range(1, 100))


def image(dynamodb, table, pk, sk) -> dict:
    return dynamodb.get_item(TableName=table, Key={"pk": {"S": pk}, "sk": {"S": sk}},
                             ConsistentRead=True)["Item"]


def make_event(make_person, clock, **fields):
    organiser = as_viewer(make_person(role="content_manager"))
    body = {"title": "Cursus", "start": "2026-12-10T09:00", "end": "2026-12-10T12:00", **fields}
    return organiser, events.create(organiser, body, clock, lambda now: next(IDS))


def test_a_promotion_is_a_waiting_to_going_change_of_the_enrolment(
        make_person, clock, dynamodb, table):
    _organiser, event = make_event(make_person, clock, capacity=1)
    anna, bram = as_viewer(make_person()), as_viewer(make_person())
    enrolment.enrol(anna, event["id"], clock)
    enrolment.enrol(bram, event["id"], clock)
    key = (f"EVENT#{event['id']}", f"PERSON#{bram.id}")
    before = image(dynamodb, table, *key)
    assert hooks.from_change(None, before) is None  # a new enrolment tells nobody
    enrolment.cancel(anna, event["id"], clock)
    after = image(dynamodb, table, *key)
    notice = hooks.from_change(before, after)
    assert (notice.kind, notice.event_id, notice.person_id) == (
        hooks.PROMOTED, event["id"], bram.id)
    assert notice == hooks.from_change(before, after)  # redelivered: the same id
    assert hooks.from_change(after, after) is None


def test_cancelling_the_event_tells_everyone_going_and_waiting(make_person, clock, dynamodb,
                                                               table):
    organiser, event = make_event(make_person, clock, capacity=1)
    anna, bram = as_viewer(make_person()), as_viewer(make_person())
    enrolment.enrol(anna, event["id"], clock)
    enrolment.enrol(bram, event["id"], clock)
    key = (f"EVENT#{event['id']}", "EVENT")
    before = image(dynamodb, table, *key)
    events.cancel(organiser, event["id"], clock)
    notice = hooks.from_change(before, image(dynamodb, table, *key))
    assert (notice.kind, notice.person_id) == (hooks.CANCELLED, None)
    assert sorted(hooks.going_and_waiting(event["id"])) == sorted([anna.id, bram.id])


def test_reminders_for_the_day_go_to_those_going(make_person, clock):
    _organiser, event = make_event(make_person, clock, capacity=1)
    _other, later = make_event(make_person, clock, start="2026-12-11T09:00",
                               end="2026-12-11T10:00")
    anna, bram = as_viewer(make_person()), as_viewer(make_person())
    enrolment.enrol(anna, event["id"], clock)
    enrolment.enrol(bram, event["id"], clock)  # waiting: no reminder
    enrolment.enrol(bram, later["id"], clock)
    due = list(hooks.reminders(date(2026, 12, 10)))
    assert [(n.event_id, n.person_id) for n in due] == [(event["id"], anna.id)]
    assert due[0].id == list(hooks.reminders(date(2026, 12, 10)))[0].id
