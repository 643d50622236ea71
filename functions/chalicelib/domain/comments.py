"""Comments on posts and on static pages, with one level of replies.

A thread key is `post:<post id>` or `page:<path>`. A post's comment count changes in the same
transaction as the comment, so it stays exact. A comment with replies is blanked rather than
removed, so its replies keep their place.
"""

import re

from pynamodb.exceptions import TransactWriteError, UpdateError

from ..clock import Clock, iso
from ..errors import forbidden, invalid, not_found
from ..ids import IdMaker, is_id
from ..models import Comment, Post
from ..models.schema import transaction
from . import access, bylines, mentions
from . import posts as post_domain
from .contributions import contribution
from .render import markdown_to_html
from .viewer import Viewer

MAX_BODY_CHARS = 3000
THREAD_PAGE = 100
PAGE_PATH = re.compile(r"^/(?:[a-z0-9._-]+/)*(?:[a-z0-9._-]+\.html)?$")
MAX_PATH_CHARS = 300


def page_thread(path) -> str:
    """`page:<path>` for a site path like /nieuws/slug.html; anything else is a 400."""
    if (not isinstance(path, str) or len(path) > MAX_PATH_CHARS or ".." in path
            or not PAGE_PATH.match(path)):
        raise invalid("path", "Path must be a page of this site, like /nieuws/slug.html.")
    return f"page:{path}"


def to_json(comment: Comment) -> dict:
    gone = bool(comment.deleted)
    return {
        "id": comment.id, "thread": comment.thread, "post": comment.post_id,
        "parent": comment.parent,
        "author": None if gone else {"id": comment.author_id, "name": comment.author_name},
        "body": "" if gone else comment.body,
        "html": "" if gone else markdown_to_html(comment.body, post_domain.plain(
            comment.mentions)),
        "deleted": gone, "replies": int(comment.replies or 0),
        "created": comment.created, "edited": comment.edited,
    }


def _body(data: dict) -> str:
    body = data.get("body")
    if not isinstance(body, str) or not body.strip():
        raise invalid("body", "Write a comment first.")
    if len(body) > MAX_BODY_CHARS:
        raise invalid("body", f"A comment is at most {MAX_BODY_CHARS} characters.")
    return body


def _thread(thread: str, cursor: str | None) -> dict:
    after = post_domain.decode_cursor(cursor) if cursor else None
    condition = Comment.gsi1sk > after if after else None
    found = list(Comment.in_thread.query(Comment.thread_partition(thread), condition,
                                         limit=THREAD_PAGE, page_size=THREAD_PAGE))
    more = len(found) == THREAD_PAGE
    return {"items": bylines.decorate([to_json(c) for c in found]),
            "next": post_domain.encode_cursor(found[-1].id) if more else None}


def list_for_post(viewer: Viewer, post_id: str, cursor: str | None) -> dict:
    post_domain.load(viewer, post_id)
    return _thread(f"post:{post_id}", cursor)


def list_for_page(viewer: Viewer, path, cursor: str | None) -> dict:
    return _thread(page_thread(path), cursor)


def _get(comment_id: str) -> Comment:
    if not is_id(comment_id):
        raise not_found("comment")
    try:
        comment = Comment.get(*Comment.key(comment_id))
    except Comment.DoesNotExist:
        raise not_found("comment") from None
    return comment


def _create(viewer: Viewer, thread: str, post: Post | None, data: dict, clock: Clock,
            new_id: IdMaker) -> dict:
    body = _body(data)
    parent = data.get("parent")
    if parent is not None:
        above = None
        if isinstance(parent, str) and is_id(parent):
            try:
                above = Comment.get(*Comment.key(parent))
            except Comment.DoesNotExist:
                above = None
        if above is None or above.thread != thread or above.parent or above.deleted:
            raise invalid("parent", "Replies go under a top-level comment of the same thread.")
    now = clock()
    comment_id = new_id(now)
    comment = Comment(
        *Comment.key(comment_id), gsi1pk=Comment.thread_partition(thread), gsi1sk=comment_id,
        gsi2pk=Comment.author_partition(viewer.id), gsi2sk=comment_id,
        id=comment_id, thread=thread, post_id=post.id if post else None, parent=parent,
        author_id=viewer.id, author_name=viewer.name, body=body,
        mentions=mentions.resolve(body, viewer.email), created=iso(now),
    )
    try:
        with transaction() as tx:
            tx.save(comment, condition=Comment.pk.does_not_exist())
            if post is not None:
                tx.update(post, actions=[Post.comments.add(1)], condition=Post.pk.exists())
            if parent is not None:
                tx.update(Comment(*Comment.key(parent)), actions=[Comment.replies.add(1)],
                          condition=Comment.pk.exists() & (Comment.deleted == False))  # noqa: E712
            contribution(tx, "comment", post.group_id if post else None, viewer.role, now)
    except TransactWriteError as err:
        if post_domain.is_conditional(err):
            raise not_found("post or comment") from err
        raise
    return to_json(comment)


def create_on_post(viewer: Viewer, post_id: str, data: dict, clock: Clock,
                   new_id: IdMaker) -> dict:
    post = post_domain.load(viewer, post_id)
    if not access.may_comment(viewer, post):
        raise forbidden("Only the group's members can comment here.")
    return _create(viewer, f"post:{post.id}", post, data, clock, new_id)


def create_on_page(viewer: Viewer, path, data: dict, clock: Clock, new_id: IdMaker) -> dict:
    return _create(viewer, page_thread(path), None, data, clock, new_id)


def _visible(viewer: Viewer, comment_id: str) -> Comment:
    """The comment, if it is not deleted and its post (if any) is still readable."""
    comment = _get(comment_id)
    if comment.deleted:
        raise not_found("comment")
    if comment.post_id:
        post_domain.load(viewer, comment.post_id)
    return comment


def edit(viewer: Viewer, comment_id: str, data: dict, clock: Clock) -> dict:
    comment = _visible(viewer, comment_id)
    if not access.may_edit(viewer, comment.author_id):
        raise forbidden("Only the author can edit a comment.")
    body = _body(data)
    try:
        comment.update(actions=[Comment.body.set(body), Comment.edited.set(iso(clock())),
                                Comment.mentions.set(mentions.resolve(body, viewer.email))],
                       condition=Comment.pk.exists() & (Comment.author_id == viewer.id))
    except UpdateError as err:
        if post_domain.is_conditional(err):
            raise not_found("comment") from err
        raise
    return to_json(comment)


def delete(viewer: Viewer, comment_id: str) -> dict:
    comment = _visible(viewer, comment_id)
    if not access.may_delete(viewer, comment.author_id):
        raise forbidden("Only the author or an admin can delete a comment.")
    try:
        with transaction() as tx:
            if comment.replies:
                tx.update(comment, actions=[Comment.deleted.set(True), Comment.body.set("")],
                          condition=Comment.deleted == False)  # noqa: E712
            else:
                tx.delete(comment, condition=Comment.pk.exists())
            if comment.post_id:
                tx.update(Post(*Post.key(comment.post_id)), actions=[Post.comments.add(-1)],
                          condition=Post.pk.exists())
    except TransactWriteError as err:
        if post_domain.is_conditional(err):
            raise not_found("comment") from err
        raise
    return {"id": comment_id, "deleted": True}
