"""The welcome checklist a new employee sees until it is done: a photo and expertise on the
profile, two groups joined, a first post or question. Once every step is done the person
item records it (`welcomed`), and the checklist never comes back, even after leaving a group.
"""

from ...clock import Clock, iso
from ...models import Membership, Post
from ...models.moderation import PersonFlags
from ..viewer import Viewer

GROUPS_TO_JOIN = 2
STEPS = ("photo", "expertise", "groups", "post")


def checklist(viewer: Viewer, clock: Clock) -> dict:
    """No call of its own once done; before that a Query of the viewer's memberships (Limit
    2) and of their own posts (Limit 1), and one UpdateItem the moment all are done."""
    person = viewer.person
    if person.welcomed:
        return {"done": True, "steps": dict.fromkeys(STEPS, True)}
    joined = list(Membership.mine.query(Membership.person_partition("member", viewer.id),
                                        limit=GROUPS_TO_JOIN, page_size=GROUPS_TO_JOIN))
    posted = list(Post.by_author.query(f"AUTHOR#{viewer.id}", limit=1, page_size=1))
    steps = {"photo": bool(person.photo), "expertise": bool(person.expertise),
             "groups": len(joined) >= GROUPS_TO_JOIN, "post": bool(posted)}
    done = all(steps.values())
    if done:
        PersonFlags(*PersonFlags.key(viewer.id)).update(
            actions=[PersonFlags.welcomed.set(iso(clock()))], condition=PersonFlags.pk.exists())
    return {"done": done, "steps": steps}
