"""DynamoDB calls per request stay bounded: counted on the wire by the meter."""


import pytest
from api_steps import call


@pytest.fixture
def busy(client, make_person, as_person):
    """A table with questions, updates, comments and likes around one post."""
    anna, bram = make_person(), make_person()
    target = None
    for n in range(30):
        post = call(client, "post", "/api/posts", as_person(anna),
                    {"body": f"Bericht {n}", "kind": "question" if n % 3 else "update"}).json_body
        target = target or post
        call(client, "put", f"/api/posts/{post['id']}/reactions/like", as_person(bram))
    for n in range(5):
        call(client, "post", f"/api/posts/{target['id']}/comments", as_person(bram),
             {"body": f"Reactie {n}"})
    return anna, bram, target


def test_calls_per_request(client, as_person, meter, busy):
    # Each contribution (post, question, comment, new like) counts itself inside the action's
    # own transaction (domain/contributions.contribution): no call of its own. The UpdateItem
    # left on posts and comments is the rate limit's.
    anna, bram, target = busy
    me = as_person(bram)
    page = client.http.get("/api/stream", headers=me).json_body
    # Home streams also Query the viewer's own groups (none here, so no BatchGet of groups).
    # Pages of posts and comments BatchGet their authors once (bylines: photos, job titles).
    cases = {
        # The first page also reads the home stream's pins (one Query, beside the feed's).
        "/api/stream": (lambda: client.http.get("/api/stream", headers=me),
                        # Queries: the viewer's groups, FEED, the pins; BatchGets: reactions,
                        # the page's authors (bylines).
                        {"GetItem": 1, "Query": 3, "BatchGetItem": 2}),
        "/api/stream?cursor": (lambda: client.http.get(f"/api/stream?cursor={page['next']}",
                                                       headers=me),
                               {"GetItem": 1, "Query": 2, "BatchGetItem": 2}),
        "/api/stream?unanswered": (lambda: client.http.get("/api/stream?unanswered=1",
                                                           headers=me),
                                   {"GetItem": 1, "Query": 2, "BatchGetItem": 3}),
        "/api/stream?author": (lambda: client.http.get(f"/api/stream?author={anna.id}",
                                                       headers=me),
                               {"GetItem": 1, "Query": 1, "BatchGetItem": 2}),
        "GET post": (lambda: client.http.get(f"/api/posts/{target['id']}", headers=me),
                     # the viewer's reaction (either key shape) and the byline's author
                     {"GetItem": 2, "BatchGetItem": 2}),
        "POST post": (lambda: call(client, "post", "/api/posts", me, {"body": "Nieuw"}),
                      {"GetItem": 1, "UpdateItem": 1, "TransactWriteItems": 1}),
        "POST question": (lambda: call(client, "post", "/api/posts", me,
                                       {"body": "Vraag?", "kind": "question"}),
                          {"GetItem": 1, "UpdateItem": 1, "TransactWriteItems": 1}),
        "GET comments": (lambda: client.http.get(f"/api/posts/{target['id']}/comments",
                                                 headers=me),
                         {"GetItem": 2, "Query": 1, "BatchGetItem": 1}),
        "POST comment": (lambda: call(client, "post", f"/api/posts/{target['id']}/comments",
                                      me, {"body": "Nog een"}),
                         {"GetItem": 2, "UpdateItem": 1, "TransactWriteItems": 1}),
        "PUT like": (lambda: call(client, "put", f"/api/posts/{target['id']}/reactions/like",
                                  as_person(anna)),
                     # + the rate limit; the reaction read before and the counts after
                     {"GetItem": 3, "BatchGetItem": 1, "UpdateItem": 1,
                      "TransactWriteItems": 1}),
        "GET who reacted": (lambda: client.http.get(f"/api/posts/{target['id']}/reactions",
                                                    headers=me),
                            {"GetItem": 2, "Query": 1, "BatchGetItem": 1}),  # + bylines
    }
    for name, (action, expected) in cases.items():
        meter.reset()
        assert action().status_code in (200, 201), name
        assert dict(meter.calls) == expected, name
