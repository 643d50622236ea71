"""A profile page's data: who the person is, and what of theirs the viewer may see."""

from ..errors import invalid, not_found
from ..ids import is_id
from ..models import Post
from . import people, posts

RECENT_POSTS = 5


def _recent_posts(person_id: str) -> list[dict]:
    # Every post is visible to every employee until groups land; then this honours
    # group visibility through the posts domain (see ARCHITECTURE.md, People).
    page = Post.by_author.query(f"AUTHOR#{person_id}", scan_index_forward=False,
                                limit=RECENT_POSTS)
    return [posts.to_json(p) for p in page]


def profile(viewer, person_id: str) -> dict:
    """The profile, its recent posts and groups: a GetItem and a Query."""
    if person_id == viewer.id:
        person = viewer.person
    elif not is_id(person_id):
        raise invalid("id", "Not a person id.")
    else:
        person = people.get(person_id)
    if person is None:
        raise not_found("person")
    return {**people.public(person), "can_edit": people.may_edit(viewer, person.id),
            "groups": [], "posts": _recent_posts(person.id)}
