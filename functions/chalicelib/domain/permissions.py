"""THE one place that answers who may do what: `may(viewer, action, resource)`, after
Datasette's `permission_allowed(actor, action, resource)`, and `require(...)` for the 403.

Roles are employee, content_manager and admin (`models/people.py: ROLES`; where they come from
is `roles.py`). Inside a group a member is a member or a manager (`standing.Standing`).

A resource is one of:
- a `Standing` (the viewer's relation to one group): see, read, post, manage, join, ask,
  delete, archive, moderate;
- a `Post`: read, comment, edit, delete, answer, moderate. A post in a group needs the
  viewer's standing there, passed as `group` (None: they have none), which the caller has
  read already (`standing.visible`, or one BatchGet for a page of posts): no rule reads;
- a `Comment`: edit, delete, moderate (with the standing in its post's group, if any);
- a `Person` (a profile): edit;
- an area by name: "usage" (read_all), "groups" (see_secret).

Anything not listed is refused. The API hands the browser the answers as `may` flags (groups,
posts, comments), so the browser never re-derives a rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import forbidden
from ..models import Comment, Group, Membership, Person, Post
from .viewer import Viewer

# Whose contributions count as the organisation's own ("staff") rather than organic activity,
# and who sees the usage of every group (group managers see their own groups').
STAFF_ROLES = frozenset({"admin", "content_manager"})
# Who moderates everything: the organisation's queue and every group's (a group's managers
# moderate that group's items).
ORG_MODERATORS = STAFF_ROLES
# The flags the API returns on every post and comment.
FLAGS = ("edit", "delete", "answer", "moderate")


@dataclass(frozen=True)
class Standing:
    """A viewer's relation to one group, as `standing.py` reads it."""

    viewer: Viewer
    group: Group
    membership: Membership | None

    @property
    def state(self) -> str | None:
        return self.membership.state if self.membership else None

    @property
    def is_member(self) -> bool:
        return self.state == "member"

    @property
    def is_manager(self) -> bool:
        return self.is_member and self.membership.role == "manager"

    @property
    def is_active(self) -> bool:
        return self.group.status == "active"

    def may(self, action: str) -> bool:
        return may(self.viewer, action, self)


def _group_rules(viewer: Viewer, action: str, st: Standing) -> bool:
    admin = viewer.is_admin
    if action == "see":  # name, description and count; secret groups to their own people
        return st.group.status != "deleted" and (
            st.group.visibility != "secret" or admin or st.state in ("member", "invited"))
    if action == "read":  # posts, comments and the member list
        return _group_rules(viewer, "see", st) and (
            st.group.visibility == "open" or st.is_member or admin)
    if action == "post":  # and comment: members (admins manage every group), while active
        return _group_rules(viewer, "read", st) and st.is_active and (st.is_member or admin)
    if action == "manage":  # invite, approve, remove, promote, edit: managers while active
        return _group_rules(viewer, "see", st) and (admin or (st.is_manager and st.is_active))
    if action == "join":  # at once, without asking: invitees, open groups, admins; into a
        # secret group only by invitation, admins too (they may read it, not enter unasked)
        return (st.state == "invited" or st.group.visibility == "open"
                or (admin and st.group.visibility != "secret"))
    if action == "ask":  # to be let in by its managers: a closed group, to whoever sees it
        return st.group.visibility == "closed" and _group_rules(viewer, "see", st)
    if action == "delete":  # and the person who started it, while they manage it; official
        # groups come from the site's content, so only admins delete those
        started_it = (not st.group.official and st.group.created_by == viewer.id
                      and st.is_manager)
        return _group_rules(viewer, "see", st) and (admin or started_it)
    if action == "archive":
        return admin
    if action == "moderate":  # the group's queue, hide, restore, pin: its managers, org staff
        return moderates_org(viewer) or _group_rules(viewer, "manage", st)
    return False


def moderates_org(viewer: Viewer) -> bool:
    """Content managers and admins moderate everything (`docs/community.md`)."""
    return viewer.role in ORG_MODERATORS


def _post_rules(viewer: Viewer, action: str, post: Post,
               group: Standing | None) -> bool:
    mine = viewer.id == post.author_id
    in_group = post.group_id is not None
    manages = in_group and group is not None and _group_rules(viewer, "manage", group)
    moderates = moderates_org(viewer) or manages
    if action == "read":
        # A hidden post stays readable to its author (who sees why) and its moderators.
        if post.hidden is not None and not (mine or moderates):
            return False
        return not in_group or (group is not None and _group_rules(viewer, "read", group))
    if action == "comment":  # anyone who may read it outside groups; in a group, its posters
        return not in_group or (group is not None and _group_rules(viewer, "post", group))
    if action == "edit":
        return mine
    if action == "delete":  # someone else's post: that is moderation (audited)
        return mine or moderates
    if action == "answer":  # mark a comment as a question's answer: the asker, its managers
        return post.kind == "question" and (mine or manages)
    if action == "moderate":  # report handling: hide, restore, remove what others wrote
        return moderates
    return False


def _comment_rules(viewer: Viewer, action: str, comment: Comment,
                   group: Standing | None) -> bool:
    if comment.deleted:
        return False
    mine = viewer.id == comment.author_id
    moderates = moderates_org(viewer) or (
        group is not None and _group_rules(viewer, "manage", group))
    if action == "edit":
        return mine
    if action == "delete":
        return mine or moderates
    if action == "moderate":
        return moderates
    return False


_AREAS = {
    ("usage", "read_all"): lambda viewer: viewer.role in STAFF_ROLES,
    ("groups", "see_secret"): lambda viewer: viewer.is_admin,
    ("moderation", "moderate_org"): moderates_org,
}


def may(viewer: Viewer, action: str, resource,
        group: Standing | None = None) -> bool:
    """`group`, for a post: the viewer's standing in its group (None: none, or no group)."""
    if isinstance(resource, Standing):
        return _group_rules(viewer, action, resource)
    if isinstance(resource, Post):
        return _post_rules(viewer, action, resource, group)
    if isinstance(resource, Comment):
        return _comment_rules(viewer, action, resource, group)
    if isinstance(resource, Person):
        return action == "edit" and (viewer.id == resource.id or viewer.is_admin)
    if isinstance(resource, str):
        rule = _AREAS.get((resource, action))
        return bool(rule and rule(viewer))
    return False


def require(viewer: Viewer, action: str, resource, reason: str = "You may not do that.",
            group: Standing | None = None) -> None:
    if not may(viewer, action, resource, group):
        raise forbidden(reason)


def flags(viewer: Viewer, resource, group: Standing | None = None,
          answerable: bool = False) -> dict[str, bool]:
    """The `may` object of a post, or of a comment (`answerable`: the viewer may mark answers
    on the comment's question)."""
    if isinstance(resource, Comment):
        return {"edit": may(viewer, "edit", resource),
                "delete": may(viewer, "delete", resource, group),
                "answer": answerable and not resource.deleted,
                "moderate": may(viewer, "moderate", resource, group)}
    return {action: may(viewer, action, resource, group) for action in FLAGS}


def is_staff(role: str) -> bool:
    """`role` is an organisation role, or "manager" for a manager of the group the
    contribution is in (whose work there is the organisation's too)."""
    return role in STAFF_ROLES or role == "manager"
