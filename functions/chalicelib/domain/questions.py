"""Questions: a post of kind `question` is open until its asker (or, with groups, a manager
of its group) marks a comment on it as the answer. The post and its open-question marker
change in one transaction, so the unanswered filter never disagrees with the post."""

from ..errors import conflict, invalid, not_found
from ..models import Comment, OpenQuestion, Post
from ..models.transactions import Conflict, transaction
from .open_questions import question_asked, question_settled
from .permissions import flags, require
from .posts import find, to_json
from .viewer import Viewer


def mark_answer(viewer: Viewer, post_id: str, data: dict) -> dict:
    post, group = find(viewer, post_id, consistent=True)
    if post.kind != "question":
        raise conflict("Only a question can have an answer.")
    require(viewer, "answer", post, "Only the asker can mark the answer.", group)
    comment_id = data.get("comment")
    if comment_id is not None:
        try:
            comment = Comment.get(*Comment.key(comment_id)) if isinstance(comment_id, str) \
                else None
        except Comment.DoesNotExist:
            comment = None
        if comment is None or comment.thread != f"post:{post.id}" or comment.deleted:
            raise invalid("comment", "The answer must be a comment on this question.")
    marker = OpenQuestion(*OpenQuestion.key(post.partition, post.id))
    try:
        with transaction() as tx:
            if comment_id is None:
                tx.update(post, actions=[Post.answer.remove()], condition=Post.pk.exists())
                tx.save(marker)
                question_asked(post.id, post.group_id, tx)
            else:
                tx.update(post, actions=[Post.answer.set(comment_id)],
                          condition=Post.pk.exists())
                tx.delete(marker)
                question_settled(post.id, tx)
    except Conflict as err:
        if "post" in err.failed:
            raise not_found("post") from err
        raise
    post.answer = comment_id
    return to_json(post, flags(viewer, post, group))
