"""`plein people reindex` files comments, likes and group requests from before own data had
per-person keys under their person, so the export (and deletion) finds them."""

import pytest
from groups_steps import GroupApi

from infra import people_reindex, person_keys


@pytest.fixture
def api(client, as_person):
    return GroupApi(client, as_person)


def written(response) -> dict:
    assert response.status_code in (200, 201), response.json_body
    return response.json_body


def as_before_own_data(item, *keys) -> None:
    """Takes the per-person keys off, leaving the item as versions before them wrote it."""
    item.update(actions=[attribute.remove() for attribute in keys])


def export(api, person) -> dict:
    data = written(api.call("GET", "/api/me/export", person))
    assert data["next"] is None
    return data


def test_reindex_files_old_comments_likes_and_requests_so_the_export_has_them(
        api, make_person):
    from chalicelib.models import Comment, Membership, Reaction

    anna, bram = make_person(name="Anna"), make_person(name="Bram")
    post = written(api.call("POST", "/api/posts", bram, {"body": "Van Bram"}))
    comment = written(api.call("POST", f"/api/posts/{post['id']}/comments", anna,
                               {"body": "Anna zegt"}))
    gone = written(api.call("POST", f"/api/posts/{post['id']}/comments", anna,
                            {"body": "Door een oude versie geanonimiseerd"}))
    written(api.call("PUT", f"/api/posts/{post['id']}/reactions/like", anna))
    closed = api.create(bram, visibility="closed", name="Raad")
    api.join(closed["id"], anna)  # a request
    club = api.create(bram, visibility="open", name="Fietsclub")
    api.join(club["id"], anna)  # a membership, which always had its key

    as_before_own_data(Comment.get(*Comment.key(comment["id"])), Comment.gsi2pk, Comment.gsi2sk)
    as_before_own_data(Reaction.get(*Reaction.key(post["id"], anna.id)),
                       Reaction.gsi2pk, Reaction.gsi2sk)
    as_before_own_data(Membership.get(*Membership.key(closed["id"], anna.id)),
                       Membership.gsi1pk, Membership.gsi1sk)
    anonymised = Comment.get(*Comment.key(gone["id"]))
    anonymised.update(actions=[Comment.author_id.set("anonymous"), Comment.author_name.set(""),
                               Comment.gsi2pk.remove(), Comment.gsi2sk.remove()])
    before = export(api, anna)
    assert (before["comments"], before["reactions"], before["requests"]) == ([], [], [])

    report = people_reindex.run()
    assert (report.filed.comments, report.filed.reactions, report.filed.requests) == (1, 1, 1)
    assert "1 comments, 1 likes and 1 group requests filed" in report.summary()

    after = export(api, anna)
    assert [c["id"] for c in after["comments"]] == [comment["id"]]  # not the anonymised one
    assert [(r["post"], r["kind"]) for r in after["reactions"]] == [(post["id"], "like")]
    assert [g["group"] for g in after["requests"]] == [closed["id"]]
    assert [g["group"] for g in after["groups"]] == [club["id"]]
    assert export(api, bram)["comments"] == []

    again = people_reindex.run()
    assert again.filed.total == 0 and not again.changed


def test_an_item_deleted_or_decided_after_the_scan_is_not_brought_back(api, make_person):
    from chalicelib.models import Comment, Membership, Reaction

    anna, bram = make_person(name="Anna"), make_person(name="Bram")
    post = written(api.call("POST", "/api/posts", bram, {"body": "Van Bram"}))
    comment = written(api.call("POST", f"/api/posts/{post['id']}/comments", anna,
                               {"body": "Anna zegt"}))
    written(api.call("PUT", f"/api/posts/{post['id']}/reactions/like", anna))
    closed = api.create(bram, visibility="closed", name="Raad")
    api.join(closed["id"], anna)
    old_comment = Comment.get(*Comment.key(comment["id"]))
    old_like = Reaction.get(*Reaction.key(post["id"], anna.id))
    old_request = Membership.get(*Membership.key(closed["id"], anna.id))
    for item, keys in ((old_comment, (Comment.gsi2pk, Comment.gsi2sk)),
                       (old_like, (Reaction.gsi2pk, Reaction.gsi2sk)),
                       (old_request, (Membership.gsi1pk, Membership.gsi1sk))):
        as_before_own_data(item, *keys)
    scanned = (list(person_keys.unfiled_comments()), list(person_keys.unfiled_reactions()),
               list(person_keys.unfiled_requests()))
    assert [len(found) for found in scanned] == [1, 1, 1]

    # Meanwhile: the like is taken back, the comment anonymised, the request approved.
    written(api.call("DELETE", f"/api/posts/{post['id']}/reactions/like", anna))
    Comment.get(*Comment.key(comment["id"])).update(
        actions=[Comment.author_id.set("anonymous"), Comment.author_name.set("")])
    written(api.approve(closed["id"], bram, anna))

    assert person_keys.file_comments(scanned[0]) == 0
    assert person_keys.file_reactions(scanned[1]) == 0
    assert person_keys.file_requests(scanned[2]) == 0
    assert Comment.get(*Comment.key(comment["id"])).gsi2pk is None
    with pytest.raises(Reaction.DoesNotExist):
        Reaction.get(*Reaction.key(post["id"], anna.id))
    member = Membership.get(*Membership.key(closed["id"], anna.id))
    assert (member.state, member.gsi1pk) == ("member", Membership.person_partition("member",
                                                                                    anna.id))
