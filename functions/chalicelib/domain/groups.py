"""Groups: create, show, edit, archive, delete, and the directory (search, mine, invitations).

The directory is a Query on a listing partition by lower-case name (so search by name is a
key prefix), "my groups" a Query on the person's own membership partition; neither scans.
"""

from pynamodb.exceptions import PutError, UpdateError

from ..clock import Clock, iso
from ..errors import conflict, forbidden, invalid, not_found
from ..ids import IdMaker
from ..models import Group, Membership
from ..models.groups import LISTED, UNLISTED, VISIBILITIES, listing
from ..models.transactions import Conflict, conditional
from . import covers, cursors, memberships, photos
from .contributions import actor_role, contribution
from .permissions import may
from .render import markdown_to_html
from .standing import Standing, load, managed
from .validation import text
from .viewer import Viewer

MAX_NAME = 80
MAX_DESCRIPTION = 2000
PAGE_SIZE = 20
FILTERS = ("all", "mine", "invited", "secret")


def _text(data: dict, field: str, limit: int, required: bool) -> str:
    return text(data.get(field, None if required else ""), field, limit, required)


def _visibility(data: dict) -> str:
    value = data.get("visibility")
    if value not in VISIBILITIES:
        raise invalid("visibility", f"Visibility must be one of {', '.join(VISIBILITIES)}.")
    return value


def to_json(group: Group, standing: Standing | None = None,
            membership: Membership | None = None) -> dict:
    if standing is not None:
        membership = standing.membership
    body = {
        "id": group.id, "name": group.name, "description": group.description,
        "html": markdown_to_html(group.description) if group.description else "",
        "cover": covers.to_json(group), "visibility": group.visibility, "status": group.status,
        "official": bool(group.official), "member_count": int(group.member_count or 0),
        "viewer": ({"state": membership.state, "role": membership.role}
                   if membership else None),
    }
    if standing is not None:
        body["may"] = {action: standing.may(action)
                       for action in ("read", "post", "manage", "delete", "archive",
                                      "join", "ask")}
    return body


def create(viewer: Viewer, data: dict, clock: Clock, new_id: IdMaker,
           group_id: str | None = None, official: bool = False) -> dict:
    """The group and its creator as first manager, in one transaction."""
    name = _text(data, "name", MAX_NAME, required=True)
    description = _text(data, "description", MAX_DESCRIPTION, required=False)
    visibility, cover = _visibility(data), covers.parse(data)
    now = clock()
    group_id = group_id or new_id(now)
    group = Group(*Group.key(group_id), gsi1pk=listing(visibility),
                  gsi1sk=Group.sort_name(name, group_id), id=group_id, name=name,
                  description=description, cover=cover.path,
                  cover_photo=covers.photo(viewer, group_id, cover, None), visibility=visibility,
                  status="active", official=official, member_count=1, manager_count=1,
                  created=iso(now), created_by=viewer.id)
    manager = memberships.first_manager(group, viewer.id, viewer.name, iso(now))

    def build(tx):
        tx.save(group, condition=Group.pk.does_not_exist())
        tx.save(manager, condition=Membership.pk.does_not_exist())
        contribution(tx, "group", group_id, actor_role(viewer), now)

    try:
        memberships.commit(build)
    except Conflict:
        raise conflict("A group with that id already exists.") from None
    return to_json(group, membership=manager)


def show(viewer: Viewer, group_id: str) -> dict:
    st = load(viewer, group_id)
    return to_json(st.group, st)


def update(viewer: Viewer, group_id: str, data: dict) -> dict:
    """Managers edit name, description, cover and visibility; admins also archive/restore."""
    st = managed(viewer, group_id)
    group, actions = st.group, []
    if "status" in data:
        if not st.may("archive"):
            raise forbidden("Only admins archive or restore a group.")
        if data["status"] not in ("active", "archived"):
            raise invalid("status", "Status must be active or archived.")
        actions.append(Group.status.set(data["status"]))
    if "name" in data:
        name = _text(data, "name", MAX_NAME, required=True)
        actions += [Group.name.set(name), Group.gsi1sk.set(Group.sort_name(name, group.id))]
    if "description" in data:
        actions.append(Group.description.set(_text(data, "description", MAX_DESCRIPTION,
                                                   required=False)))
    if "visibility" in data:
        visibility = _visibility(data)
        actions += [Group.visibility.set(visibility), Group.gsi1pk.set(listing(visibility))]
    before = group.cover_photo
    if "cover" in data:  # last: the photo is processed only once everything else is valid
        cover = covers.parse(data)
        actions += covers.actions(cover, covers.photo(viewer, group.id, cover, before))
    if not actions:
        raise invalid("body", "Nothing to change.")
    if not conditional(lambda: group.update(actions=actions,
                                            condition=Group.status != "deleted")):
        raise not_found("group")
    photos.discard(covers.left_behind(before, group.cover_photo))
    return to_json(group, Standing(viewer, group, st.membership))


def delete(viewer: Viewer, group_id: str) -> None:
    """Admins, and the manager who created the group. The group becomes a tombstone: gone
    from every listing and every read.

    Membership items stay behind (hidden, because every read goes through the group), so a
    delete costs one write however large the group was.
    """
    st = load(viewer, group_id)
    if not st.may("delete"):
        raise forbidden("Only admins and the manager who started a group delete it.")
    cover = st.group.cover_photo
    try:
        st.group.update(actions=[Group.status.set("deleted"), Group.gsi1pk.remove(),
                                 Group.gsi1sk.remove(), Group.cover_photo.remove()])
    except (UpdateError, PutError) as err:
        raise not_found("group") from err
    photos.discard(cover.id if cover else None)


