"""A viewer's standing in a group, and what it allows: the group half of "who may do what".

One GetItem for the group and one for the viewer's membership item, whatever the group's size.
Secret groups answer 404 to anyone who may not see them, never 403, so their existence leaks
nowhere.
"""

import re
from dataclasses import dataclass

from ..errors import ApiError, forbidden, invalid, not_found
from ..models import Group, Membership
from ..models.posts import group_feed
from .viewer import Viewer

_GROUP_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{0,79}$")
# Memberships a home stream considers: one Query page, and exactly one BatchGet (100 keys).
MEMBERSHIPS_READ = 100


def check_id(group_id: str) -> str:
    if not isinstance(group_id, str) or not _GROUP_ID.match(group_id):
        raise invalid("id", "Not a group id.")
    return group_id


@dataclass(frozen=True)
class Standing:
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
    def is_admin(self) -> bool:
        return self.viewer.is_admin

    @property
    def is_active(self) -> bool:
        return self.group.status == "active"

    @property
    def can_see(self) -> bool:
        """Name, description and count. Secret groups: members, invitees and admins only."""
        if self.group.status == "deleted":
            return False
        return (self.group.visibility != "secret" or self.is_admin
                or self.state in ("member", "invited"))

    @property
    def can_read(self) -> bool:
        """Posts, comments and the member list."""
        return self.can_see and (self.group.visibility == "open" or self.is_member
                                 or self.is_admin)

    @property
    def can_post(self) -> bool:
        """Posting and commenting: members (and admins, who manage every group), while active."""
        return self.can_read and self.is_active and (self.is_member or self.is_admin)

    @property
    def can_manage(self) -> bool:
        """Invite, approve, remove, promote and edit: managers while active; admins always."""
        return self.can_see and (self.is_admin or (self.is_manager and self.is_active))

    @property
    def can_delete(self) -> bool:
        """Admins; and the person who started a group, while they manage it. Official groups
        come from the site's content, so only admins delete those."""
        created_it = (not self.group.official and self.group.created_by == self.viewer.id
                      and self.is_manager)
        return self.can_see and (self.is_admin or created_it)

    def relation(self) -> dict | None:
        if not self.membership:
            return None
        return {"state": self.membership.state, "role": self.membership.role}


def find_group(group_id: str) -> Group | None:
    try:
        return Group.get(*Group.key(check_id(group_id)))
    except Group.DoesNotExist:
        return None


def find_membership(group_id: str, person_id: str) -> Membership | None:
    try:
        return Membership.get(*Membership.key(group_id, person_id))
    except Membership.DoesNotExist:
        return None


def load(viewer: Viewer, group_id: str) -> Standing:
    """The viewer's standing; 404 when the group does not exist or is not theirs to see."""
    group = find_group(group_id)
    if group is None:
        raise not_found("group")
    standing = Standing(viewer, group, find_membership(group.id, viewer.id))
    if not standing.can_see:
        raise not_found("group")
    return standing


def readable(viewer: Viewer, group_id: str) -> Standing:
    standing = load(viewer, group_id)
    if not standing.can_read:
        raise forbidden("Only members can read this group.")
    return standing


def postable(viewer: Viewer, group_id: str) -> Standing:
    standing = readable(viewer, group_id)
    if not standing.is_active:
        raise ApiError(409, "archived", "This group is archived and read-only.")
    if not standing.can_post:
        raise forbidden("Only members can post in this group.")
    return standing


def managed(viewer: Viewer, group_id: str) -> Standing:
    standing = load(viewer, group_id)
    if not standing.can_manage:
        if not standing.is_active and standing.is_manager:
            raise ApiError(409, "archived", "This group is archived and read-only.")
        raise forbidden("Only the group's managers can do that.")
    return standing


def member_feeds(viewer: Viewer, limit: int) -> list[str]:
    """Feeds of the `limit` most recently active groups the viewer belongs to."""
    return [group_feed(g["id"]) for g in member_groups(viewer, limit)]


def member_groups(viewer: Viewer, limit: int) -> list[dict]:
    """The `limit` most recently active groups the viewer belongs to (id and name), for the
    home stream's feeds and the home page's "my groups".

    One Query of the viewer's membership partition (at most MEMBERSHIPS_READ) and one BatchGet
    of those groups' `last_post`, so that the busiest groups are read, not the first few by
    id, and a deleted group (whose membership items stay behind) never feeds anyone's home.
    """
    if limit <= 0:
        return []
    links = list(Membership.mine.query(Membership.person_partition("member", viewer.id),
                                       limit=MEMBERSHIPS_READ, page_size=MEMBERSHIPS_READ))
    if not links:
        return []
    groups = [g for g in Group.batch_get([Group.key(m.group_id) for m in links],
                                         attributes_to_get=["id", "name", "status",
                                                            "last_post"])
              if g.status != "deleted"]
    # ULIDs sort by time; a group without posts (or from before last_post) sorts last.
    groups.sort(key=lambda g: (g.last_post or "", g.id), reverse=True)
    return [{"id": g.id, "name": g.name} for g in groups[:limit]]


def may_read_group(viewer: Viewer, group_id: str) -> bool:
    try:
        return load(viewer, group_id).can_read
    except ApiError:
        return False


def may_post_group(viewer: Viewer, group_id: str) -> bool:
    try:
        return load(viewer, group_id).can_post
    except ApiError:
        return False


def manages_group(viewer: Viewer, group_id: str) -> bool:
    try:
        return load(viewer, group_id).can_manage
    except ApiError:
        return False


def readable_groups(viewer: Viewer, group_ids) -> set[str]:
    """Which of these groups the viewer may read: one BatchGet of the groups and the viewer's
    memberships, for pages that show several posts at once (at most 50 groups)."""
    ids = sorted({g for g in group_ids if isinstance(g, str) and _GROUP_ID.match(g)})[:50]
    if not ids:
        return set()
    keys = [{"pk": pk, "sk": sk} for g in ids
            for pk, sk in (Group.key(g), Membership.key(g, viewer.id))]
    reply = Group._get_connection().batch_get_item(keys)
    groups, mine = {}, {}
    for raw in reply.get("Responses", {}).get(Group.Meta.table_name, []):
        if raw["sk"]["S"] == "GROUP":
            group = Group.from_raw_data(raw)
            groups[group.id] = group
        else:
            membership = Membership.from_raw_data(raw)
            mine[membership.group_id] = membership
    # 100 keys at most, far below 16 MB: nothing is left unprocessed in practice; a group that
    # is, counts as unreadable, which only hides a count.
    return {g for g, group in groups.items() if Standing(viewer, group, mine.get(g)).can_read}
