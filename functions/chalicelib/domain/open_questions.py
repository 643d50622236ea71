"""The index of open questions that the dashboard's unanswered questions are read from."""

from ..models import OpenQuestionIndex


def question_asked(post_id: str, group_id: str | None, tx=None) -> None:
    """A question was posted: list it until it is settled. Pass the caller's TransactWrite to
    make it part of the post's own write."""
    item = OpenQuestionIndex(*OpenQuestionIndex.key(post_id), group_id=group_id)
    tx.save(item) if tx is not None else item.save()


def question_settled(post_id: str, tx=None) -> None:
    """The question got its answer, or was deleted."""
    item = OpenQuestionIndex(*OpenQuestionIndex.key(post_id))
    tx.delete(item) if tx is not None else item.delete()
