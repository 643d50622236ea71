"""Keeps the term index in step with the table, from its stream: `on_change(change)` for one
stream record (registered in background/consumers.py), `reindex()` for everything at once.

A change is only a hint of which document to look at: the indexer reads the document as it is
now (consistently) and makes the index hold exactly that. So a redelivered record, or records
handled out of order, leave the same index behind, and a deleted, hidden, blanked or erased
document leaves the index whatever record brings the news.
"""

from ...models import Comment, IndexedDocument, Post
from .index import Document, DynamoIndex, SearchIndex
from .terms import plain_text

# The attributes a document's entries depend on; a change to others (a like, a comment count,
# seen-by) costs nothing.
_INDEXED = ("body", "gsi1pk", "hidden", "deleted", "kind", "post_id", "thread")
THREAD_PAGE = 100


def _kind(keys: dict) -> tuple[str, str] | None:
    pk, sk = keys.get("pk", ""), keys.get("sk", "")
    if pk.startswith("POST#") and sk == "POST":
        return "post", pk.removeprefix("POST#")
    if pk.startswith("COMMENT#") and sk == "COMMENT":
        return "comment", pk.removeprefix("COMMENT#")
    return None


def _matters(change) -> bool:
    if change.event != "MODIFY":
        return True
    old, new = change.old or {}, change.new or {}
    return any(old.get(a) != new.get(a) for a in _INDEXED)


def _post(post_id: str) -> Post | None:
    try:
        return Post.get(*Post.key(post_id), consistent_read=True)
    except Post.DoesNotExist:
        return None


def post_document(post: Post | None) -> Document | None:
    if post is None or getattr(post, "hidden", None):
        return None
    kind = "question" if post.kind == "question" else "post"
    return Document(post.id, kind, post.partition, plain_text(post.body))


def comment_document(comment: Comment | None, post: Post | None) -> Document | None:
    """A comment is found where its post is readable; on a static page, by everyone."""
    if comment is None or comment.deleted or getattr(comment, "hidden", None):
        return None
    text = plain_text(comment.body)
    if comment.post_id:
        if post_document(post) is None:
            return None
        return Document(comment.id, "comment", post.partition, text, post=post.id)
    return Document(comment.id, "comment", "FEED", text,
                    page=comment.thread.removeprefix("page:"))


def _comment(comment_id: str) -> Comment | None:
    try:
        return Comment.get(*Comment.key(comment_id), consistent_read=True)
    except Comment.DoesNotExist:
        return None


def refresh(kind: str, doc_id: str, index: SearchIndex) -> int:
    """Makes the index hold the document as the table holds it now; returns the writes."""
    if kind == "post":
        post = _post(doc_id)
        doc = post_document(post)
        writes = index.index(doc) if doc else index.remove(doc_id)
        if post is None:
            # Its comments are unreachable now (every path to them goes through the post). A
            # hidden post's stay: searches drop them while it is hidden (the live post decides).
            writes += _each_comment(doc_id, index.remove)
        return writes
    comment = _comment(doc_id)
    post = _post(comment.post_id) if comment is not None and comment.post_id else None
    doc = comment_document(comment, post)
    return index.index(doc) if doc else index.remove(doc_id)


def _each_comment(post_id: str, act) -> int:
    done, last = 0, None
    while True:
        page = Comment.in_thread.query(Comment.thread_partition(f"post:{post_id}"),
                                       limit=THREAD_PAGE, last_evaluated_key=last,
                                       attributes_to_get=["pk", "sk", "id"])
        for comment in page:
            done += act(comment.id)
        last = page.last_evaluated_key
        if last is None:
            return done


def on_change(change, index: SearchIndex | None = None) -> None:
    """The stream consumer: `change` has event, keys, new and old (plain values)."""
    found = _kind(change.keys or {})
    if found is None or not _matters(change):
        return
    refresh(*found, index or DynamoIndex())


def reindex(index: SearchIndex | None = None) -> dict:
    """Every post and comment as the table holds it now, and nothing else: documents whose
    source is gone leave. Scans the table, so it is for `plein search reindex`, never a
    request. Each step is idempotent, so an interrupted run is simply run again."""
    index = index or DynamoIndex()
    counts = {"posts": 0, "comments": 0, "removed": 0, "writes": 0}
    seen = set()
    for post in Post.scan(Post.sk == "POST"):
        seen.add(post.id)
        doc = post_document(post)
        counts["writes"] += index.index(doc) if doc else index.remove(post.id)
        counts["posts"] += doc is not None
    posts: dict[str, Post | None] = {}
    for comment in Comment.scan(Comment.sk == "COMMENT"):
        seen.add(comment.id)
        if comment.post_id and comment.post_id not in posts:
            posts[comment.post_id] = _post(comment.post_id)
        doc = comment_document(comment, posts.get(comment.post_id))
        counts["writes"] += index.index(doc) if doc else index.remove(comment.id)
        counts["comments"] += doc is not None
    for indexed in IndexedDocument.scan(IndexedDocument.sk == "TERMS"):
        doc_id = indexed.pk.removeprefix("SEARCHDOC#")
        if doc_id not in seen:
            counts["writes"] += index.remove(doc_id)
            counts["removed"] += 1
    return counts
