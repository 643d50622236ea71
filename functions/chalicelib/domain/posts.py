"""Posts: write, read one, edit, delete. Streams are in stream.py, answers in questions.py."""

from ..clock import Clock, iso
from ..errors import conflict, invalid, not_found
from ..ids import IdMaker, is_id
from ..models import Group, OpenQuestion, Post, Reaction, ReadMark
from ..models.posts import Photo
from ..models.transactions import Conflict, conditional, transaction
from . import access, bylines, cursors, mentions, photos, standing
from .contributions import actor_role, contribution
from .moderation import announce, rules
from .open_questions import question_asked, question_settled
from .permissions import flags, may, require
from .reaction_kinds import counts as reaction_counts
from .reaction_kinds import marker_keys, mine_in
from .render import markdown_to_html
from .standing import Standing
from .validation import text
from .viewer import Viewer

MAX_BODY_CHARS = 5000
PAGE_SIZE = 20
KINDS = ("update", "question")


def body_of(data: dict) -> str:
    return text(data.get("body"), "body", MAX_BODY_CHARS, as_typed=True)


def plain(mapping) -> dict:
    """A stored MapAttribute (or a fresh dict) as a plain dict."""
    if mapping is None:
        return {}
    return mapping.as_dict() if hasattr(mapping, "as_dict") else dict(mapping)


def to_json(post: Post, may: dict[str, bool], mine: str | None = None,
            viewer: Viewer | None = None, read: bool = False) -> dict:
    """`may`: `permissions.flags` of the post for the viewer. `mine`: the viewer's reaction
    kind. `viewer` decides whether the read-confirmation counts are shown (the author and
    content managers); `read` is whether the viewer confirmed a must-read post."""
    counts = (post.must_read and viewer is not None
              and rules.may_see_confirmations(viewer, post.author_id))
    return {
        "hidden": plain(post.hidden) or None,
        "must_read": bool(post.must_read),
        "read": read,
        "confirmed": int(post.confirmed or 0) if counts else None,
        "audience": int(post.audience or 0) if counts else None,
        "pinned": post.pinned_until,
        "id": post.id,
        "author": {"id": post.author_id, "name": post.author_name,
                   "ambassador": bool(post.author_ambassador)},
        "body": post.body,
        "html": markdown_to_html(post.body, plain(post.mentions)),
        "kind": post.kind,
        "group": post.group_id,
        "photos": [photos.to_json(p) for p in post.photos or []],
        "reactions": reaction_counts(post),
        "mine": mine,
        # From when "like" was the only kind; kept for readers of the older shape.
        "likes": int(post.likes or 0),
        "liked": mine == "like",
        "comments": int(post.comments or 0),
        "answer": post.answer,
        "answered": post.kind == "question" and post.answer is not None,
        "created": post.created,
        "edited": post.edited,
        "may": may,
    }


def find(viewer: Viewer, post_id: str, consistent: bool = False) -> tuple[Post, Standing | None]:
    """The post, if it exists and the viewer may read it, and the viewer's standing in its
    group (None outside groups); 404 otherwise (never 403, so a private group's posts do not
    reveal that they exist)."""
    if not is_id(post_id):
        raise not_found("post")
    try:
        post = Post.get(*Post.key(post_id), consistent_read=consistent)
    except Post.DoesNotExist:
        raise not_found("post") from None
    group = standing.visible(viewer, post.group_id) if post.group_id else None
    if not may(viewer, "read", post, group):
        raise not_found("post")
    return post, group


def load(viewer: Viewer, post_id: str, consistent: bool = False) -> Post:
    return find(viewer, post_id, consistent)[0]


def is_conditional(err: Exception) -> bool:
    """A cancelled transaction whose condition failed, or a single write's failed condition."""
    if isinstance(err, Conflict):
        return bool(err.failed)
    return getattr(err, "cause_response_code", None) == "ConditionalCheckFailedException"


