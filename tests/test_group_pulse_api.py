"""Group managers see who joined this week; the dashboard lists groups quiet for 30 days."""

import pytest
from groups_steps import GroupApi


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def test_managers_see_who_joined_this_week_and_is_still_there(api, make_person, clock):
    from chalicelib.domain import memberships
    from chalicelib.domain.moderation import newcomers

    from tests.usage_helpers import viewer

    owner, early, lena, stays, left = (make_person(), make_person(name="Vroeg"),
                                       make_person(name="Lena"), make_person(name="Blijft"),
                                       make_person(name="Weg"))
    group = api.create(owner, name="Koor")
    memberships.join(viewer(early), group["id"], clock)
    clock.advance(days=8)
    for person in (lena, stays, left):
        memberships.join(viewer(person), group["id"], clock)
        clock.advance(hours=1)
    api.leave(group["id"], left)
    shown = newcomers.this_week(viewer(owner), group["id"], clock)["items"]
    assert [p["name"] for p in shown] == ["Blijft", "Lena"]
    url = f"/api/groups/{group['id']}/newcomers"
    assert api.call("GET", url, lena).status_code == 403
    assert api.call("GET", url, owner).status_code == 200
    assert api.call("GET", url, make_person("admin")).status_code == 200


def test_quiet_groups_are_those_without_any_contribution_for_30_days(api, make_person, clock):
    from chalicelib.domain import groups, posts
    from chalicelib.domain.moderation import quiet
    from chalicelib.ids import new_id
    from chalicelib.models import Group

    from tests.usage_helpers import viewer

    owner, editor = make_person(), make_person("content_manager")
    def create(name):
        return groups.create(viewer(owner), {"name": name, "visibility": "open"}, clock, new_id)

    busy, archived = create("Druk"), create("Oud")
    create("Stil")
    Group.get(*Group.key(archived["id"])).update(actions=[Group.status.set("archived")])
    # Creating a group is a contribution of today: both are active now.
    assert quiet.quiet_groups(viewer(editor), {}, clock)["items"] == []
    clock.advance(days=31)
    posts.create(viewer(owner), {"body": "Leven", "group": busy["id"]}, clock, new_id)
    found = quiet.quiet_groups(viewer(editor), {}, clock)
    assert [g["name"] for g in found["items"]] == ["Stil"] and found["next"] is None
    assert api.call("GET", "/api/usage/quiet-groups", owner).status_code == 403
    assert api.call("GET", "/api/usage/quiet-groups", editor).status_code == 200
