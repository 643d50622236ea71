"""The reaction kinds, their counters on a post, and reading a viewer's reaction: what post
dicts need, apart from the changes in reactions.py (which reads posts through posts.py)."""

from ..errors import invalid
from ..models import Post, Reaction

# The kinds in the order the reaction bar shows them; each with its counter on the post (a
# page's tally, `PageReactions`, has counters of the same names).
KINDS = {"like": Post.likes, "thanks": Post.thanks, "celebrate": Post.celebrations,
         "insightful": Post.insightful}


def kind_of(kind) -> str:
    if kind not in KINDS:
        raise invalid("kind", f"Reaction must be one of {', '.join(KINDS)}.")
    return kind


def counts(item) -> dict[str, int]:
    """Per kind, of a post or a page's tally (the same counter names); a missing counter (a
    post from before that kind existed) is 0, and so are all of a page's without a tally."""
    return {kind: int(getattr(item, counter.attr_name, None) or 0)
            for kind, counter in KINDS.items()}


def marker_keys(post_id: str, person_id: str) -> list[tuple[str, str]]:
    """Where a person's reaction on a post can be: the current key and the older like key."""
    return [Reaction.key(post_id, person_id), Reaction.legacy_key(post_id, person_id)]


def mine_in(found, person_id: str) -> dict[str, str]:
    """Post id -> the person's kind, from markers read with `marker_keys` (a BatchGet that may
    also hold other items of the posts' partitions)."""
    mine: dict[str, str] = {}
    for item in found:
        # Both shapes exist together only for a moment; the current one wins.
        if (item.sk.startswith(Reaction.PREFIX) and item.person_id == person_id
                and (not item.legacy or item.post_id not in mine)):
            mine[item.post_id] = item.chosen
    return mine
