"""Reactions (exact under concurrency) and questions (answers, the unanswered filter)."""

from concurrent.futures import ThreadPoolExecutor

from api_steps import call


def new_post(client, headers, **fields):
    return call(client, "post", "/api/posts", headers, {"body": "Iets", **fields}).json_body


def test_a_like_toggles_and_is_idempotent(client, make_person, as_person):
    anna, bram = make_person(), make_person()
    post = new_post(client, as_person(anna))
    url = f"/api/posts/{post['id']}/reactions/like"
    assert call(client, "put", url, as_person(bram)).json_body == {
        "post": post["id"], "kind": "like", "count": 1, "mine": "like",
        "reactions": {"like": 1, "thanks": 0, "celebrate": 0, "insightful": 0}}
    assert call(client, "put", url, as_person(bram)).json_body["count"] == 1
    page = client.http.get("/api/stream", headers=as_person(bram)).json_body["items"]
    assert (page[0]["likes"], page[0]["liked"]) == (1, True)
    assert client.http.get("/api/stream", headers=as_person(anna)).json_body["items"][0][
        "liked"] is False
    assert call(client, "delete", url, as_person(bram)).json_body["count"] == 0
    assert call(client, "delete", url, as_person(bram)).json_body["count"] == 0
    bad = call(client, "put", f"/api/posts/{post['id']}/reactions/hate", as_person(bram))
    assert (bad.status_code, bad.json_body["field"]) == (400, "kind")


def test_fifty_colleagues_like_at_once_and_the_count_is_exact(client, make_person, as_person):
    from chalicelib.clock import system_clock
    from chalicelib.domain import posts, reactions
    from chalicelib.domain.viewer import Viewer

    post = new_post(client, as_person(make_person()))
    viewers = [Viewer(p.id, p.name, p.email, p.role, p) for p in
               (make_person() for _ in range(50))]

    def like(viewer):
        reactions.react(viewer, post["id"], "like", system_clock)

    def unlike(viewer):
        reactions.unreact(viewer, post["id"], "like")

    with ThreadPoolExecutor(max_workers=5) as pool:
        list(pool.map(like, viewers + viewers[:5]))  # five retried clicks among them
    assert posts.get(viewers[0], post["id"])["likes"] == 50
    with ThreadPoolExecutor(max_workers=5) as pool:
        list(pool.map(unlike, viewers[:10] + viewers[:3]))  # ten of them, three twice
    assert posts.get(viewers[0], post["id"])["likes"] == 40


def test_the_asker_marks_an_answer_and_it_leaves_the_unanswered_filter(client, make_person,
                                                                       as_person):
    asker, helper = make_person(), make_person()
    question = new_post(client, as_person(asker), body="Waar is de printer?", kind="question")
    new_post(client, as_person(asker), body="Gewoon bericht")
    other = new_post(client, as_person(helper), body="Wie weet het?", kind="question")
    assert question["answered"] is False
    unanswered = "/api/stream?unanswered=1"
    open_ids = [p["id"] for p in
                client.http.get(unanswered, headers=as_person(asker)).json_body["items"]]
    assert open_ids == [other["id"], question["id"]]

    comment = call(client, "post", f"/api/posts/{question['id']}/comments", as_person(helper),
                   {"body": "Op de tweede verdieping"}).json_body
    answer_url = f"/api/posts/{question['id']}/answer"
    assert call(client, "post", answer_url, as_person(helper),
                {"comment": comment["id"]}).status_code == 403
    marked = call(client, "post", answer_url, as_person(asker), {"comment": comment["id"]})
    assert marked.status_code == 200
    assert (marked.json_body["answered"], marked.json_body["answer"]) == (True, comment["id"])
    open_ids = [p["id"] for p in
                client.http.get(unanswered, headers=as_person(asker)).json_body["items"]]
    assert open_ids == [other["id"]]

    unmarked = call(client, "post", answer_url, as_person(asker), {"comment": None})
    assert unmarked.json_body["answered"] is False
    assert len(client.http.get(unanswered, headers=as_person(asker)).json_body["items"]) == 2


def test_only_a_comment_on_the_question_can_be_its_answer(client, make_person, as_person):
    asker = make_person()
    question = new_post(client, as_person(asker), kind="question")
    update = new_post(client, as_person(asker))
    elsewhere = call(client, "post", f"/api/posts/{update['id']}/comments", as_person(asker),
                     {"body": "Hier niet"}).json_body
    wrong = call(client, "post", f"/api/posts/{question['id']}/answer", as_person(asker),
                 {"comment": elsewhere["id"]})
    assert (wrong.status_code, wrong.json_body["field"]) == (400, "comment")
    not_a_question = call(client, "post", f"/api/posts/{update['id']}/answer", as_person(asker),
                          {"comment": elsewhere["id"]})
    assert not_a_question.status_code == 409


def test_deleting_a_question_removes_it_from_the_unanswered_filter(client, make_person,
                                                                   as_person):
    asker = make_person()
    question = new_post(client, as_person(asker), kind="question")
    call(client, "delete", f"/api/posts/{question['id']}", as_person(asker))
    assert client.http.get("/api/stream?unanswered=1",
                           headers=as_person(asker)).json_body["items"] == []


def test_unanswered_questions_page_by_cursor(client, make_person, as_person):
    asker = make_person()
    for n in range(25):
        new_post(client, as_person(asker), body=f"Vraag {n}", kind="question")
    first = client.http.get("/api/stream?unanswered=1", headers=as_person(asker)).json_body
    second = client.http.get(f"/api/stream?unanswered=1&cursor={first['next']}",
                             headers=as_person(asker)).json_body
    bodies = [p["body"] for p in first["items"] + second["items"]]
    assert bodies == [f"Vraag {n}" for n in reversed(range(25))]
    assert second["next"] is None
