"""THE one place that answers who may read and write what.

Every domain function asks here; nothing else reasons about groups or roles. Groups do not
exist yet: a post that names a group is refused as "no such group", and the groups issue
fills in the rules below (membership, managers, private groups).
"""

from ..errors import ApiError
from ..guard import Viewer
from ..models.posts import HOME_FEED, Post

# A home stream merges at most this many feed partitions, so a page costs a bounded number
# of Queries however many groups a viewer joins; groups beyond it are read on their own page.
MAX_HOME_PARTITIONS = 4


def no_such_group() -> ApiError:
    return ApiError(404, "not_found", "No such group.", "group")


def post_partition(viewer: Viewer, group_id: str | None) -> str:
    """The feed partition a new post by `viewer` in `group_id` goes to, if they may post."""
    if group_id is None:
        return HOME_FEED
    raise no_such_group()


def group_partition(viewer: Viewer, group_id: str) -> str:
    """The partition behind `?group=`, if the viewer may read that group."""
    raise no_such_group()


def home_partitions(viewer: Viewer) -> list[str]:
    """The feed partitions whose merge is this viewer's home stream, newest first."""
    return [HOME_FEED]


def may_read(viewer: Viewer, post: Post) -> bool:
    return post.group_id is None or post.partition in home_partitions(viewer)


def may_edit(viewer: Viewer, author_id: str) -> bool:
    return viewer.id == author_id


def may_delete(viewer: Viewer, author_id: str, group_id: str | None = None) -> bool:
    return viewer.id == author_id or viewer.is_admin


def may_mark_answer(viewer: Viewer, post: Post) -> bool:
    """The asker, or (once groups exist) a manager of the question's group."""
    return viewer.id == post.author_id

