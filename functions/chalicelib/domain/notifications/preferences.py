"""Per-person notification settings: email frequency per type, "every post" per group, and
the language mail and push are written in.

One item per person (absent: the defaults) plus one follower item per group followed, written
together in one transaction so that the fan-out can find a group's followers with one Query
per 100 (docs/notifications.md).
"""

from ...errors import invalid
from ...models import Group, Membership
from ...models.notifications import Follower, NotifySettings
from ...models.transactions import transaction
from .. import i18n
from ..viewer import Viewer
from . import types

GROUPS_READ = 100  # memberships listed on the settings page: one Query, one BatchGet
POSTS = ("all", "mentions")
# Groups one person follows for every post: keeps a save (settings item, followers added and
# removed) inside one transaction's 100 items.
MAX_FOLLOWED = 40


def load(person_id: str) -> NotifySettings | None:
    try:
        return NotifySettings.get(*NotifySettings.key(person_id))
    except NotifySettings.DoesNotExist:
        return None


def frequency(item: NotifySettings | None, type_name: str) -> str:
    chosen = (item.mail.as_dict() if item and item.mail else {}).get(type_name)
    if chosen in types.FREQUENCIES:
        return chosen
    note_type = types.get(type_name)
    return note_type.mail if note_type else "daily"


def language(item: NotifySettings | None) -> str:
    return i18n.language(item.language if item else None)


def _followed(item: NotifySettings | None) -> set[str]:
    return set((item.groups.as_dict() if item and item.groups else {}).keys())


def _my_groups(person_id: str) -> list[Group]:
    links = list(Membership.mine.query(Membership.person_partition("member", person_id),
                                       limit=GROUPS_READ, page_size=GROUPS_READ))
    if not links:
        return []
    found = Group.batch_get([Group.key(m.group_id) for m in links],
                            attributes_to_get=["id", "name", "status"])
    return sorted((g for g in found if g.status != "deleted"), key=lambda g: g.name.casefold())


def to_json(viewer: Viewer) -> dict:
    item = load(viewer.id)
    followed = _followed(item)
    return {
        "mail": {name: frequency(item, name) for name in types.REGISTRY},
        "defaults": {name: t.mail for name, t in types.REGISTRY.items()},
        "groups": [{"id": g.id, "name": g.name,
                    "posts": "all" if g.id in followed else "mentions"}
                   for g in _my_groups(viewer.id)],
        "language": language(item),
    }


def _mail(data) -> dict:
    if not isinstance(data, dict):
        raise invalid("mail", "Give a frequency per notification type.")
    for name, value in data.items():
        if name not in types.REGISTRY:
            raise invalid("mail", f"Unknown notification type: {name}.")
        if value not in types.FREQUENCIES:
            raise invalid("mail", f"Choose one of {', '.join(types.FREQUENCIES)}.")
    return data


def _groups(viewer: Viewer, data) -> dict:
    if not isinstance(data, dict) or any(v not in POSTS for v in data.values()):
        raise invalid("groups", "Give 'all' or 'mentions' per group.")
    if len(data) > GROUPS_READ:
        raise invalid("groups", f"At most {GROUPS_READ} groups at once.")
    wanted = [g for g, v in data.items() if v == "all"]
    if wanted:
        from ..standing import standings_in

        if len(wanted) > MAX_FOLLOWED or not set(wanted) <= {
                g for g, st in standings_in(viewer, wanted).items() if st.may("read")}:
            raise invalid("groups", f"Follow only groups you can read (at most {MAX_FOLLOWED}).")
    return data


def save(viewer: Viewer, data: dict) -> dict:
    if not isinstance(data, dict):
        raise invalid("body", "Send an object.")
    item = load(viewer.id) or NotifySettings(*NotifySettings.key(viewer.id))
    if "mail" in data:
        item.mail = {**(item.mail.as_dict() if item.mail else {}), **_mail(data["mail"])}
    before = _followed(item)
    if "groups" in data:
        choice = _groups(viewer, data["groups"])
        followed = (before | {g for g, v in choice.items() if v == "all"}) - {
            g for g, v in choice.items() if v == "mentions"}
        item.groups = dict.fromkeys(sorted(followed), "all")
    if "language" in data:
        if data["language"] not in i18n.LANGUAGES:
            raise invalid("language", f"Choose one of {', '.join(i18n.LANGUAGES)}.")
        item.language = data["language"]
    after = _followed(item)
    if len(after) > MAX_FOLLOWED:
        raise invalid("groups", f"Follow at most {MAX_FOLLOWED} groups for every post.")
    with transaction() as tx:
        tx.save(item)
        for group_id in sorted(after - before):
            tx.save(Follower(*Follower.key(group_id, viewer.id)))
        for group_id in sorted(before - after):
            tx.delete(Follower(*Follower.key(group_id, viewer.id)))
    return to_json(viewer)
