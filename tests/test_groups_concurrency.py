"""Membership counts stay exact when many people join and leave at the same moment.

The requests run in threads against the real endpoint (moto's server over HTTP), through the
same domain functions the routes call; the count is read back from the group item.
"""

from concurrent.futures import ThreadPoolExecutor

from chalicelib.clock import system_clock
from chalicelib.domain import groups, memberships
from chalicelib.domain.viewer import Viewer
from chalicelib.ids import new_id


def as_viewer(person) -> Viewer:
    return Viewer(id=person.id, name=person.name, email=person.email, role=person.role,
                  person=person)


def parallel(action, items) -> list:
    items = list(items)
    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(action, items))


def member_count(owner, group_id) -> int:
    return groups.show(owner, group_id)["member_count"]


def roster_size(owner, group_id) -> int:
    seen, cursor = 0, None
    while True:
        page = groups.roster(owner, group_id, {"cursor": cursor} if cursor else {})
        seen += len(page["items"])
        cursor = page["next"]
        if not cursor:
            return seen


def test_100_parallel_joins_count_100(make_person):
    owner = as_viewer(make_person())
    group = groups.create(owner, {"name": "Iedereen", "visibility": "open"}, system_clock,
                          new_id)
    joiners = parallel(lambda _: as_viewer(make_person()), range(100))
    results = parallel(lambda v: memberships.join(v, group["id"], system_clock), joiners)
    assert all(r["state"] == "member" for r in results)
    assert member_count(owner, group["id"]) == 101  # the 100 and the creator
    assert roster_size(owner, group["id"]) == 101


def test_parallel_double_joins_and_leaves_stay_consistent(make_person):
    owner = as_viewer(make_person())
    group = groups.create(owner, {"name": "Wisselend", "visibility": "open"}, system_clock,
                          new_id)
    people = parallel(lambda _: as_viewer(make_person()), range(30))
    parallel(lambda v: memberships.join(v, group["id"], system_clock), people + people)
    assert member_count(owner, group["id"]) == 31
    leavers = people[:10]
    parallel(lambda v: memberships.leave(v, group["id"]), leavers + leavers)
    assert member_count(owner, group["id"]) == 21
    assert roster_size(owner, group["id"]) == 21
