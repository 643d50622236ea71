"""The registry of notification types: each knows its default email frequency, its words and
where it links. Events or moderation add a type with `register()` (and a rule in `rules`)
without touching the fan-out core or the inbox.

Texts are made when read, in the reader's language, from the theme's catalogs (the msgids
below are entries of themes/plein/translations, added by hand like the pages' own).
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from ..i18n import translations

FREQUENCIES = ("now", "daily", "weekly", "off")


def N_(message: str) -> str:
    """Marks a msgid for extraction; translated when shown."""
    return message


@dataclass(frozen=True)
class NoteType:
    name: str
    mail: str  # default email frequency
    words: str  # msgid with %(actor)s and %(group)s
    link: Callable[[dict], str]
    without_group: str | None = None  # msgid when the note has no group
    others: tuple[str, str] | None = None  # (singular, plural) msgids with %(count)s others
    # Reactions: the msgid per kind for one actor, and the `others` pair when the actors
    # chose different kinds (a note's `kinds` holds every kind its actors chose).
    by_kind: dict[str, str] | None = None
    mixed: tuple[str, str] | None = None
    # What the reader must still be allowed in the note's group to be shown it: "read" its
    # posts, "see" it (an invitation), or "none" (a declined request).
    access: str = "read"

    def text(self, note: dict, lang: str | None) -> str:
        catalog = translations(lang)
        values = {"actor": note.get("actor_name") or "", "group": note.get("group_name") or ""}
        others = max(len(note.get("actors") or ()) - 1, 0)
        kinds = set(note.get("kinds") or ()) or {"like"}  # older notes were about likes
        if self.others and others:
            plural = self.mixed if self.mixed and kinds != {"like"} else self.others
            return catalog.ngettext(*plural, others) % {**values, "count": others}
        if self.by_kind and len(kinds) == 1:
            return catalog.gettext(self.by_kind.get(kinds.pop(), self.words)) % values
        if self.without_group and not note.get("group_id"):
            return catalog.gettext(self.without_group) % values
        return catalog.gettext(self.words) % values


REGISTRY: dict[str, NoteType] = {}


def register(note_type: NoteType) -> NoteType:
    REGISTRY[note_type.name] = note_type
    return note_type


def get(name: str) -> NoteType | None:
    return REGISTRY.get(name)


def post_link(note: dict) -> str:
    """The post on its own (the home page shows one post for ?post=), a comment scrolled to."""
    thread = note.get("thread") or ""
    anchor = f"#comment-{note['comment_id']}" if note.get("comment_id") else ""
    if thread.startswith("page:"):
        return quote(thread.removeprefix("page:")) + anchor
    return f"/?post={note.get('post_id')}{anchor}"


def group_link(note: dict) -> str:
    return f"/groep.html?id={note.get('group_id')}"


def report_link(note: dict) -> str:
    """The post when it was found fine; a hidden or deleted item has nothing to open."""
    return post_link(note) if note.get("post_id") else "/"


def reminder_link(note: dict) -> str:
    # A group's managers answer from the group's "needs an answer" list; organisation-wide
    # questions are on the dashboard content managers use.
    if note.get("group_id"):
        return f"/groep.html?id={note['group_id']}#needs-answer"
    return "/dashboard.html"


register(NoteType("mention", "now", N_("%(actor)s mentioned you"), post_link))
register(NoteType("answer", "now", N_("%(actor)s marked your comment as the answer"),
                  post_link))
register(NoteType("answer_wanted", "now", N_("%(actor)s responded to your question"),
                  post_link))
register(NoteType("reply", "daily", N_("%(actor)s replied to your comment"), post_link))
register(NoteType("comment", "daily", N_("%(actor)s commented on your post"), post_link))
# "likes" names every reaction kind's note (the type, and its setting, are older than kinds).
register(NoteType("likes", "daily", N_("%(actor)s likes your post"), post_link,
                  others=(N_("%(actor)s and %(count)s other like your post"),
                          N_("%(actor)s and %(count)s others like your post")),
                  by_kind={"thanks": N_("%(actor)s thanks you for your post"),
                           "celebrate": N_("%(actor)s celebrates your post"),
                           "insightful": N_("%(actor)s finds your post insightful")},
                  mixed=(N_("%(actor)s and %(count)s other reacted to your post"),
                         N_("%(actor)s and %(count)s others reacted to your post"))))
register(NoteType("group_post", "daily", N_("%(actor)s posted in %(group)s"), post_link))
register(NoteType("join_request", "now", N_("%(actor)s asked to join %(group)s"), group_link))
register(NoteType("invitation", "now", N_("%(actor)s invited you to %(group)s"), group_link,
                  access="see"))
register(NoteType("request_approved", "daily", N_("You are now a member of %(group)s"),
                  group_link))
register(NoteType("request_declined", "daily",
                  N_("Your request to join %(group)s was declined"), group_link, access="none"))
register(NoteType("reminder", "now",
                  N_("A question in %(group)s has waited two days for an answer"), reminder_link,
                  without_group=N_("A question has waited two days for an answer")))
register(NoteType("report_handled", "daily",
                  N_("A moderator handled your report. Thank you."), report_link, access="none"))
