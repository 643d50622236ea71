"""Reactions on the site's pages (issue 17: "an article shows ... its reactions"): the same
kinds and rules as on posts, one per person and page with exact counts under concurrency, who
reacted, the counts with the page's comments, own data, erasure and usage."""

import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from groups_steps import GroupApi

KINDS = ("like", "thanks", "celebrate", "insightful")
NEWS = "/nieuws/test-news.html"  # pages of tests/data/site-pages.json
OTHER = "/over.html"


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def react(api, person, kind, path=NEWS, method="PUT"):
    response = api.call(method, f"/api/pages/reactions/{kind}?path={path}", person)
    assert response.status_code == 200, response.json_body
    return response.json_body


def counted(**counts) -> dict:
    return {kind: counts.get(kind, 0) for kind in KINDS}


def comments_of(api, person, path=NEWS) -> dict:
    response = api.call("GET", f"/api/pages/comments?path={path}", person)
    assert response.status_code == 200, response.json_body
    return response.json_body


def test_one_reaction_per_person_and_page_switches_and_comes_with_the_comments(api,
                                                                              make_person):
    anna, bram = make_person(), make_person()
    first = react(api, anna, "thanks")
    assert (first["page"], first["mine"], first["reactions"]) == (NEWS, "thanks",
                                                                 counted(thanks=1))
    assert react(api, bram, "thanks")["reactions"] == counted(thanks=2)
    switched = react(api, anna, "celebrate")
    assert (switched["mine"], switched["reactions"]) == ("celebrate",
                                                         counted(thanks=1, celebrate=1))
    # A retried request changes nothing; removing a kind not chosen leaves the chosen one.
    assert react(api, anna, "celebrate")["reactions"] == counted(thanks=1, celebrate=1)
    stale = react(api, anna, "thanks", method="DELETE")
    assert (stale["mine"], stale["reactions"]) == ("celebrate", counted(thanks=1, celebrate=1))

    # The page's comments bring its counts and the reader's own kind: one request.
    shown = comments_of(api, anna)
    assert (shown["items"], shown["reactions"], shown["mine"]) == (
        [], counted(thanks=1, celebrate=1), "celebrate")
    assert comments_of(api, bram)["mine"] == "thanks"
    other = comments_of(api, anna, OTHER)  # another page counts on its own
    assert (other["reactions"], other["mine"]) == (counted(), None)

    gone = react(api, anna, "celebrate", method="DELETE")
    assert (gone["mine"], gone["reactions"]) == (None, counted(thanks=1))
    assert react(api, anna, "celebrate", method="DELETE")["reactions"] == counted(thanks=1)
    assert comments_of(api, anna)["mine"] is None


def test_bad_kind_bad_path_no_page_and_signed_out_are_refused(api, make_person):
    anna = make_person()
    for method, url in (("PUT", f"reactions/hate?path={NEWS}"),
                        ("DELETE", f"reactions/hate?path={NEWS}"),
                        ("GET", f"reactions?path={NEWS}&kind=hate")):
        bad = api.call(method, f"/api/pages/{url}", anna)
        assert (bad.status_code, bad.json_body["field"]) == (400, "kind"), url
    for path in ("", "nieuws/test-news.html", "/../etc/passwd", "/UP.html",
                 "https://evil.example/x.html"):
        for method, url in (("PUT", f"reactions/like?path={path}"),
                            ("GET", f"reactions?path={path}")):
            bad = api.call(method, f"/api/pages/{url}", anna)
            assert (bad.status_code, bad.json_body["field"]) == (400, "path"), (method, path)
    assert api.call("PUT", "/api/pages/reactions/like", anna).json_body["field"] == "path"
    for method, url in (("PUT", "reactions/like?path=/nergens.html"),
                        ("DELETE", "reactions/like?path=/nergens.html"),
                        ("GET", "reactions?path=/nieuws/weg.html")):
        missing = api.call(method, f"/api/pages/{url}", anna)
        assert (missing.status_code, missing.json_body["error"]) == (404, "not_found")
    for method, url in (("PUT", f"reactions/like?path={NEWS}"),
                        ("GET", f"reactions?path={NEWS}")):
        assert api.call(method, f"/api/pages/{url}", None).status_code == 401
    foreign = api.as_person(anna) | {"origin": "https://evil.example"}
    assert api.client.http.put(f"/api/pages/reactions/like?path={NEWS}", headers=foreign,
                               body="{}").status_code == 403
    assert comments_of(api, anna)["reactions"] == counted()  # nothing was written


def test_people_switching_on_a_page_and_a_post_at_once_leave_exact_counts(api, make_person):
    """The one transaction logic under load on both kinds of target at once: every marker
    counted once, on its own target, and no count below zero."""
    from chalicelib.clock import system_clock
    from chalicelib.domain import reactions
    from chalicelib.domain.viewer import Viewer
    from chalicelib.models import PageReactions, Reaction

    post = api.call("POST", "/api/posts", make_person(), {"body": "Iets"}).json_body
    people = [Viewer(p.id, p.name, p.email, p.role, p) for p in
              (make_person() for _ in range(10))]
    chance = random.Random(29)
    # (person, on the page?, kind, take it back?), many per person, several at the same time.
    changes = [(who, chance.random() < 0.6, chance.choice(KINDS), chance.random() < 0.25)
               for who in people * 7]
    chance.shuffle(changes)

    def change(args):
        who, on_page, kind, back = args
        if on_page:
            return (reactions.unreact_on_page(who, NEWS, kind) if back
                    else reactions.react_on_page(who, NEWS, kind, system_clock))
        return (reactions.unreact(who, post["id"], kind) if back
                else reactions.react(who, post["id"], kind, system_clock))

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(change, changes))
    for partition, shown in (
            (PageReactions.partition(NEWS), comments_of(api, people[0])["reactions"]),
            (f"POST#{post['id']}", api.call("GET", f"/api/posts/{post['id']}",
                                           people[0]).json_body["reactions"])):
        kinds = [m.kind for m in Reaction.query(partition, Reaction.sk.startswith("REACT#"))]
        assert len(kinds) <= len(people)
        assert shown == counted(**{k: kinds.count(k) for k in KINDS}), partition


