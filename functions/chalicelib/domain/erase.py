"""Erasing one item of a departing employee's content, as they chose: anonymised or removed.

Each function is idempotent and conditional, so an item processed twice (a retried request, or
an index that still lists it) changes nothing the second time, and counters move exactly once:
a comment's removal takes one off its post's count (and its parent's replies) in the same
transaction; a reaction's removal one off its kind's count on the post or page.
"""

from ..models import Comment, Membership, Post, Reaction
from ..models.transactions import Conflict, retrying, transaction
from ..models.transactions import conditional as quietly
from . import memberships, standing
from .reaction_targets import of_marker

ANONYMOUS = "anonymous"


def _blank_actions() -> list:
    return [Comment.author_id.set(ANONYMOUS), Comment.author_name.set(""),
            Comment.gsi2pk.remove(), Comment.gsi2sk.remove()]


def anonymise_comment(comment: Comment) -> bool:
    """Kept, shown as by a former colleague, and gone from the person's index."""
    return quietly(lambda: comment.update(actions=_blank_actions(),
                                           condition=Comment.pk.exists()))


def _blank_comment(comment: Comment) -> bool:
    """A comment with replies keeps its place, emptied (as a deletion by its author does)."""
    emptied = [*_blank_actions(), Comment.deleted.set(True), Comment.body.set("")]
    try:
        with transaction() as tx:
            tx.update(comment, actions=emptied,
                      condition=Comment.pk.exists() & (Comment.deleted == False))  # noqa: E712
            if comment.post_id:
                tx.update(Post(*Post.key(comment.post_id)), actions=[Post.comments.add(-1)],
                          condition=Post.pk.exists())
    except Conflict:
        # Already blank (not counted any more), or its post is gone: no count to keep.
        return quietly(lambda: comment.update(actions=emptied, condition=Comment.pk.exists()))
    return True


def remove_comment(comment: Comment) -> bool:
    counted = {"post": comment.post_id, "parent": comment.parent}

    def attempt():
        with transaction() as tx:
            tx.delete(comment, condition=Comment.pk.exists() & (Comment.replies == 0))
            if counted["post"]:
                tx.update(Post(*Post.key(comment.post_id)), actions=[Post.comments.add(-1)],
                          condition=Post.pk.exists(), name="post")
            if counted["parent"]:
                tx.update(Comment(*Comment.key(comment.parent)),
                          actions=[Comment.replies.add(-1)], condition=Comment.pk.exists(),
                          name="parent")

    def again(err: Conflict) -> bool:
        for name in err.failed & counted.keys():  # the post or parent is gone: nothing
            counted[name] = None                   # left to count down
        return "comment" not in err.failed

    try:
        retrying(attempt, when=again)
    except Conflict as err:
        if "comment" in err.failed:  # gone already, or it has replies
            return _blank_comment(comment)
        return False
    return True


def remove_reaction(reaction: Reaction, keep_count: bool) -> bool:
    """The marker goes (its key names the person); its kind's count on the post (or page) goes
    down with it unless the reaction is kept anonymously (`keep_count`). Conditioned on the
    kind read, so a reaction changed meanwhile is found again by the next call, not
    miscounted."""
    target = of_marker(reaction)
    condition = (Reaction.pk.exists() if reaction.legacy
                 else Reaction.kind == reaction.chosen)
    try:
        with transaction() as tx:
            tx.delete(reaction, condition=condition)
            if not keep_count:  # a page's tally exists while a marker does
                tx.update(target.counters, actions=[target.counter(reaction.chosen).add(-1)],
                          condition=target.exists())
    except Conflict as err:
        if "reaction" in err.failed:
            return False
        return quietly(lambda: reaction.delete(condition=Reaction.pk.exists()))
    return True


def leave_group(membership: Membership) -> bool:
    """Leaves, withdraws the request or declines the invitation, with the group's counts. The
    last manager leaves too: erasure is not refused over a group, and admins manage every
    group, so they can promote someone (ARCHITECTURE.md)."""
    def attempt() -> bool:
        current = standing.find_membership(membership.group_id, membership.person_id)
        if current is None:
            return False
        group = standing.find_group(current.group_id)
        if group is None or group.status == "deleted":
            return quietly(lambda: current.delete(condition=Membership.pk.exists()))
        member = current.state == "member"
        memberships.commit(lambda tx: memberships.move(
            tx, group, current, None, members=-1 if member else 0,
            managers=-1 if member and current.role == "manager" else 0))
        return True

    try:
        return retrying(attempt, when=lambda err: True)
    except Conflict:
        return False
