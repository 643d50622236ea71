"""Part of `plein people reindex`: files older comments, likes and group requests under their
person, so own data (export and deletion) finds them.

Own data reads per-person index partitions that are written with each item (comments gsi2
`COMMENTS#`, reactions gsi2 `REACTIONS#`, requests gsi1 `REQUESTS#`). Items written before
those keys existed lack them. This Scans for exactly those items (an offline admin command,
never a request path) and sets the keys with one conditional UpdateItem each. The condition
checks the item is still there and still what was read, so a comment deleted or anonymised
meanwhile, a like taken back or a request already decided is not brought back or re-filed.
Items that have their key are not selected, so a second run writes nothing.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass
class Filed:
    comments: int = 0
    reactions: int = 0
    requests: int = 0

    @property
    def total(self) -> int:
        return self.comments + self.reactions + self.requests


def _set_if(item, actions, condition) -> bool:
    """One conditional UpdateItem; False when the item changed since it was read."""
    from chalicelib.models.transactions import conditional

    return conditional(lambda: item.update(actions=actions, condition=condition))


def unfiled_comments():
    from chalicelib.domain.erase import ANONYMOUS
    from chalicelib.models import Comment

    # Anonymised comments left their person's partition on purpose: they stay out.
    return Comment.scan(Comment.pk.startswith("COMMENT#") & (Comment.sk == "COMMENT")
                        & Comment.gsi2pk.does_not_exist() & (Comment.author_id != ANONYMOUS))


def file_comments(comments: Iterable) -> int:
    from chalicelib.models import Comment

    return sum(_set_if(c, [Comment.gsi2pk.set(Comment.author_partition(c.author_id)),
                           Comment.gsi2sk.set(c.id)],
                       Comment.pk.exists() & Comment.gsi2pk.does_not_exist()
                       & (Comment.author_id == c.author_id))
               for c in comments)


def unfiled_reactions():
    from chalicelib.models import Reaction

    return Reaction.scan(Reaction.pk.startswith("POST#") & Reaction.sk.startswith("REACT#")
                         & Reaction.gsi2pk.does_not_exist())


def file_reactions(reactions: Iterable) -> int:
    from chalicelib.models import Reaction

    filed = 0
    for r in reactions:
        pk, sk = Reaction.person_key(r.post_id, r.person_id)
        filed += _set_if(r, [Reaction.gsi2pk.set(pk), Reaction.gsi2sk.set(sk)],
                         Reaction.pk.exists() & Reaction.gsi2pk.does_not_exist())
    return filed


def unfiled_requests():
    from chalicelib.models import Membership

    return Membership.scan(Membership.pk.startswith("GROUP#")
                           & Membership.sk.startswith("PERSON#")
                           & (Membership.state == "requested")
                           & Membership.gsi1pk.does_not_exist())


def file_requests(requests: Iterable) -> int:
    from chalicelib.models import Membership

    # Still a request: one approved or turned into an invitation meanwhile has its own key.
    return sum(_set_if(m, [Membership.gsi1pk.set(Membership.person_partition("requested",
                                                                              m.person_id)),
                           Membership.gsi1sk.set(m.group_id)],
                       Membership.pk.exists() & (Membership.state == "requested")
                       & Membership.gsi1pk.does_not_exist())
               for m in requests)


def run() -> Filed:
    return Filed(comments=file_comments(unfiled_comments()),
                 reactions=file_reactions(unfiled_reactions()),
                 requests=file_requests(unfiled_requests()))
