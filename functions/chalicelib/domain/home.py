"""The signed-in home page in one answer (`GET /api/home`): who is signed in (as
`/api/session` says it), the stream's first page with "my groups", the seen-by state of that
page, upcoming events, the welcome checklist and the unanswered questions in my groups.

Each part is the domain function its own route calls, so a part here and its route can never
disagree. The independent parts run side by side; the two that need the stream's page (seen
and questions) run after it. See docs/home.md for the call budget.
"""

from concurrent.futures import ThreadPoolExecutor

from ..clock import Clock
from ..models.posts import group_feed
from . import open_questions, seen, stream
from .events import listing
from .moderation import welcome
from .notifications import inbox
from .viewer import Viewer

UPCOMING = 3  # events-upcoming.js shows three
QUESTIONS = 5
# Questions read to show QUESTIONS: a question a moderator hid keeps its open marker, and
# should not leave the list short.
QUESTIONS_READ = 2 * QUESTIONS


def _question(post, names: dict[str, str]) -> dict:
    return {"id": post.id, "title": open_questions.title(post.body), "group": post.group_id,
            "group_name": names.get(post.group_id),
            "author": {"id": post.author_id, "name": post.author_name},
            "created": post.created, "comments": int(post.comments or 0)}


def _questions(groups: list[dict]) -> dict:
    """The newest open questions in the groups the stream read (the viewer's most recently
    active ones, where they are members): one Query per group and one BatchGet, whatever the
    groups hold."""
    names = {g["id"]: g["name"] for g in groups}
    posts = stream.open_questions_in([group_feed(g) for g in names], QUESTIONS_READ)
    return {"items": [_question(p, names) for p in posts[:QUESTIONS]]}


def page(viewer: Viewer | None, clock: Clock) -> dict:
    """Signed out: `{"person": null}` and nothing else, as `/api/session` answers (a 200, so a
    signed-out page shows no refused request)."""
    if viewer is None:
        return {"person": None}
    with ThreadPoolExecutor(max_workers=4) as pool:
        person = pool.submit(inbox.me, viewer)
        first = pool.submit(stream.page, viewer, {}, clock=clock)
        events = pool.submit(listing.page, viewer,
                             {"scope": "upcoming", "limit": str(UPCOMING)}, clock)
        checklist = pool.submit(welcome.checklist, viewer, clock)
        shown = first.result()
        posts = shown["items"] + shown.get("pinned", [])
        seen_state = pool.submit(seen.on_page, viewer, posts, clock())
        questions = pool.submit(_questions, shown.get("groups", []))
        return {"person": person.result(), "stream": shown, "seen": seen_state.result(),
                "events": events.result(), "welcome": checklist.result(),
                "questions": questions.result()}
