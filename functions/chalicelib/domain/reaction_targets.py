"""What a reaction is on: a post or a page of the site. The reaction code (reactions.py, and
erasure in erase.py) works on a `Target`, so posts and pages share one transaction logic:
the markers live in the target's partition, the counts on its counters item."""

from dataclasses import dataclass

from ..errors import not_found
from ..models import PageReactions, Post, Reaction
from ..models.schema import Item
from .reaction_kinds import KINDS


@dataclass(frozen=True)
class Target:
    what: str  # "post" or "page": what a 404 names, and the key the answers name it by
    name: str  # the post's id or the page's path
    partition: str  # the markers' pk: POST#<id> or PAGE#<path>
    ref: str  # the marker's gsi2 sort key under its person: <post id> or page:<path>
    counters: Item  # the item with one counter per kind: the post, or the page's tally
    # A post must still be there when its counters move (a deleted post is a 404); a page's
    # tally is created by its first reaction's ADD.
    must_exist: bool
    group_id: str | None = None  # where the reaction counts on the dashboard
    legacy: bool = False  # posts may still hold like markers of the older shape

    def marker_keys(self, person_id: str) -> list[tuple[str, str]]:
        """Where the person's reaction can be: the current key (and the older like key)."""
        keys = [Reaction.key_in(self.partition, person_id)]
        if self.legacy:
            keys.append(Reaction.legacy_key(self.name, person_id))
        return keys

    def counter(self, kind: str):
        """The counter attribute of `kind` on this target's counters item."""
        return getattr(type(self.counters), KINDS[kind].attr_name)

    def exists(self):
        return type(self.counters).pk.exists()

    def read(self, consistent: bool = False) -> Item | None:
        """The counters item as stored now; a page nobody reacted to has none (404 for a
        post that is gone)."""
        model = type(self.counters)
        try:
            return model.get(self.counters.pk, self.counters.sk, consistent_read=consistent)
        except model.DoesNotExist:
            if self.must_exist:
                raise not_found(self.what) from None
            return None


def of_post(post: Post) -> Target:
    return Target("post", post.id, f"POST#{post.id}", post.id, post, must_exist=True,
                  group_id=post.group_id, legacy=True)


def of_page(path: str) -> Target:
    """`path` is a page of the site (`site_pages.page_path` said so)."""
    return Target("page", path, PageReactions.partition(path), f"page:{path}",
                  PageReactions(*PageReactions.key(path)), must_exist=False)


def of_marker(reaction: Reaction) -> Target:
    """The target a stored marker is on, for erasing it (its counters item by key only)."""
    if reaction.page is not None:
        return of_page(reaction.page)
    return of_post(Post(*Post.key(reaction.post_id), id=reaction.post_id))
