"""Comments on posts and on static pages: replies, editing, deleting, and exact counts."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from api_steps import call


@pytest.fixture
def post(client, make_person, as_person):
    author = make_person()
    created = call(client, "post", "/api/posts", as_person(author), {"body": "Vraagje"})
    return created.json_body


def test_comments_and_one_level_of_replies_on_a_post(client, make_person, as_person, post):
    bram = make_person()
    path = f"/api/posts/{post['id']}/comments"
    top = call(client, "post", path, as_person(bram), {"body": "Eerste *reactie*"}).json_body
    reply = call(client, "post", path, as_person(bram), {"body": "Antwoord",
                                                         "parent": top["id"]})
    assert reply.status_code == 201
    deeper = call(client, "post", path, as_person(bram), {"body": "Dieper",
                                                          "parent": reply.json_body["id"]})
    assert (deeper.status_code, deeper.json_body["field"]) == (400, "parent")
    thread = client.http.get(path, headers=as_person(bram)).json_body["items"]
    assert [(c["body"], c["parent"]) for c in thread] == [("Eerste *reactie*", None),
                                                          ("Antwoord", top["id"])]
    assert thread[0]["html"] == "<p>Eerste <em>reactie</em></p>"
    got = client.http.get(f"/api/posts/{post['id']}", headers=as_person(bram)).json_body
    assert got["comments"] == 2


def test_comments_on_a_page_use_its_path_as_thread(client, make_person, as_person):
    me = make_person()
    url = "/api/pages/comments?path=/nieuws/test-news.html"
    assert call(client, "post", url, as_person(me), {"body": "Mooi stuk"}).status_code == 201
    other = "/api/pages/comments?path=/over.html"
    assert client.http.get(other, headers=as_person(me)).json_body["items"] == []
    items = client.http.get(url, headers=as_person(me)).json_body["items"]
    assert [c["body"] for c in items] == ["Mooi stuk"]
    assert items[0]["thread"] == "page:/nieuws/test-news.html"


@pytest.mark.parametrize("path", ["", "nieuws/x.html", "/../etc/passwd", "/a.html?x=1",
                                  "/UP.html", "https://evil.example/x.html"])
def test_a_bad_page_path_is_400(client, make_person, as_person, path):
    response = client.http.get(f"/api/pages/comments?path={path}",
                               headers=as_person(make_person()))
    assert (response.status_code, response.json_body["field"]) == (400, "path")


def test_only_the_author_edits_and_author_or_admin_deletes(client, make_person, as_person,
                                                           post):
    anna, bram, admin = make_person(), make_person(), make_person(role="admin")
    path = f"/api/posts/{post['id']}/comments"
    first = call(client, "post", path, as_person(anna), {"body": "Van Anna"}).json_body
    second = call(client, "post", path, as_person(anna), {"body": "Nog een"}).json_body
    url = f"/api/comments/{first['id']}"
    assert call(client, "patch", url, as_person(bram), {"body": "Nee"}).status_code == 403
    assert call(client, "delete", url, as_person(bram)).status_code == 403
    edited = call(client, "patch", url, as_person(anna), {"body": "Aangepast"})
    assert edited.status_code == 200 and edited.json_body["edited"]
    assert call(client, "delete", url, as_person(anna)).status_code == 200
    assert call(client, "delete", f"/api/comments/{second['id']}",
                as_person(admin)).status_code == 200
    assert client.http.get(path, headers=as_person(anna)).json_body["items"] == []
    assert client.http.get(f"/api/posts/{post['id']}",
                           headers=as_person(anna)).json_body["comments"] == 0
    assert call(client, "patch", url, as_person(anna), {"body": "x"}).status_code == 404


def test_a_comment_with_replies_is_blanked_so_its_replies_stay(client, make_person, as_person,
                                                              post):
    anna = make_person()
    path = f"/api/posts/{post['id']}/comments"
    top = call(client, "post", path, as_person(anna), {"body": "Boven"}).json_body
    call(client, "post", path, as_person(anna), {"body": "Onder", "parent": top["id"]})
    assert call(client, "delete", f"/api/comments/{top['id']}", as_person(anna)).status_code == 200
    items = client.http.get(path, headers=as_person(anna)).json_body["items"]
    assert [(c["deleted"], c["body"]) for c in items] == [(True, ""), (False, "Onder")]


def test_empty_or_oversized_comment_is_400(client, make_person, as_person, post):
    path = f"/api/posts/{post['id']}/comments"
    me = make_person()
    assert call(client, "post", path, as_person(me), {"body": " "}).json_body["field"] == "body"
    assert call(client, "post", path, as_person(me),
                {"body": "x" * 3001}).json_body["field"] == "body"


def test_parallel_comments_all_arrive(make_person, post):
    """20 colleagues comment at once (domain calls in threads, each its own connection to
    moto's server): none lost, and the post's counter is exact."""
    from chalicelib.clock import system_clock
    from chalicelib.domain import comments, posts
    from chalicelib.domain.viewer import Viewer
    from chalicelib.ids import new_id

    people = [make_person() for _ in range(20)]
    viewers = [Viewer(p.id, p.name, p.email, p.role, p) for p in people]

    def write(viewer):
        return comments.create_on_post(viewer, post["id"], {"body": f"van {viewer.name}"},
                                       system_clock, new_id)

    with ThreadPoolExecutor(max_workers=5) as pool:
        written = list(pool.map(write, viewers))
    assert len({c["id"] for c in written}) == 20
    thread = comments.list_for_post(viewers[0], post["id"], None)["items"]
    assert sorted(c["body"] for c in thread) == sorted(f"van {v.name}" for v in viewers)
    assert posts.get(viewers[0], post["id"])["comments"] == 20
