import tomllib
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).parent


def load(name: str) -> list[dict]:
    with open(HERE / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)[name]


def seed(clock, new_id) -> dict:
    """Creates the demo employees and their posts. Call only on an empty table."""
    from chalicelib.domain import people, posts
    from chalicelib.domain.viewer import Viewer

    created = {}
    for fields in load("people"):
        person = people.create(fields, clock, new_id)
        created[person.email] = person
    now = clock()
    # Oldest first, so that ids (which carry time) follow the story's order.
    for item in sorted(load("posts"), key=lambda p: -p["minutes_ago"]):
        author = created[item["author"]]
        who = Viewer(id=author.id, name=author.name, email=author.email, role=author.role,
                     person=author)
        moment = now - timedelta(minutes=item["minutes_ago"])
        posts.create(who, {"body": item["body"], "kind": item.get("kind", "update")},
                     lambda m=moment: m, new_id)
    return {"people": len(created), "posts": len(load("posts"))}