def _listed_page(partition: str, query: str, cursor: str | None) -> tuple[list[Group], str]:
    start = None
    if cursor:
        sort = cursors.decode(cursor)
        group_id = sort.rpartition("#")[2]
        if "#" not in sort or not group_id:
            raise invalid("cursor", "Unknown cursor.")
        pk, sk = Group.key(group_id)
        start = {"pk": {"S": pk}, "sk": {"S": sk}, "gsi1pk": {"S": partition},
                 "gsi1sk": {"S": sort}}
    condition = Group.gsi1sk.startswith(query.casefold()) if query else None
    page = Group.listed.query(partition, condition, limit=PAGE_SIZE, last_evaluated_key=start)
    groups = list(page)
    more = page.last_evaluated_key is not None and len(groups) == PAGE_SIZE
    return groups, (cursors.encode(groups[-1].gsi1sk) if more else None)


def _person_page(partition: str, cursor: str | None) -> tuple[list[Membership], str | None]:
    start = None
    if cursor:
        group_id = cursors.decode(cursor)
        pk, sk = Membership.key(group_id, partition.partition("#")[2])
        start = {"pk": {"S": pk}, "sk": {"S": sk}, "gsi1pk": {"S": partition},
                 "gsi1sk": {"S": group_id}}
    page = Membership.mine.query(partition, limit=PAGE_SIZE, last_evaluated_key=start)
    items = list(page)
    more = page.last_evaluated_key is not None and len(items) == PAGE_SIZE
    return items, (cursors.encode(items[-1].group_id) if more else None)


def directory(viewer: Viewer, params: dict) -> dict:
    """One page: Query the listing (or the person's partition) + one BatchGet for the rest."""
    query = (params.get("q") or "").strip()[:MAX_NAME]
    which = params.get("filter") or "all"
    if which not in FILTERS:
        raise invalid("filter", f"Filter must be one of {', '.join(FILTERS)}.")
    cursor = params.get("cursor")
    if which in ("all", "secret"):
        if which == "secret" and not may(viewer, "see_secret", "groups"):
            raise forbidden("Only admins list secret groups.")
        groups, nxt = _listed_page(LISTED if which == "all" else UNLISTED, query, cursor)
        keys = [Membership.key(g.id, viewer.id) for g in groups]
        mine = {m.group_id: m for m in Membership.batch_get(keys)} if keys else {}
        items = [to_json(g, membership=mine.get(g.id)) for g in groups]
    else:
        partition = Membership.person_partition("member" if which == "mine" else "invited",
                                                viewer.id)
        links, nxt = _person_page(partition, cursor)
        keys = [Group.key(m.group_id) for m in links]
        found = {g.id: g for g in Group.batch_get(keys)} if keys else {}
        items = [to_json(found[m.group_id], membership=m) for m in links
                 if m.group_id in found and found[m.group_id].status != "deleted"
                 and found[m.group_id].name.casefold().startswith(query.casefold())]
        items.sort(key=lambda g: g["name"].casefold())
    return {"items": items, "next": nxt}


def roster(viewer: Viewer, group_id: str, params: dict) -> dict:
    """Members for whoever may read the group; requests and invitations for its managers."""
    state = params.get("state") or "member"
    if state not in ("member", "requested", "invited"):
        raise invalid("state", "State must be member, requested or invited.")
    st = load(viewer, group_id)
    if state == "member" and not st.may("read"):
        raise forbidden("Only members see who is in this group.")
    if state != "member" and not st.may("manage"):
        raise forbidden("Only the group's managers see requests and invitations.")
    partition = Membership.roster_partition(st.group.id, state)
    start = None
    if params.get("cursor"):
        sort = cursors.decode(params["cursor"])
        person_id = sort.rpartition("#")[2]
        if not person_id:
            raise invalid("cursor", "Unknown cursor.")
        pk, sk = Membership.key(st.group.id, person_id)
        start = {"pk": {"S": pk}, "sk": {"S": sk}, "gsi2pk": {"S": partition},
                 "gsi2sk": {"S": sort}}
    page = Membership.roster.query(partition, limit=50, last_evaluated_key=start)
    items = list(page)
    more = page.last_evaluated_key is not None and len(items) == 50
    return {"items": [memberships.to_json(m) for m in items],
            "count": int(st.group.member_count or 0) if state == "member" else None,
            "next": cursors.encode(items[-1].gsi2sk) if more else None}


def managed_by(viewer: Viewer) -> list[str]:
    """Ids of the groups this viewer manages: one Query of their own membership partition,
    so the cost follows how many groups they are in, not how many exist."""
    return [m.group_id for m in Membership.mine.query(f"MEMBERSHIPS#{viewer.id}")
            if m.role == "manager"]


def names(group_ids: list[str]) -> dict[str, str]:
    """Group names by id, in one BatchGet per hundred ids."""
    keys = [Group.key(group_id) for group_id in dict.fromkeys(group_ids)]
    return {g.id: g.name for g in Group.batch_get(keys)}
