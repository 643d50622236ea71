"""Reading a viewer's standing in a group (`permissions.Standing`: the facts the group rules
decide on), and the 404 / 403 / 409 each kind of group request answers with.

One GetItem for the group and one for the viewer's membership item, whatever the group's size.
Secret groups answer 404 to anyone who may not see them, never 403, so their existence leaks
nowhere.
"""

import re

from ..errors import ApiError, forbidden, invalid, not_found
from ..models import Group, Membership
from .permissions import Standing
from .viewer import Viewer

_GROUP_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{0,79}$")
# Memberships a home stream considers: one Query page, and exactly one BatchGet (100 keys).
MEMBERSHIPS_READ = 100


def check_id(group_id: str) -> str:
    if not isinstance(group_id, str) or not _GROUP_ID.match(group_id):
        raise invalid("id", "Not a group id.")
    return group_id


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
    if not standing.may("see"):
        raise not_found("group")
    return standing


def visible(viewer: Viewer, group_id: str) -> Standing | None:
    """The viewer's standing in a group they may see; None otherwise."""
    try:
        return load(viewer, group_id)
    except ApiError:
        return None


def readable(viewer: Viewer, group_id: str) -> Standing:
    standing = load(viewer, group_id)
    if not standing.may("read"):
        raise forbidden("Only members can read this group.")
    return standing


def postable(viewer: Viewer, group_id: str) -> Standing:
    standing = readable(viewer, group_id)
    if not standing.is_active:
        raise ApiError(409, "archived", "This group is archived and read-only.")
    if not standing.may("post"):
        raise forbidden("Only members can post in this group.")
    return standing


def managed(viewer: Viewer, group_id: str) -> Standing:
    standing = load(viewer, group_id)
    if not standing.may("manage"):
        if not standing.is_active and standing.is_manager:
            raise ApiError(409, "archived", "This group is archived and read-only.")
        raise forbidden("Only the group's managers can do that.")
    return standing


def member_standings(viewer: Viewer, limit: int) -> list[Standing]:
    """The viewer's standing in the `limit` most recently active groups they belong to, for
    the home stream (which reads their feeds and shows what the viewer may do with each post).

    One Query of the viewer's membership partition (at most MEMBERSHIPS_READ) and one BatchGet
    of those groups, so that the busiest groups are read, not the first few by id, and a
    deleted group (whose membership items stay behind) never feeds anyone's home.
    """
    if limit <= 0:
        return []
    links = {m.group_id: m for m in Membership.mine.query(
        Membership.person_partition("member", viewer.id), limit=MEMBERSHIPS_READ,
        page_size=MEMBERSHIPS_READ)}
    if not links:
        return []
    groups = [g for g in Group.batch_get(
        [Group.key(g) for g in links],
        attributes_to_get=["pk", "sk", "id", "name", "status", "visibility",
                           "last_post"])
        if g.status != "deleted"]
    # ULIDs sort by time; a group without posts (or from before last_post) sorts last.
    groups.sort(key=lambda g: (g.last_post or "", g.id), reverse=True)
    return [Standing(viewer, g, links[g.id]) for g in groups[:limit]]


READABLE_BATCH = 50  # a group and the viewer's membership each: one BatchGet's 100 keys


def standings_in(viewer: Viewer, group_ids) -> dict[str, Standing]:
    """The viewer's standing in each of these groups, for pages that show posts of several
    groups at once (at most 50): one BatchGet of the groups and the viewer's memberships."""
    ids = sorted({g for g in group_ids if isinstance(g, str) and _GROUP_ID.match(g)})
    ids = ids[:READABLE_BATCH]
    if not ids:
        return {}
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
    # is counts as unknown, which only hides a count or a post.
    return {g: Standing(viewer, group, mine.get(g)) for g, group in groups.items()}


def readable_names(viewer: Viewer, group_ids) -> dict[str, str]:
    """The names of those of these groups (at most 50) the viewer may read, by id: the
    dashboard's lists follow the same read rule as the rest of the API."""
    return {g: st.group.name for g, st in standings_in(viewer, group_ids).items()
            if st.may("read")}
