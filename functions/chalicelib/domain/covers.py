"""A group's cover: an image on the site (`/images/...`, what official groups name in
content/groups/) or a photo uploaded through the photo pipeline (`domain/photos.py`).

A group has one or the other, never both: setting one removes the other. An uploaded cover's
web sizes are bound to the group (`use` `group:<id>`), so replacing or removing it deletes them.
"""

import re
from dataclasses import dataclass

from ..errors import invalid
from ..models import Group
from ..models.posts import Photo
from . import photos
from .viewer import Viewer

_SITE_IMAGE = re.compile(r"^/images/[A-Za-z0-9._/-]{1,120}\.(?:jpe?g|png|webp|svg)$")


@dataclass(frozen=True)
class Choice:
    """What a request asks for: a site image, an upload (`{"id", "alt"}`), or neither (none)."""

    path: str | None = None
    upload: dict | None = None


def parse(data: dict) -> Choice:
    """`cover`: "/images/..." | {"id": "<upload id>", "alt": "..."} | null or "" (none)."""
    value = data.get("cover")
    if value in (None, ""):
        return Choice()
    if isinstance(value, dict):
        return Choice(upload=photos.reference(value, "cover"))
    if not isinstance(value, str) or not _SITE_IMAGE.match(value) or ".." in value:
        raise invalid("cover", 'Cover must be an uploaded photo ({"id": "<upload id>"}) or an '
                               "image on this site, under /images/.")
    return Choice(path=value)


def photo(viewer: Viewer, group_id: str, choice: Choice, current: Photo | None) -> Photo | None:
    """The photo to store for `choice`, made from the viewer's own upload. Keeping the current
    photo (a new alt text, or a retry) needs no processing."""
    if choice.upload is None:
        return None
    wanted = choice.upload
    if current is not None and current.id == wanted["id"]:
        dims = {"width": current.width, "height": current.height,
                "small_width": current.small_width}
    else:
        dims = photos.process(viewer, wanted["id"], use=f"group:{group_id}", field="cover")
    return Photo(id=wanted["id"], alt=wanted["alt"], **dims)


def actions(choice: Choice, stored: Photo | None) -> list:
    return [Group.cover.set(choice.path) if choice.path else Group.cover.remove(),
            Group.cover_photo.set(stored) if stored else Group.cover_photo.remove()]


def left_behind(before: Photo | None, after: Photo | None) -> str | None:
    """The upload id whose web sizes nothing shows any more."""
    if before is not None and (after is None or after.id != before.id):
        return before.id
    return None


def to_json(group: Group) -> dict | None:
    if group.cover_photo:
        return photos.to_json(group.cover_photo)
    if group.cover:
        return {"id": None, "alt": "", "width": None, "height": None, "src": group.cover,
                "srcset": None}
    return None
