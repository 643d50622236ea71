"""The waiting list under a rush: 100 employees enrol at once for 20 seats, then people cancel
at the same moment. The requests run in threads against the real endpoint (moto's server over
HTTP) through the domain functions the routes call; lists and counts are read back."""

from concurrent.futures import ThreadPoolExecutor

from chalicelib.clock import system_clock
from chalicelib.domain.events import attendees, enrolment, events
from chalicelib.ids import new_id
from events_steps import as_viewer, local


def parallel(action, items) -> list:
    items = list(items)
    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(action, items))


def lists(organiser, event_id) -> tuple[list, list]:
    body = attendees.page(organiser, event_id, {})
    assert body["going"]["next"] is None and body["waiting"]["next"] is None
    return body["going"]["items"], body["waiting"]["items"]


def counts(organiser, event_id) -> tuple[int, int]:
    shown = events.show(organiser, event_id, system_clock)
    return shown["going"], shown["waiting"]


def rush(make_person, seats=20, people=100):
    organiser = as_viewer(make_person(role="content_manager"))
    event = events.create(organiser, {"title": "Workshop", "start": local(7),
                                      "end": local(7, 18), "capacity": seats},
                          system_clock, new_id)
    crowd = parallel(lambda _: as_viewer(make_person()), range(people))
    results = parallel(lambda v: enrolment.enrol(v, event["id"], system_clock)[1], crowd)
    return organiser, event["id"], crowd, results


def test_100_at_once_for_20_seats_then_one_cancels(make_person):
    organiser, event_id, crowd, results = rush(make_person)
    assert results.count("going") == 20 and results.count("waiting") == 80
    going, waiting = lists(organiser, event_id)
    assert (len(going), len(waiting)) == (20, 80) == counts(organiser, event_id)
    everyone = [p["id"] for p in going + waiting]
    assert sorted(everyone) == sorted(v.id for v in crowd)  # each person exactly once
    positions = [p["position"] for p in waiting]
    assert positions == sorted(positions) and len(set(positions)) == 80  # in arrival order
    # Each said what they got.
    said = {v.id: r for v, r in zip(crowd, results, strict=True)}
    assert {p["id"] for p in going} == {i for i, r in said.items() if r == "going"}

    leaver = next(v for v in crowd if v.id == going[0]["id"])
    enrolment.cancel(leaver, event_id, system_clock)
    going_after, waiting_after = lists(organiser, event_id)
    assert (len(going_after), len(waiting_after)) == (20, 79) == counts(organiser, event_id)
    promoted = [p for p in going_after if p["promoted"]]
    assert [p["id"] for p in promoted] == [waiting[0]["id"]]  # exactly one: the head
    assert [p["id"] for p in waiting_after] == [p["id"] for p in waiting[1:]]


def test_simultaneous_cancellations_promote_exactly_once_each(make_person):
    organiser, event_id, crowd, _results = rush(make_person, seats=10, people=30)
    going, waiting = lists(organiser, event_id)
    by_id = {v.id: v for v in crowd}
    leaving_going = [by_id[p["id"]] for p in going[:6]]
    leaving_waiting = [by_id[p["id"]] for p in waiting[-4:]]  # the back of the queue
    # Each leaver cancels twice at once, as a double click would.
    parallel(lambda v: enrolment.cancel(v, event_id, system_clock),
             (leaving_going + leaving_waiting) * 2)
    going_after, waiting_after = lists(organiser, event_id)
    assert (len(going_after), len(waiting_after)) == (10, 10) == counts(organiser, event_id)
    promoted = {p["id"] for p in going_after if p["promoted"]}
    assert promoted == {p["id"] for p in waiting[:6]}  # the first six, each once
    assert [p["id"] for p in waiting_after] == [p["id"] for p in waiting[6:16]]


def test_enrolling_and_cancelling_at_the_same_moment_keeps_counts_exact(make_person):
    organiser, event_id, crowd, _results = rush(make_person, seats=5, people=10)
    newcomers = [as_viewer(make_person()) for _ in range(10)]
    going, _waiting = lists(organiser, event_id)
    by_id = {v.id: v for v in crowd}
    leavers = [by_id[p["id"]] for p in going]

    def act(pair):
        kind, viewer = pair
        if kind == "enrol":
            return enrolment.enrol(viewer, event_id, system_clock)[1]
        return enrolment.cancel(viewer, event_id, system_clock)["my_status"]

    parallel(act, [("cancel", v) for v in leavers] + [("enrol", v) for v in newcomers])
    going_after, waiting_after = lists(organiser, event_id)
    assert (len(going_after), len(waiting_after)) == counts(organiser, event_id)
    assert len(going_after) == 5 and len(waiting_after) == 10
    assert not {p["id"] for p in going_after + waiting_after} & {v.id for v in leavers}
