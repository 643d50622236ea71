"""Comments on posts and on static pages, with one level of replies.

A thread key is `post:<post id>` or `page:<path>`. A post's comment count changes in the same
transaction as the comment, so it stays exact. A comment with replies is blanked rather than
removed, so its replies keep their place.
"""

from ..clock import Clock, iso
from ..errors import ApiError, invalid, not_found
from ..ids import IdMaker, is_id
from ..models import Comment, Post
from ..models.transactions import Conflict, conditional, transaction
from . import bylines, mentions, reactions, standing
from . import posts as post_domain
from .contributions import actor_role, contribution
from .moderation import actions
from .moderation import targets as moderation_targets
from .permissions import flags, may, require
from .render import markdown_to_html
from .site_pages import SitePages, is_page, well_formed
from .standing import Standing
from .validation import text
from .viewer import Viewer

MAX_BODY_CHARS = 3000
THREAD_PAGE = 100


def page_thread(path, pages: SitePages | None = None) -> str:
    """`page:<path>` for a page the site was built with, like /nieuws/slug.html; anything else
    is a 400."""
    if not well_formed(path) or not is_page(path, pages):
        raise invalid("path", "Path must be a page of this site, like /nieuws/slug.html.")
    return f"page:{path}"


def to_json(comment: Comment, may: dict[str, bool], shown_hidden: bool = True) -> dict:
    """`may`: `permissions.flags` of the comment for the viewer. `shown_hidden`: whether this
    reader may see the comment if a moderator hid it. To others a hidden comment is blanked
    like a deleted one, so its replies keep their place."""
    hidden = comment.hidden is not None
    gone = bool(comment.deleted) or (hidden and not shown_hidden)
    return {
        "hidden": (post_domain.plain(comment.hidden) if shown_hidden else True) if hidden
        else None,
        "id": comment.id, "thread": comment.thread, "post": comment.post_id,
        "parent": comment.parent,
        "author": None if gone else {"id": comment.author_id, "name": comment.author_name},
        "body": "" if gone else comment.body,
        "html": "" if gone else markdown_to_html(comment.body, post_domain.plain(
            comment.mentions)),
        "deleted": gone, "replies": int(comment.replies or 0),
        "created": comment.created, "edited": comment.edited, "may": may,
    }


def _body(data: dict) -> str:
    return text(data.get("body"), "body", MAX_BODY_CHARS, as_typed=True)


def _thread(viewer: Viewer, thread: str, cursor: str | None, answerable: bool = False,
            group: Standing | None = None) -> dict:
    after = post_domain.decode_cursor(cursor) if cursor else None
    condition = Comment.gsi1sk > after if after else None
    found = list(Comment.in_thread.query(Comment.thread_partition(thread), condition,
                                         limit=THREAD_PAGE, page_size=THREAD_PAGE))
    more = len(found) == THREAD_PAGE
    items = []
    for c in found:
        may_do = flags(viewer, c, group, answerable=answerable)
        # Its author and its moderators (`permissions`: no extra call) see a hidden comment.
        items.append(to_json(c, may_do, may_do["moderate"] or c.author_id == viewer.id))
    return {"items": bylines.decorate(items),
            "next": post_domain.encode_cursor(found[-1].id) if more else None}


def list_for_post(viewer: Viewer, post_id: str, cursor: str | None) -> dict:
    post, group = post_domain.find(viewer, post_id)
    return _thread(viewer, f"post:{post_id}", cursor, may(viewer, "answer", post, group), group)


def list_for_page(viewer: Viewer, path, cursor: str | None,
                  pages: SitePages | None = None) -> dict:
    """The first page also carries the page's reaction counts and the viewer's own kind
    (`reactions`, `mine`), so an article's comments and reactions are one request."""
    thread = _thread(viewer, page_thread(path, pages), cursor)
    return thread if cursor else {**thread, **reactions.on_page(viewer, path)}


def _get(comment_id: str) -> Comment:
    if not is_id(comment_id):
        raise not_found("comment")
    try:
        comment = Comment.get(*Comment.key(comment_id))
    except Comment.DoesNotExist:
        raise not_found("comment") from None
    return comment


