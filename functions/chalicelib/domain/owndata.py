"""An employee's own data (AVG/GDPR): all of it as JSON, or the account deleted.

Covered so far: the profile and its email link, and posts. Every resource that stores
something about a person adds itself to `export` and `delete_account` (see ARCHITECTURE.md).
The cost grows with the employee's own content only: one Query page per 100 of their posts,
and one write per post (or per 25 when removing).
"""

from pynamodb.exceptions import UpdateError

from ..errors import invalid
from ..ids import Clock, iso
from ..models import EmailIndex, Post
from . import directory, people

COVERS = ("profile", "posts")
CHOICES = ("anonymise", "remove")
# Anonymised posts keep their text; the author is no one, and the widgets say "former colleague".
ANONYMOUS = "anonymous"


def _own_posts(person_id: str):
    return Post.by_author.query(f"AUTHOR#{person_id}", page_size=100)


def export(viewer, clock: Clock) -> dict:
    person = viewer.person
    return {
        "exported": iso(clock()),
        "covers": list(COVERS),
        "profile": {**people.public(person), "created": person.created},
        "posts": [{"id": p.id, "body": p.body, "kind": p.kind, "created": p.created,
                   "edited": p.edited} for p in _own_posts(viewer.id)],
    }


def _anonymise(post: Post) -> bool:
    try:
        # Conditional, so a post deleted meanwhile is not brought back as a husk.
        post.update(actions=[Post.author_id.set(ANONYMOUS), Post.author_name.set(""),
                             Post.gsi2pk.set(f"AUTHOR#{ANONYMOUS}")],
                    condition=Post.pk.exists())
    except UpdateError as err:
        if err.cause_response_code != "ConditionalCheckFailedException":
            raise
        return False
    return True


def delete_account(viewer, data: dict) -> dict:
    """Content first, the profile last: a retry after a failure still has a valid session and
    finds whatever is left, so the whole deletion is idempotent."""
    choice = data.get("content")
    if choice not in CHOICES:
        raise invalid("content", f"Choose one of {', '.join(CHOICES)}.")
    posts = list(_own_posts(viewer.id))
    if choice == "remove":
        with Post.batch_write() as batch:
            for post in posts:
                batch.delete(post)
    else:
        posts = [p for p in posts if _anonymise(p)]
    # The directory's search entries go with the profile, so a deleted colleague is not found.
    directory.remove(viewer.person, also=[EmailIndex(*EmailIndex.key(viewer.email))])
    return {"deleted": True, "content": choice, "posts": len(posts), "covers": list(COVERS)}
