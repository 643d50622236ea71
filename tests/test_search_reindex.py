"""`plein search reindex`: content from before search becomes findable; what is gone leaves."""

from chalicelib.domain.search.index import Document, DynamoIndex
from search_steps import SearchApi, Stream

from infra import search_reindex


def test_reindex_indexes_old_content_and_drops_orphans(client, as_person, dynamodb, table,
                                                       make_person):
    api = SearchApi(client, as_person, Stream(dynamodb, table))
    anna = make_person()
    # Written without the stream consumer running: not in the index yet.
    post = api.write("post", "/api/posts", anna, {"body": "Jaarplanning voor de afdeling"})
    api.write("post", f"/api/posts/{post['id']}/comments", anna, {"body": "Mooie jaarplanning"})
    # An entry for a document that no longer exists.
    DynamoIndex().index(Document("01JBBBBBBBBBBBBBBBBBBBBBBB", "post", "FEED", "jaarplanning"))
    assert len(api.found(anna, "jaarplanning")) == 0  # the orphan is not shown either

    counts = search_reindex.run()
    assert (counts["posts"], counts["comments"], counts["removed"]) == (1, 1, 1)
    assert len(api.found(anna, "jaarplanning")) == 2
    assert search_reindex.run()["writes"] == 0
