"""Reactions beyond "like" (issue 17): one per person and post, exact counts per kind under
concurrency and retries, who reacted, older like markers, own data and erasure."""

import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from groups_steps import GroupApi

KINDS = ("like", "thanks", "celebrate", "insightful")


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def new_post(api, person, **fields) -> dict:
    response = api.call("POST", "/api/posts", person, {"body": "Iets", **fields})
    assert response.status_code == 201, response.json_body
    return response.json_body


def react(api, person, post_id, kind, method="PUT"):
    response = api.call(method, f"/api/posts/{post_id}/reactions/{kind}", person)
    assert response.status_code == 200, response.json_body
    return response.json_body


def counted(**counts) -> dict:
    return {kind: counts.get(kind, 0) for kind in KINDS}


def shown(api, person, post_id) -> dict:
    return api.call("GET", f"/api/posts/{post_id}", person).json_body


def test_choosing_another_kind_replaces_the_reaction(api, make_person):
    anna, bram, cas = make_person(), make_person(), make_person()
    post = new_post(api, anna)
    assert react(api, bram, post["id"], "thanks")["reactions"] == counted(thanks=1)
    assert react(api, cas, post["id"], "thanks")["reactions"] == counted(thanks=2)
    switched = react(api, bram, post["id"], "celebrate")
    assert (switched["mine"], switched["reactions"]) == ("celebrate", counted(thanks=1,
                                                                              celebrate=1))
    assert react(api, bram, post["id"], "celebrate")["reactions"] == counted(thanks=1,
                                                                          celebrate=1)
    # Removing a kind that is not (or no longer) chosen leaves the chosen one alone.
    stale = react(api, bram, post["id"], "thanks", "DELETE")
    assert (stale["mine"], stale["reactions"]) == ("celebrate", counted(thanks=1, celebrate=1))
    gone = react(api, bram, post["id"], "celebrate", "DELETE")
    assert (gone["mine"], gone["reactions"]) == (None, counted(thanks=1))
    assert react(api, bram, post["id"], "celebrate", "DELETE")["reactions"] == counted(thanks=1)

    page = api.call("GET", "/api/stream", cas).json_body["items"]
    assert (page[0]["reactions"], page[0]["mine"]) == (counted(thanks=1), "thanks")
    assert (shown(api, bram, post["id"])["mine"], shown(api, cas, post["id"])["mine"]) == (
        None, "thanks")
    for method, path in (("PUT", "reactions/hate"), ("DELETE", "reactions/hate"),
                         ("GET", "reactions?kind=hate")):
        bad = api.call(method, f"/api/posts/{post['id']}/{path}", bram)
        assert (bad.status_code, bad.json_body["error"], bad.json_body["field"]) == (
            400, "invalid", "kind")


def test_concurrent_switches_and_retries_count_exactly(api, make_person):
    from chalicelib.clock import system_clock
    from chalicelib.domain import reactions
    from chalicelib.domain.viewer import Viewer
    from chalicelib.models import Reaction

    post = new_post(api, make_person())
    viewers = [Viewer(p.id, p.name, p.email, p.role, p) for p in
               (make_person() for _ in range(12))]
    chance = random.Random(17)
    # Every person switches and removes many times, some from several threads at once.
    steps = [(v, chance.choice(KINDS), chance.random() < 0.2) for v in viewers * 6]
    chance.shuffle(steps)

    def step(args):
        viewer, kind, remove = args
        if remove:
            reactions.unreact(viewer, post["id"], kind)
        else:
            reactions.react(viewer, post["id"], kind, system_clock)

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(step, steps))
    markers = list(Reaction.query(f"POST#{post['id']}", Reaction.sk.startswith("REACT#")))
    expected = counted(**{k: sum(m.kind == k for m in markers) for k in KINDS})
    assert len(markers) == len({m.sk for m in markers}) <= len(viewers)
    assert shown(api, viewers[0], post["id"])["reactions"] == expected
    assert all(n >= 0 for n in expected.values())


def test_who_reacted_pages_by_cursor_and_filters_by_kind(api, make_person):
    anna = make_person(name="Anna")
    post = new_post(api, anna)
    people = [make_person(name=f"Collega {n:02}") for n in range(25)]
    for n, person in enumerate(people):
        react(api, person, post["id"], "thanks" if n % 5 == 0 else "like")
    url = f"/api/posts/{post['id']}/reactions"
    first = api.call("GET", url, anna).json_body
    assert len(first["items"]) == 20 and first["next"]
    rest = api.call("GET", f"{url}?cursor={first['next']}", anna).json_body
    assert rest["next"] is None
    listed = first["items"] + rest["items"]
    assert sorted(i["author"]["id"] for i in listed) == sorted(p.id for p in people)
    assert {i["author"]["name"] for i in listed} == {p.name for p in people}
    assert all("photo" in i["author"] and "title" in i["author"] for i in listed)
    thanked = api.call("GET", f"{url}?kind=thanks", anna).json_body
    assert sorted(i["author"]["name"] for i in thanked["items"]) == [
        p.name for n, p in enumerate(people) if n % 5 == 0]
    assert {i["kind"] for i in thanked["items"]} == {"thanks"}
    assert thanked["reactions"] == counted(like=20, thanks=5)
    bad = api.call("GET", f"{url}?cursor=bm9wZQ", anna)
    assert (bad.status_code, bad.json_body["field"]) == (400, "cursor")


