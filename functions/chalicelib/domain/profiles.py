"""A profile page's data: who the person is, and what of theirs the viewer may see."""

from ..errors import invalid, not_found
from ..ids import is_id
from ..models import Group, Membership
from . import people, stream
from .moderation import rules
from .permissions import may

RECENT_POSTS = 5
# Groups a profile lists: one Query page and one BatchGet, however many groups someone joins.
PROFILE_GROUPS = 50


def profile(viewer, person_id: str) -> dict:
    """The profile, its groups and its recent posts: GetItem, the person's memberships, then
    the per-author stream, which leaves out posts in groups the viewer may not read
    (`permissions.may`)."""
    if person_id == viewer.id:
        person = viewer.person
    elif not is_id(person_id):
        raise invalid("id", "Not a person id.")
    else:
        person = people.get(person_id)
    if person is None:
        raise not_found("person")
    recent = stream.page(viewer, {"author": person.id}, limit=RECENT_POSTS)
    return {**people.public(person), "can_edit": may(viewer, "edit", person),
            "can_mark_ambassador": rules.may_mark_ambassador(viewer),
            "groups": groups_of(viewer, person.id), "posts": recent["items"]}


def groups_of(viewer, person_id: str) -> list[dict]:
    """The groups `person_id` is a member of, as far as the viewer may know: open and closed
    groups by name, a secret group only to its own members and admins (so its existence
    leaks nowhere), deleted groups to no one. A Query of the person's memberships, a BatchGet
    of the groups, and, only when secret groups are among them, a BatchGet of the viewer's
    own memberships of those."""
    links = {m.group_id: m for m in Membership.mine.query(
        Membership.person_partition("member", person_id), limit=PROFILE_GROUPS,
        page_size=PROFILE_GROUPS)}
    if not links:
        return []
    groups = [g for g in Group.batch_get([Group.key(i) for i in links]) if g.status != "deleted"]
    secret = [g.id for g in groups if g.visibility == "secret"]
    if secret and not may(viewer, "see_secret", "groups") and viewer.id != person_id:
        keys = [Membership.key(group_id, viewer.id) for group_id in secret]
        shared = {m.group_id for m in Membership.batch_get(keys) if m.state == "member"}
        groups = [g for g in groups if g.visibility != "secret" or g.id in shared]
    groups.sort(key=lambda g: (g.name.casefold(), g.id))
    return [{"id": g.id, "name": g.name, "visibility": g.visibility,
             "official": bool(g.official), "status": g.status, "role": links[g.id].role}
            for g in groups]
