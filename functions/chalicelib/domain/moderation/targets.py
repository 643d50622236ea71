"""What a report or a moderation action points at: a post or a comment, loaded as the viewer
may see it (an unreadable or hidden item is a 404, as everywhere)."""

from dataclasses import dataclass

from ...errors import ApiError, invalid, not_found
from ...ids import is_id
from ...models import Comment, Post
from .. import posts
from ..viewer import Viewer
from .rules import may_see_hidden

KINDS = ("post", "comment")
EXCERPT_CHARS = 200


@dataclass(frozen=True)
class Target:
    kind: str
    item: Post | Comment
    post: Post | None  # the post itself, or a comment's post (none for page comments)

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def group_id(self) -> str | None:
        return self.post.group_id if self.post is not None else None

    @property
    def author_id(self) -> str:
        return self.item.author_id

    @property
    def excerpt(self) -> str:
        return (self.item.body or "")[:EXCERPT_CHARS]


def kind_of(kind) -> str:
    if kind not in KINDS:
        raise not_found("kind")
    return kind


def load(viewer: Viewer, kind: str, target_id) -> Target:
    """The post or comment. Hidden ones load for their author and moderators only
    (`posts.load` and `rules.may_see_hidden` decide)."""
    if kind_of(kind) == "post":
        post = posts.load(viewer, target_id if isinstance(target_id, str) else "")
        return Target("post", post, post)
    if not isinstance(target_id, str) or not is_id(target_id):
        raise not_found("comment")
    try:
        comment = Comment.get(*Comment.key(target_id))
    except Comment.DoesNotExist:
        raise not_found("comment") from None
    if comment.deleted:
        raise not_found("comment")
    try:
        post = posts.load(viewer, comment.post_id) if comment.post_id else None
    except ApiError as err:
        # A comment under a post the viewer may not read is a comment that does not exist:
        # the same 404, so its id tells an outsider nothing (docs/hardening.md).
        if err.status == 404:
            raise not_found("comment") from None
        raise
    target = Target("comment", comment, post)
    if comment.hidden is not None and not may_see_hidden(viewer, comment.author_id,
                                                         target.group_id):
        raise not_found("comment")
    return target


def from_body(viewer: Viewer, data: dict) -> Target:
    """`{"post": id}` or `{"comment": id}`, exactly one of them."""
    given = [k for k in KINDS if data.get(k) is not None]
    if len(given) != 1:
        raise invalid("post", "Name one post or one comment.")
    return load(viewer, given[0], data[given[0]])
