"""Which feed partitions a viewer writes to and reads: the home feed and the feeds of their
groups. Whether they may is asked of `permissions.may`, through `standing`, which reads the
group and the viewer's membership item: two GetItems, however large the group.
"""

from ..errors import ApiError
from ..models.posts import HOME_FEED, group_feed
from . import standing
from .standing import Standing
from .viewer import Viewer

# A home stream merges at most this many feed partitions (FEED and the viewer's most recently
# active groups), so a page costs a bounded number of Queries however many groups a viewer
# joins; quieter groups beyond it are read on their own page.
MAX_HOME_PARTITIONS = 10


def no_such_group() -> ApiError:
    return ApiError(404, "not_found", "No such group.", "group")


def post_partition(viewer: Viewer, group_id: str | None) -> tuple[str, Standing | None]:
    """The feed partition a new post by `viewer` in `group_id` goes to, if they may post, and
    their standing in the group."""
    if group_id is None:
        return HOME_FEED, None
    st = _group(standing.postable, viewer, group_id)
    return group_feed(st.group.id), st


def group_partition(viewer: Viewer, group_id: str) -> tuple[str, Standing]:
    """The partition behind `?group=`, if the viewer may read that group, and their standing."""
    st = _group(standing.readable, viewer, group_id)
    return group_feed(st.group.id), st


def _group(check, viewer: Viewer, group_id: str) -> Standing:
    if not isinstance(group_id, str):
        raise no_such_group()
    try:
        return check(viewer, group_id)
    except ApiError as err:
        if err.status in (400, 404):
            raise no_such_group() from None
        raise


def home_partitions(viewer: Viewer) -> tuple[list[str], dict[str, Standing]]:
    """The home feed, then the feeds of the viewer's most recently active groups (a secret
    group's feed is only ever read by its members), with the viewer's standing in each group.
    One Query and one BatchGet for the groups."""
    found = standing.member_standings(viewer, MAX_HOME_PARTITIONS - 1)
    return ([HOME_FEED] + [group_feed(st.group.id) for st in found],
            {st.group.id: st for st in found})
