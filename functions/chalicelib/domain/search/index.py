"""The term index behind one small interface (`SearchIndex`), and its DynamoDB implementation.

An organisation of a few thousand writes a few hundred posts and comments a day; a term index
in the table it already pays for answers their searches in a handful of Queries, with nothing
to run. `SearchIndex` is what a larger organisation would implement over OpenSearch
Serverless instead (docs/search.md).

A query reads one partition per stem, newest first, side by side, and walks the shortest list
(the rarest stem), probing the others. A list is complete back to its last entry, so a
document the rarest list holds is certainly in or out of every other list that reaches back
that far; where a list of a common stem does not reach so far back, the hit is marked unsure
and the live document decides (the caller reads it anyway). The next window starts below the
rarest list's last entry.
"""

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from ulid import ULID

from ...ids import is_id
from ...models import IndexedDocument, TermEntry
from .. import cursors
from .terms import document_terms

READ_PER_TERM = 200  # entries one Query of a stem reads: ~20 kB, a few read units
HALF_LIFE_DAYS = 90  # a match this much older than the newest one counts half
_AFTER = "~"  # sorts after every ULID character: "<id>~" bounds a window just above <id>


@dataclass(frozen=True)
class Document:
    """What the index holds of a post, question or comment."""

    id: str
    kind: str  # post, question or comment
    part: str  # the feed partition of the post: FEED or GROUP#<id>
    text: str
    post: str | None = None  # a comment's post
    page: str | None = None  # a comment's static page


@dataclass(frozen=True)
class Hit:
    id: str
    kind: str
    part: str
    score: float
    post: str | None = None
    page: str | None = None
    sure: bool = True  # False: the index could not tell whether every stem occurs


class SearchIndex(Protocol):
    def index(self, doc: Document) -> int:
        """Makes the index hold `doc` as given (idempotent); returns the writes it took."""

    def remove(self, doc_id: str) -> int:
        """Takes the document out (idempotent); returns the writes it took."""

    def query(self, stems: list[str], cursor: str | None, limit: int) -> tuple[list[Hit],
                                                                              str | None]:
        """Documents holding every stem, best first, and the cursor of the next page. Access
        is checked by the caller against the live documents."""


def _decode(cursor: str) -> tuple[str, int]:
    def valid(raw: str) -> bool:
        bound, _, offset = raw.partition(".")
        return is_id(bound.removesuffix(_AFTER)) and offset.isdigit()

    bound, _, offset = cursors.decode(cursor, valid).partition(".")
    return bound, int(offset)


def _timestamp(doc_id: str) -> float:
    return ULID.from_str(doc_id).timestamp


class DynamoIndex:
    """TERM#<stem> / <doc id> entries, and one SEARCHDOC#<doc id> item listing its stems."""

    def index(self, doc: Document) -> int:
        new = document_terms(doc.text)
        if not new:
            return self.remove(doc.id)
        prev = self._indexed(doc.id)
        old = dict(prev.terms.as_dict()) if prev else {}
        same_place = prev is not None and (prev.part, prev.kind) == (doc.part, doc.kind)
        gone = old.keys() - new.keys()
        changed = {s: n for s, n in new.items() if not same_place or old.get(s) != n}
        if prev is not None and not gone and not changed:
            return 0
        with TermEntry.batch_write() as batch:
            for stem in gone:
                batch.delete(TermEntry(*TermEntry.key(stem, doc.id)))
            for stem, n in changed.items():
                batch.save(TermEntry(*TermEntry.key(stem, doc.id), kind=doc.kind,
                                     part=doc.part, n=n, post=doc.post, page=doc.page))
        # Last, so that a failure half-way leaves the old list, and the retry finishes the job.
        IndexedDocument(*IndexedDocument.key(doc.id), kind=doc.kind, part=doc.part, terms=new,
                        post=doc.post, page=doc.page).save()
        return len(gone) + len(changed) + 1

    def remove(self, doc_id: str) -> int:
        prev = self._indexed(doc_id)
        if prev is None:
            return 0
        stems = list(prev.terms.as_dict())
        with TermEntry.batch_write() as batch:
            for stem in stems:
                batch.delete(TermEntry(*TermEntry.key(stem, doc_id)))
        prev.delete()
        return len(stems) + 1

    @staticmethod
    def _indexed(doc_id: str) -> IndexedDocument | None:
        try:
            return IndexedDocument.get(*IndexedDocument.key(doc_id), consistent_read=True)
        except IndexedDocument.DoesNotExist:
            return None

    def query(self, stems: list[str], cursor: str | None, limit: int) -> tuple[list[Hit],
                                                                              str | None]:
        bound, offset = _decode(cursor) if cursor else (None, 0)
        if not stems:
            return [], None

        def read(stem: str) -> tuple[list[TermEntry], bool]:
            condition = TermEntry.sk < bound if bound else None
            pk = TermEntry.key(stem, "")[0]
            page = TermEntry.query(pk, condition, scan_index_forward=False,
                                   limit=READ_PER_TERM, page_size=READ_PER_TERM)
            found = list(page)
            return found, page.last_evaluated_key is not None

        with ThreadPoolExecutor(max_workers=len(stems)) as pool:
            lists = list(pool.map(read, stems))
        rarest, rarest_more = min(lists, key=lambda found: len(found[0]))
        probes = [({e.sk: e for e in found}, more and found[-1].sk) for found, more in lists]
        hits = []
        for entry in rarest:
            matches, sure = 0, True
            for probe, reaches in probes:
                other = probe.get(entry.sk)
                if other is not None:
                    matches += min(int(other.n or 1), 5)
                elif reaches and entry.sk < reaches:
                    # Older than this stem's list reaches: the live document decides.
                    matches, sure = matches + 1, False
                else:
                    break
            else:
                hits.append((entry, matches, sure))
        # Below the rarest list's last entry lies the next window.
        cutoff = rarest[-1].sk if rarest_more and rarest else None
        if not hits:
            return [], (cursors.encode(f"{cutoff}.0") if cutoff else None)
        newest = _timestamp(hits[0][0].sk)
        ranked = sorted(
            (Hit(e.sk, e.kind, e.part, m * math.pow(0.5, (newest - _timestamp(e.sk))
                                                    / 86400 / HALF_LIFE_DAYS), e.post, e.page,
                 sure) for e, m, sure in hits), key=lambda h: (h.score, h.id), reverse=True)
        # Later pages of this window keep its upper bound, so new posts do not shift them.
        top = bound or hits[0][0].sk + _AFTER
        page = ranked[offset:offset + limit]
        if offset + limit < len(ranked):
            nxt = cursors.encode(f"{top}.{offset + limit}")
        elif cutoff is not None:
            nxt = cursors.encode(f"{cutoff}.0")
        else:
            nxt = None
        return page, nxt