def test_only_readers_of_the_post_see_who_reacted(api, make_person):
    owner, member, outsider = make_person(), make_person(), make_person()
    group = api.create(owner, visibility="secret", name="Raad")
    api.invite(group["id"], owner, member)
    api.join(group["id"], member)
    post = new_post(api, owner, group=group["id"])
    react(api, member, post["id"], "insightful")
    assert api.call("GET", f"/api/posts/{post['id']}/reactions", member).json_body[
        "items"][0]["kind"] == "insightful"
    for method, path in (("GET", "reactions"), ("PUT", "reactions/like"),
                         ("GET", "reactions?kind=like")):
        hidden = api.call(method, f"/api/posts/{post['id']}/{path}", outsider)
        assert (hidden.status_code, hidden.json_body["error"]) == (404, "not_found")
    missing = api.call("GET", "/api/posts/01ARZ3NDEKTSV4RRFFQ69G5FAV/reactions", member)
    assert missing.status_code == 404
    assert api.call("GET", f"/api/posts/{post['id']}/reactions", None).status_code == 401


def old_like(post_id: str, person) -> None:
    """A like as it was stored before there were other kinds: the older key, no kind, and
    the post's `likes` counter."""
    from chalicelib.models import Post, Reaction

    pk, sk = Reaction.legacy_key(post_id, person.id)
    Reaction(pk, sk, created="2026-01-05T09:00:00Z", gsi2pk=f"REACTIONS#{person.id}",
             gsi2sk=f"{post_id}#like").save()
    Post(*Post.key(post_id)).update(actions=[Post.likes.add(1)])


def test_an_older_like_counts_shows_as_mine_and_moves_to_the_new_shape(api, make_person):
    from chalicelib.models import Reaction

    anna, bram, cas = make_person(), make_person(name="Bram"), make_person(name="Cas")
    post = new_post(api, anna)
    old_like(post["id"], bram)
    old_like(post["id"], cas)
    assert (shown(api, bram, post["id"])["mine"],
            shown(api, bram, post["id"])["reactions"]) == ("like", counted(like=2))
    assert api.call("GET", "/api/stream", bram).json_body["items"][0]["mine"] == "like"
    listed = api.call("GET", f"/api/posts/{post['id']}/reactions?kind=like", anna).json_body
    assert sorted(i["author"]["name"] for i in listed["items"]) == ["Bram", "Cas"]

    assert react(api, bram, post["id"], "thanks")["reactions"] == counted(like=1, thanks=1)
    assert react(api, bram, post["id"], "thanks")["reactions"] == counted(like=1, thanks=1)
    with pytest.raises(Reaction.DoesNotExist):
        Reaction.get(*Reaction.legacy_key(post["id"], bram.id))
    assert react(api, cas, post["id"], "like", "DELETE")["reactions"] == counted(thanks=1)
    assert react(api, cas, post["id"], "like", "DELETE")["reactions"] == counted(thanks=1)


def test_own_data_lists_kinds_and_erasure_fixes_the_counts(api, make_person):
    anna, bram, cas = make_person(), make_person(), make_person()
    post = new_post(api, anna)
    other = new_post(api, anna)
    react(api, bram, post["id"], "like")
    react(api, bram, post["id"], "celebrate")  # switched: one reaction, of the last kind
    react(api, bram, other["id"], "thanks")
    react(api, cas, post["id"], "celebrate")
    exported = api.call("GET", "/api/me/export", bram).json_body["reactions"]
    assert sorted((r["post"], r["kind"]) for r in exported) == sorted(
        [(post["id"], "celebrate"), (other["id"], "thanks")])
    erased = api.call("DELETE", "/api/me", bram, {"content": "remove"})
    assert erased.status_code in (200, 202), erased.json_body
    assert shown(api, anna, post["id"])["reactions"] == counted(celebrate=1)
    assert shown(api, anna, other["id"])["reactions"] == counted()


def test_a_reaction_changed_again_before_every_attempt_is_a_409_busy(api, make_person):
    """The same person's other tab switches the reaction between each attempt's read and its
    write, so every attempt's condition fails: after the last one the answer is `busy`, and
    the counts are still exactly the markers' (nothing half-written)."""
    from chalicelib.clock import system_clock
    from chalicelib.domain import reactions
    from chalicelib.domain.viewer import Viewer
    from chalicelib.errors import ApiError
    from chalicelib.models.transactions import ATTEMPTS

    anna, bram = make_person(), make_person()
    post = new_post(api, anna)
    me = Viewer(bram.id, bram.name, bram.email, bram.role, bram)
    reactions.react(me, post["id"], "like", system_clock)
    others = iter(["celebrate", "like"] * ATTEMPTS)
    switched = []

    def other_tab_first():  # an attempt reads the clock after the marker, before its write
        switched.append(next(others))
        reactions.react(me, post["id"], switched[-1], system_clock)
        return system_clock()

    with pytest.raises(ApiError) as refused:
        reactions.react(me, post["id"], "thanks", other_tab_first)
    assert (refused.value.status, refused.value.code) == (409, "busy")
    assert len(switched) == ATTEMPTS
    now = shown(api, bram, post["id"])
    assert (now["mine"], now["reactions"]) == (switched[-1], counted(**{switched[-1]: 1}))
    # Once the other tab is still, the same request goes through.
    assert react(api, bram, post["id"], "thanks")["reactions"] == counted(thanks=1)
