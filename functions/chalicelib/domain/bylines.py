"""Bylines for a page of posts or comments: each author's photo and job title, and the name of
each post's group, so the stream can show who wrote what, and where.

Names are stored on the item at write time, but a photo or a job title changes (and a
replaced photo's files are deleted), so they are read when the page is: one BatchGet of the
page's distinct authors and, when any post is in a group, one of its distinct groups. A page
holds at most a page size of items, so the cost does not grow with the data.
"""

from ..models import Group, Person
from . import photos


def _people(ids: set[str]) -> dict:
    if not ids:
        return {}
    return {p.id: p for p in Person.batch_get([Person.key(i) for i in sorted(ids)])}


def _groups(ids: set[str]) -> dict:
    if not ids:
        return {}
    return {g.id: g for g in Group.batch_get([Group.key(i) for i in sorted(ids)])}


def decorate(items: list[dict]) -> list[dict]:
    """Adds `photo` and `title` to each item's author (an author who left keeps neither), and
    `group_name` to each item in a group. Changes and returns `items`."""
    authors = [item["author"] for item in items if item.get("author")]
    people = _people({a["id"] for a in authors if a.get("id")})
    for author in authors:
        person = people.get(author.get("id"))
        author["photo"] = photos.avatar(person.photo) if person else None
        author["title"] = person.title if person else None
        if person and not author.get("name"):  # an item that does not store the name
            author["name"] = person.name
    groups = _groups({item["group"] for item in items if isinstance(item.get("group"), str)})
    for item in items:
        if isinstance(item.get("group"), str):
            group = groups.get(item["group"])
            item["group_name"] = group.name if group else None
    return items