def test_who_reacted_to_a_page_comes_a_page_at_a_time_with_the_readers_own_kind(api,
                                                                                make_person):
    reader = make_person(name="Lezer")
    thanking = [make_person(name=f"Dankbaar {n}") for n in range(4)]
    fans = [make_person(name=f"Fan {n}") for n in range(18)]
    for kind, people in (("thanks", thanking), ("like", fans), ("insightful", [reader])):
        for person in people:
            react(api, person, kind)
    thankful, liking = {p.id for p in thanking}, {p.id for p in fans}
    url = f"/api/pages/reactions?path={NEWS}"
    seen, cursor, pages = [], None, 0
    while True:  # 23 people: a full page of 20, then the rest
        page = api.call("GET", url + (f"&cursor={cursor}" if cursor else ""), reader).json_body
        assert page["mine"] == "insightful"
        seen += page["items"]
        cursor, pages = page["next"], pages + 1
        if not cursor:
            break
    assert pages == 2 and len(seen) == 23
    assert {i["author"]["id"] for i in seen} == thankful | liking | {reader.id}
    assert {i["author"]["name"] for i in seen if i["kind"] == "insightful"} == {"Lezer"}
    only = api.call("GET", f"{url}&kind=thanks", reader).json_body
    assert {i["author"]["id"] for i in only["items"]} == thankful
    assert only["reactions"] == counted(like=18, thanks=4, insightful=1)
    assert api.call("GET", f"/api/pages/reactions?path={OTHER}", reader).json_body["items"] == []
    assert api.call("GET", f"{url}&cursor=bm9wZQ", reader).json_body["field"] == "cursor"


@pytest.mark.parametrize("content, left", [("remove", counted(like=1)),
                                           ("anonymise", counted(like=1, celebrate=1))])
def test_own_data_lists_page_reactions_and_erasure_fixes_the_counts(api, make_person, content,
                                                                   left):
    anna, bram = make_person(), make_person()
    post = api.call("POST", "/api/posts", anna, {"body": "Iets"}).json_body
    react(api, bram, "like")
    react(api, bram, "celebrate")  # switched: one reaction, of the last kind
    react(api, bram, "thanks", path=OTHER)
    react(api, anna, "like")
    assert api.call("PUT", f"/api/posts/{post['id']}/reactions/like", bram).status_code == 200
    exported = api.call("GET", "/api/me/export", bram).json_body["reactions"]
    assert sorted((r.get("post", ""), r.get("page", ""), r["kind"]) for r in exported) == sorted(
        [("", NEWS, "celebrate"), ("", OTHER, "thanks"), (post["id"], "", "like")])
    erased = api.call("DELETE", "/api/me", bram, {"content": content})
    assert erased.status_code in (200, 202), erased.json_body
    # Removed, the counts lose Bram's; kept anonymously, they keep them without his markers.
    assert comments_of(api, anna)["reactions"] == left
    assert api.call("GET", f"/api/pages/reactions?path={NEWS}", anna).json_body["items"][0][
        "author"]["id"] == anna.id


def test_a_new_page_reaction_counts_once_on_the_dashboard(table, make_person, clock):
    from chalicelib.domain import reactions
    from chalicelib.domain.usage_report import report
    from usage_helpers import viewer

    def today() -> int:
        return report(1, clock())["daily"][-1]["reaction"]

    bram = viewer(make_person())
    for _ in range(2):
        reactions.react_on_page(bram, NEWS, "like", clock)
    reactions.react_on_page(bram, NEWS, "insightful", clock)  # the same reaction, changed
    assert today() == 1
    reactions.unreact_on_page(bram, NEWS, "insightful")
    reactions.react_on_page(bram, NEWS, "like", clock)
    assert today() == 2


def test_calls_per_request_stay_bounded(api, make_person, meter):
    anna, bram = make_person(), make_person()
    for person in (anna, bram):
        api.call("POST", f"/api/pages/comments?path={NEWS}", person, {"body": "Mooi"})
    react(api, bram, "like")
    cases = {
        # + the session; the thread, the bylines, the page's counts and the own marker
        "GET comments": (lambda: api.call("GET", f"/api/pages/comments?path={NEWS}", anna),
                         {"GetItem": 2, "Query": 1, "BatchGetItem": 2}),
        # + the session and the rate limit; the marker read before and the counts after
        "PUT": (lambda: api.call("PUT", f"/api/pages/reactions/thanks?path={NEWS}", anna),
                {"GetItem": 2, "UpdateItem": 1, "BatchGetItem": 1, "TransactWriteItems": 1}),
        "GET who reacted": (lambda: api.call("GET", f"/api/pages/reactions?path={NEWS}", anna),
                            {"GetItem": 2, "Query": 1, "BatchGetItem": 2}),
    }
    for name, (action, expected) in cases.items():
        meter.reset()
        assert action().status_code == 200, name
        assert dict(meter.calls) == expected, name
