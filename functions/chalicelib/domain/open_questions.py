"""The index of open questions, and the dashboard's unanswered questions read from it."""

from collections.abc import Callable
from datetime import datetime, timedelta

from ..ids import new_id
from ..models import OpenQuestionIndex, Post
from .counting import batch_get

UNANSWERED_AFTER = timedelta(days=2)
MAX_UNANSWERED = 50  # listed, oldest first
OPEN_PAGE = 200  # a group manager's open questions are looked for among this many oldest
# Group ids to names: all of them (admins), or only those the viewer may read.
Names = Callable[[list[str]], dict[str, str]]


def title(body: str) -> str:
    """A question as a list names it: its first line, cut at 80 characters."""
    return (body.strip().splitlines() or [""])[0][:80]


def question_asked(post_id: str, group_id: str | None, tx=None) -> None:
    """A question was posted: list it until it is settled. Pass the caller's TransactWrite to
    make it part of the post's own write."""
    item = OpenQuestionIndex(*OpenQuestionIndex.key(post_id), group_id=group_id)
    tx.save(item) if tx is not None else item.save()


def question_settled(post_id: str, tx=None) -> None:
    """The question got its answer, or was deleted."""
    item = OpenQuestionIndex(*OpenQuestionIndex.key(post_id))
    tx.delete(item) if tx is not None else item.delete()


def unanswered(now: datetime, groups: set[str] | None, group_names: Names,
               readable: Names | None) -> dict:
    """Questions open for more than 2 days, oldest first: one Query of the open-question index
    (post ids sort by time, so "older than" is a key condition), one BatchGet of the groups
    the viewer may read (or, for admins, of their names), one BatchGet of the posts. Questions
    in groups the viewer may not read are only counted (`unanswered_hidden`)."""
    cutoff = new_id(now - UNANSWERED_AFTER)[:10]  # a ULID's first 10 characters are its time
    pk = OpenQuestionIndex.key("")[0]
    found = OpenQuestionIndex.query(pk, OpenQuestionIndex.sk < cutoff,
                                    limit=OPEN_PAGE if groups else MAX_UNANSWERED,
                                    page_size=OPEN_PAGE if groups else MAX_UNANSWERED)
    markers = [m for m in found if groups is None or m.group_id in groups][:MAX_UNANSWERED]
    in_groups = sorted({m.group_id for m in markers if m.group_id})
    if readable is None:
        names = group_names(in_groups) if in_groups else {}
        shown = markers
    else:  # at most 50 markers, so at most 50 groups: one BatchGet
        names = readable(in_groups) if in_groups else {}
        shown = [m for m in markers if m.group_id is None or m.group_id in names]
    posts = batch_get([Post.key(m.sk) for m in shown]) if shown else {}
    rows = []
    for marker in shown:
        post = posts.get(Post.key(marker.sk))
        if post is None or "hidden" in post:  # a hidden post is listed nowhere
            continue
        created = post.get("created", {}).get("S")
        asked = datetime.fromisoformat(created.replace("Z", "+00:00")) if created else now
        rows.append({"id": marker.sk, "title": title(post.get("body", {}).get("S", "")),
                     "group": marker.group_id, "group_name": names.get(marker.group_id),
                     "created": created, "days_open": (now - asked).days})
    return {"unanswered": rows, "unanswered_hidden": len(markers) - len(shown)}