def create(viewer: Viewer, data: dict, clock: Clock, new_id: IdMaker) -> dict:
    body = body_of(data)
    kind = data.get("kind", "update")
    if kind not in KINDS:
        raise invalid("kind", f"Kind must be one of {', '.join(KINDS)}.")
    group_id = data.get("group")
    if group_id is not None and not isinstance(group_id, str):
        raise invalid("group", "Group must be a group id.")
    partition, group = access.post_partition(viewer, group_id)
    must_read, audience = announce.must_read_of(viewer, data, group_id)
    wanted = photos.photos_for_post(viewer, data)
    stored = [Photo(alt=p["alt"], id=p["id"], **photos.process(viewer, p["id"])) for p in wanted]
    now = clock()
    post_id = new_id(now)
    post = Post(
        *Post.key(post_id), gsi1pk=partition, gsi1sk=post_id, gsi2pk=f"AUTHOR#{viewer.id}",
        gsi2sk=post_id, id=post_id, author_id=viewer.id, author_name=viewer.name, body=body,
        author_ambassador=viewer.is_ambassador,
        kind=kind, group_id=group_id, photos=stored, mentions=mentions.resolve(body, viewer.email),
        created=iso(now), must_read=must_read, audience=audience,
    )
    # A retried create with the same id must neither overwrite nor count again.
    try:
        with transaction() as tx:
            tx.save(post, condition=Post.pk.does_not_exist(), name="post")
            if kind == "question":
                tx.save(OpenQuestion(*OpenQuestion.key(partition, post_id)))
                question_asked(post_id, group_id, tx)
            if group_id is not None:
                # The group's latest post: a home stream reads its viewer's busiest groups.
                tx.update(Group(*Group.key(group_id)), actions=[Group.last_post.set(post_id)],
                          condition=Group.pk.exists(), name="group")
            contribution(tx, "post", group_id, actor_role(viewer), now)
    except Conflict as err:
        if "post" in err.failed:
            raise conflict("A post with this id already exists.") from err
        if "group" in err.failed:
            raise access.no_such_group() from err  # deleted between the check and the write
        raise
    return to_json(post, flags(viewer, post, group), viewer=viewer)


def get(viewer: Viewer, post_id: str) -> dict:
    post, group = find(viewer, post_id)
    # The viewer's reaction (either key shape) and read confirmation: one BatchGet, as both
    # live in the post's partition.
    keys = marker_keys(post.id, viewer.id) + (
        [ReadMark.key(post.id, viewer.id)] if post.must_read else [])
    found = list(Reaction.batch_get(keys))
    mine = mine_in(found, viewer.id).get(post.id)
    read = any(item.sk.startswith("READ#") for item in found)
    # A notification's link shows one post: with its byline, like on the stream.
    return bylines.decorate([to_json(post, flags(viewer, post, group), mine, viewer, read)])[0]


def edit(viewer: Viewer, post_id: str, data: dict, clock: Clock) -> dict:
    post, group = find(viewer, post_id)
    require(viewer, "edit", post, "Only the author can edit a post.", group)
    body = body_of(data)
    if not conditional(lambda: post.update(
            actions=[Post.body.set(body), Post.edited.set(iso(clock())),
                     Post.mentions.set(mentions.resolve(body, viewer.email))],
            condition=Post.pk.exists() & (Post.author_id == viewer.id))):
        raise not_found("post")
    return to_json(post, flags(viewer, post, group), viewer=viewer)


def delete(viewer: Viewer, post_id: str, clock: Clock, new_id: IdMaker) -> dict:
    """Removes the post (and its open-question marker) in one transaction, then its photos'
    files. Its comments and reactions stay as unreachable items: every path to them goes
    through the post. Deleting someone else's post is moderation: its reports close and the
    audit log records it, in the same transaction."""
    # Imported here: both modules load posts through this one.
    from .moderation import actions, targets

    post, group = find(viewer, post_id)
    require(viewer, "delete", post, "Only the author or an admin can delete a post.", group)
    try:
        with transaction() as tx:
            tx.delete(post, condition=Post.pk.exists(), name="post")
            actions.on_delete(tx, viewer, targets.Target("post", post, post), clock, new_id)
            if post.kind == "question":
                tx.delete(OpenQuestion(*OpenQuestion.key(post.partition, post.id)))
                question_settled(post.id, tx)
    except Conflict as err:
        if "post" in err.failed:
            raise not_found("post") from err
        raise
    # Only the post showed them: a deleted photo must not stay reachable by its URL.
    photos.discard(*(photo.id for photo in post.photos or []))
    return {"id": post_id, "deleted": True}


def encode_cursor(item_id: str) -> str:
    return cursors.encode(item_id)


def decode_cursor(cursor: str) -> str:
    """A post or comment id: their partitions are ordered by id."""
    return cursors.decode(cursor, is_id)

