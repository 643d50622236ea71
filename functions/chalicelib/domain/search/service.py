"""One search over posts (the term index), groups and people (their own directories), in the
shape every result list shares: {"items": [{type, id, title, snippet, url, date, group}],
"next"}.

Posts cost one Query per stem (at most five) and one BatchGet that brings, together, the
documents themselves, the posts of comments, and the groups and the viewer's memberships that
decide what they may read: access is decided on the live items, never on the index alone.
"""

from ...errors import invalid
from ...models import Comment, Group, Membership, Person, Post
from .. import directory, groups, names
from ..mentions import PROFILE_URL
from ..standing import Standing
from ..viewer import Viewer
from .index import DynamoIndex, Hit, SearchIndex
from .indexer import comment_document, post_document
from .snippets import snippet, title
from .terms import MAX_QUERY_TERMS, document_terms, plain_text, query_terms, words

TYPES = ("posts", "groups", "people")
MAX_QUERY_CHARS = 200
PAGE = 20
PREVIEW = 4  # per type, when no type is asked for (the header's results as you type)
GROUP_URL = "/groep.html?id={id}"
HOME_POST_URL = "/#post-{id}"
GROUP_POST_URL = "/groep.html?id={group}#post-{id}"


def _query(params: dict) -> str:
    q = params.get("q")
    if not isinstance(q, str) or not names.fold(q):
        raise invalid("q", "Type a word to search for.")
    if len(q) > MAX_QUERY_CHARS:
        raise invalid("q", f"A search is at most {MAX_QUERY_CHARS} characters.")
    return q


def search(viewer: Viewer, params: dict, index: SearchIndex | None = None) -> dict:
    q = _query(params)
    kind = params.get("type") or None
    if kind is not None and kind not in TYPES:
        raise invalid("type", f"Type must be one of {', '.join(TYPES)}.")
    cursor = params.get("cursor") or None
    lang = params.get("lang") or "nl"
    index = index or DynamoIndex()
    if kind == "posts":
        return posts(viewer, q, lang, cursor, PAGE, index)
    if kind == "groups":
        return group_results(viewer, q, cursor)
    if kind == "people":
        return people(q, cursor)
    if cursor:
        raise invalid("cursor", "Page through one type at a time.")
    found = [people(q, None, PREVIEW), group_results(viewer, q, None, PREVIEW),
             posts(viewer, q, lang, None, PREVIEW, index)]
    return {"items": [item for page in found for item in page["items"]], "next": None}


def posts(viewer: Viewer, q: str, lang: str, cursor: str | None, limit: int,
          index: SearchIndex) -> dict:
    stems = query_terms(q, lang)  # none when it is only stop words: nothing is found
    hits, nxt = index.query(stems, cursor, limit)
    return {"items": _readable(viewer, hits, set(stems)), "next": nxt}


def _readable(viewer: Viewer, hits: list[Hit], stems: set[str]) -> list[dict]:
    """The hits the viewer may read, as they are now: one BatchGet (at most 4 keys a hit)."""
    if not hits:
        return []
    keys = []
    for hit in hits:
        keys.append(Comment.key(hit.id) if hit.kind == "comment" else Post.key(hit.id))
        if hit.post:
            keys.append(Post.key(hit.post))
        if hit.part.startswith("GROUP#"):
            group_id = hit.part.removeprefix("GROUP#")
            keys += [Group.key(group_id), Membership.key(group_id, viewer.id)]
    items = _batch_get(list(dict.fromkeys(keys)))
    found = []
    for hit in hits:
        item = _result(viewer, hit, items, stems)
        if item is not None:
            found.append(item)
    return found


def _batch_get(keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    reply = Post._get_connection().batch_get_item([{"pk": pk, "sk": sk} for pk, sk in keys])
    raw = reply.get("Responses", {}).get(Post.Meta.table_name, [])
    return {(r["pk"]["S"], r["sk"]["S"]): r for r in raw}


def _result(viewer: Viewer, hit: Hit, items: dict, stems: set[str]) -> dict | None:
    post_raw = items.get(Post.key(hit.post or hit.id))
    post = Post.from_raw_data(post_raw) if post_raw else None
    group = None
    if hit.part.startswith("GROUP#"):
        group_id = hit.part.removeprefix("GROUP#")
        group_raw = items.get(Group.key(group_id))
        if group_raw is None:
            return None
        group = Group.from_raw_data(group_raw)
        mine = items.get(Membership.key(group_id, viewer.id))
        membership = Membership.from_raw_data(mine) if mine else None
        if not Standing(viewer, group, membership).may("read"):
            return None
    if hit.kind == "comment":
        raw = items.get(Comment.key(hit.id))
        comment = Comment.from_raw_data(raw) if raw else None
        doc = comment_document(comment, post)
    else:
        doc = post_document(post)
    # Gone, hidden, moved or edited since it was indexed, or a hit the index could not be
    # sure of (docs/search.md): the live item has the last word.
    if doc is None or doc.part != hit.part or not stems <= document_terms(doc.text).keys():
        return None
    if hit.kind == "comment":
        url = (hit.page + f"#comment-{hit.id}" if hit.page else _post_url(post))
        heading = title(plain_text(post.body)) if post else hit.page
        date = comment.created
    else:
        url, heading, date = _post_url(post), title(doc.text), post.created
    return {"type": hit.kind, "id": hit.id, "title": heading, "snippet": snippet(doc.text, stems),
            "url": url, "date": date,
            "group": {"id": group.id, "name": group.name} if group else None}


def _post_url(post: Post) -> str:
    if post.group_id:
        return GROUP_POST_URL.format(group=post.group_id, id=post.id)
    return HOME_POST_URL.format(id=post.id)


def _marked(text: str, q: str) -> str:
    """A name or description with the words that start like a searched word marked."""
    typed = words(q)[:MAX_QUERY_TERMS]
    return snippet(text, set(), matches=lambda w: any(w.startswith(t) for t in typed))


def group_results(viewer: Viewer, q: str, cursor: str | None, limit: int = PAGE) -> dict:
    page = groups.directory(viewer, {"q": q, "cursor": cursor})
    items = [{"type": "group", "id": g["id"], "title": g["name"],
              "snippet": _marked(g["description"] or "", q),
              "url": GROUP_URL.format(id=g["id"]), "date": None, "group": None}
             for g in page["items"][:limit]]
    return {"items": items, "next": page["next"] if limit >= PAGE else None}


def people(q: str, cursor: str | None, limit: int = PAGE) -> dict:
    """The directory's search, with each person's @handle for mentions (one BatchGet)."""
    page = directory.search(q, cursor=cursor)
    cards = page["items"][:limit]
    emails = {}
    if cards:
        emails = {p.id: p.email for p in Person.batch_get([Person.key(c["id"]) for c in cards],
                                                          attributes_to_get=["id", "email"])}
    items = []
    for card in cards:
        about = " · ".join(x for x in (card.get("title"), card.get("department")) if x)
        items.append({"type": "person", "id": card["id"], "title": card["name"],
                      "snippet": _marked(about, q), "url": PROFILE_URL.format(id=card["id"]),
                      "date": None, "group": None, "photo": card.get("photo"),
                      "handle": emails.get(card["id"], "").partition("@")[0] or None})
    return {"items": items, "next": page["next"] if limit >= PAGE else None}