def _create(viewer: Viewer, thread: str, post: Post | None, data: dict, clock: Clock,
            new_id: IdMaker, answerable: bool = False, group: Standing | None = None) -> dict:
    body = _body(data)
    parent = data.get("parent")
    if parent is not None:
        above = None
        if isinstance(parent, str) and is_id(parent):
            try:
                above = Comment.get(*Comment.key(parent))
            except Comment.DoesNotExist:
                above = None
        if (above is None or above.thread != thread or above.parent or above.deleted
                or above.hidden is not None):
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
                          condition=Comment.pk.exists() & (Comment.deleted == False),  # noqa: E712
                          name="parent")
            contribution(tx, "comment", post.group_id if post else None, actor_role(viewer), now)
    except Conflict as err:
        if err.failed:
            raise not_found("post or comment") from err
        raise
    return to_json(comment, flags(viewer, comment, group, answerable=answerable))


def create_on_post(viewer: Viewer, post_id: str, data: dict, clock: Clock,
                   new_id: IdMaker) -> dict:
    post, group = post_domain.find(viewer, post_id)
    require(viewer, "comment", post, "Only the group's members can comment here.", group)
    return _create(viewer, f"post:{post.id}", post, data, clock, new_id,
                   may(viewer, "answer", post, group), group)


def create_on_page(viewer: Viewer, path, data: dict, clock: Clock, new_id: IdMaker,
                   pages: SitePages | None = None) -> dict:
    return _create(viewer, page_thread(path, pages), None, data, clock, new_id)


def _visible(viewer: Viewer, comment_id: str) -> tuple[Comment, bool]:
    """The comment, if it is not deleted and its post (if any) is still readable, and whether
    the viewer may mark answers on that post. Every "no" is the same 404 as for a comment that
    never existed, so a comment id does not tell an outsider that a post, or a private group's
    post, is behind it."""
    comment = _get(comment_id)
    if comment.deleted:
        raise not_found("comment")
    if not comment.post_id:
        return comment, False
    try:
        post, group = post_domain.find(viewer, comment.post_id)
    except ApiError as err:
        if err.status == 404:
            raise not_found("comment") from None
        raise
    return comment, may(viewer, "answer", post, group)


def edit(viewer: Viewer, comment_id: str, data: dict, clock: Clock) -> dict:
    comment, answerable = _visible(viewer, comment_id)
    require(viewer, "edit", comment, "Only the author can edit a comment.")
    body = _body(data)
    if not conditional(lambda: comment.update(
            actions=[Comment.body.set(body), Comment.edited.set(iso(clock())),
                     Comment.mentions.set(mentions.resolve(body, viewer.email))],
            condition=Comment.pk.exists() & (Comment.author_id == viewer.id))):
        raise not_found("comment")
    return to_json(comment, flags(viewer, comment, answerable=answerable))


def delete(viewer: Viewer, comment_id: str, clock: Clock, new_id: IdMaker) -> dict:
    """Deleting someone else's comment is moderation: its reports close and the audit log
    records it, in the same transaction."""
    target = moderation_targets.load(viewer, "comment", comment_id)
    comment = target.item
    group = standing.visible(viewer, target.group_id) if target.group_id else None
    require(viewer, "delete", comment, "Only the author or an admin can delete a comment.",
            group)
    try:
        with transaction() as tx:
            actions.on_delete(tx, viewer, target, clock, new_id)
            if comment.replies:
                tx.update(comment, actions=[Comment.deleted.set(True), Comment.body.set("")],
                          condition=Comment.deleted == False)  # noqa: E712
            else:
                tx.delete(comment, condition=Comment.pk.exists())
            if comment.post_id:
                tx.update(Post(*Post.key(comment.post_id)), actions=[Post.comments.add(-1)],
                          condition=Post.pk.exists())
    except Conflict as err:
        if err.failed:
            raise not_found("comment") from err
        raise
    return {"id": comment_id, "deleted": True}
