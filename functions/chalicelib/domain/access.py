"""THE one place that answers who may read and write what.

Every domain function asks here about posts. The group half of each answer (membership,
managers, closed and secret groups, archived groups) comes from `standing.py`, which reads the
group and the viewer's membership item: two GetItems, however large the group.
"""

from ..errors import ApiError
from ..models.posts import HOME_FEED, Post, group_feed
from . import standing
from .viewer import Viewer

# A home stream merges at most this many feed partitions (FEED and the viewer's most recently
# active groups), so a page costs a bounded number of Queries however many groups a viewer
# joins; quieter groups beyond it are read on their own page.
MAX_HOME_PARTITIONS = 10


def no_such_group() -> ApiError:
    return ApiError(404, "not_found", "No such group.", "group")


def post_partition(viewer: Viewer, group_id: str | None) -> str:
    """The feed partition a new post by `viewer` in `group_id` goes to, if they may post."""
    if group_id is None:
        return HOME_FEED
    return group_feed(_group(standing.postable, viewer, group_id).id)


def group_partition(viewer: Viewer, group_id: str) -> str:
    """The partition behind `?group=`, if the viewer may read that group."""
    return group_feed(_group(standing.readable, viewer, group_id).id)


def _group(check, viewer: Viewer, group_id: str):
    if not isinstance(group_id, str):
        raise no_such_group()
    try:
        return check(viewer, group_id).group
    except ApiError as err:
        if err.status in (400, 404):
            raise no_such_group() from None
        raise


def home_partitions(viewer: Viewer) -> list[str]:
    """The home feed, then the feeds of the viewer's most recently active groups (a secret
    group's feed is only ever read by its members). One Query and one BatchGet for the groups."""
    return home(viewer)[0]


def home(viewer: Viewer) -> tuple[list[str], list[dict]]:
    """The home stream's partitions, and the groups they come from (id and name): the home
    page lists them as "my groups" at no extra cost."""
    groups = standing.member_groups(viewer, MAX_HOME_PARTITIONS - 1)
    return [HOME_FEED] + [group_feed(g["id"]) for g in groups], groups


def may_read(viewer: Viewer, post: Post) -> bool:
    return post.group_id is None or standing.may_read_group(viewer, post.group_id)


def may_comment(viewer: Viewer, post: Post) -> bool:
    """Anyone who may read a post outside groups; in a group, its members (and admins)."""
    return post.group_id is None or standing.may_post_group(viewer, post.group_id)


def may_edit(viewer: Viewer, author_id: str) -> bool:
    return viewer.id == author_id


def may_delete(viewer: Viewer, author_id: str, group_id: str | None = None) -> bool:
    """The author, an admin, or a manager of the post's group."""
    return (viewer.id == author_id or viewer.is_admin
            or (group_id is not None and standing.manages_group(viewer, group_id)))


def may_mark_answer(viewer: Viewer, post: Post) -> bool:
    """The asker, or a manager of the question's group."""
    return viewer.id == post.author_id or (
        post.group_id is not None and standing.manages_group(viewer, post.group_id))

