"""The two-day promise: a question unanswered for two days notifies its group's managers
(organisation-wide questions: the content managers), once.

The job reads the open-question index (post ids are ULIDs, so "asked between nine and two
days ago" is a key condition) 100 at a time, skips questions with a `Reminded` marker (one
BatchGet per page), fans out the rest and then writes their marker. A run that fails
half-way is simply run again: the notes' ids come from the question, so nobody hears twice.
"""

from collections.abc import Iterator
from datetime import datetime, timedelta

from ...clock import iso
from ...ids import new_id
from ...models import OpenQuestionIndex, Person, Post
from ...models.notifications import Reminded
from .fanout import Draft, default_deliverer, deliver
from .rules import group_of, managers

AFTER = timedelta(days=2)
# Questions older than this were reminded about by an earlier run, or asked before the
# reminder existed: the job does not go back further, so each run reads a bounded window.
LOOKBACK = timedelta(days=7)
PAGE = 100


def content_managers() -> list[str]:
    """Who answers for questions outside groups. A filtered Query of the people index: a
    background job's read, only made when there is such a question to remind about."""
    return [p.id for p in Person.directory.query(
        "PEOPLE", filter_condition=Person.role == "content_manager", page_size=500,
        attributes_to_get=["id", "role"])]


def _open_questions(at: datetime) -> Iterator[list[OpenQuestionIndex]]:
    newest = new_id(at - AFTER)[:10]  # a ULID's first 10 characters are its time
    oldest = new_id(at - AFTER - LOOKBACK)[:10]
    pk = OpenQuestionIndex.key("")[0]
    found = list(OpenQuestionIndex.query(pk, OpenQuestionIndex.sk.between(oldest, newest),
                                         page_size=PAGE))
    for start in range(0, len(found), PAGE):
        yield found[start:start + PAGE]


def run(at: datetime, deliverer=None) -> dict:
    deliverer = deliverer if deliverer is not None else default_deliverer()
    org_wide: list[str] | None = None
    reminded = notified = 0
    for markers in _open_questions(at):
        done = {r.pk.removeprefix("REMINDED#") for r in Reminded.batch_get(
            [Reminded.key(m.sk) for m in markers])}
        due = [m for m in markers if m.sk not in done]
        posts = {p.id: p for p in Post.batch_get([Post.key(m.sk) for m in due])} if due else {}
        for marker in due:
            post = posts.get(marker.sk)
            if post is None or post.answer:
                continue
            group = group_of(post.group_id)
            if group is None and post.group_id:
                continue
            if group is None and org_wide is None:
                org_wide = content_managers()
            recipients = managers(group.id) if group is not None else org_wide
            draft = Draft(note_id=f"reminder.{post.id}", type="reminder",
                          recipients=recipients, post_id=post.id, group=group,
                          at=datetime.fromisoformat(post.created) + AFTER)
            notified += deliver([draft], deliverer)
            Reminded(*Reminded.key(post.id), at=iso(at),
                     expires=int((at + LOOKBACK * 2).timestamp())).save()
            reminded += 1
    return {"job": "reminders", "at": iso(at), "questions": reminded, "notified": notified}
