import base64
import binascii

from ..errors import invalid
from ..guard import Viewer
from ..ids import Clock, IdMaker, is_id, iso
from ..models import Post
from .render import markdown_to_html

MAX_BODY_CHARS = 5000
PAGE_SIZE = 20


def _body(data: dict) -> str:
    body = data.get("body")
    if not isinstance(body, str):
        raise invalid("body", "Body must be text.")
    if not body.strip():
        raise invalid("body", "Body is empty.")
    if len(body) > MAX_BODY_CHARS:
        raise invalid("body", f"Body is longer than {MAX_BODY_CHARS} characters.")
    return body


def to_json(post: Post) -> dict:
    return {
        "id": post.id,
        "author": {"id": post.author_id, "name": post.author_name},
        "body": post.body,
        "html": markdown_to_html(post.body),
        "kind": post.kind,
        "created": post.created,
        "edited": post.edited,
    }


def create(viewer: Viewer, data: dict, clock: Clock, new_id: IdMaker) -> dict:
    body = _body(data)
    now = clock()
    post_id = new_id(now)
    pk, sk = Post.key(post_id)
    post = Post(
        pk, sk, gsi1sk=post_id, gsi2pk=f"AUTHOR#{viewer.id}", gsi2sk=post_id,
        id=post_id, author_id=viewer.id, author_name=viewer.name, body=body, created=iso(now),
    )
    # A retried create with the same id must not overwrite: ids are unique per call anyway.
    post.save(condition=Post.pk.does_not_exist())
    return to_json(post)


def encode_cursor(post_id: str) -> str:
    return base64.urlsafe_b64encode(post_id.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        post_id = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        post_id = ""
    if not is_id(post_id):
        raise invalid("cursor", "Unknown cursor.")
    return post_id


def home_stream(viewer: Viewer, cursor: str | None, limit: int = PAGE_SIZE) -> dict:
    """One Query per page, however many posts exist: the cursor is the last post's id."""
    start = None
    if cursor:
        last = decode_cursor(cursor)
        pk, sk = Post.key(last)
        start = {"pk": {"S": pk}, "sk": {"S": sk},
                 "gsi1pk": {"S": "FEED"}, "gsi1sk": {"S": last}}
    page = Post.feed.query("FEED", scan_index_forward=False, limit=limit,
                           last_evaluated_key=start)
    items = [to_json(p) for p in page]
    more = page.last_evaluated_key is not None and len(items) == limit
    return {"items": items, "next": encode_cursor(items[-1]["id"]) if more else None}
