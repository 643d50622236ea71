"""A profile page's data: who the person is, and what of theirs the viewer may see."""

from ..errors import invalid, not_found
from ..ids import is_id
from . import people, stream

RECENT_POSTS = 5


def profile(viewer, person_id: str) -> dict:
    """The profile and its recent posts: GetItem, then the per-author stream, which leaves out
    posts in groups the viewer may not read (`access.may_read`)."""
    if person_id == viewer.id:
        person = viewer.person
    elif not is_id(person_id):
        raise invalid("id", "Not a person id.")
    else:
        person = people.get(person_id)
    if person is None:
        raise not_found("person")
    recent = stream.page(viewer, {"author": person.id}, limit=RECENT_POSTS)
    # Groups are not on main yet (issue 4): until then a profile lists none.
    return {**people.public(person), "can_edit": people.may_edit(viewer, person.id),
            "groups": [], "posts": recent["items"]}
