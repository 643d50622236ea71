"""From text to the index's terms: words folded (case, accents), stop words dropped, stemmed
with Snowball. Pure functions; the same on the writing and the reading side.

A post has no language of its own, and colleagues search in the language they think in, not
in the one a post happens to be written in. So every word of a document is indexed under its
Dutch stem and, where that differs, its English stem; a query is stemmed once, in its own
language. A word is then found from either language at the cost of a few more entries (the
two stems agree for most words: `bench/search.py` counts the writes).
"""

import html
import re
from collections import Counter
from functools import lru_cache

import nh3

from ..names import fold

LANGUAGES = {"nl": "dutch", "en": "english"}
MAX_QUERY_TERMS = 5  # one Query per term: the bound on a search's calls
MAX_DOC_TERMS = 300  # entries one document may cost, however long it is
MAX_COUNT = 5  # a word repeated more often does not rank higher
MIN_CHARS = 2


@lru_cache(maxsize=2)
def _stemmer(lang: str):
    import snowballstemmer  # only search and indexing need it, not every cold start

    return snowballstemmer.stemmer(LANGUAGES[lang])


@lru_cache(maxsize=1)
def stop_words() -> dict[str, frozenset[str]]:
    from stopwords import get_stopwords

    # Contractions fold to two words ("don't": "don", "t"); both parts are stop words then.
    return {lang: frozenset(part for w in get_stopwords(name) for part in fold(w).split())
            for lang, name in LANGUAGES.items()}


def words(text: str) -> list[str]:
    """Folded words: lower-case ASCII, so "Café" and "cafe" are one word."""
    return fold(text).split()


def plain_text(markdown_text: str) -> str:
    """What a reader sees of Markdown, without its markup: enough to index and to quote."""
    from ..render import markdown_to_html

    return " ".join(html.unescape(nh3.clean(markdown_to_html(markdown_text), tags=set()))
                    .split())


def language(folded: list[str], default: str = "nl") -> str:
    """The language whose stop words the text uses most; `default` when it has none."""
    stops = stop_words()
    counts = {lang: sum(w in stops[lang] for w in folded) for lang in LANGUAGES}
    best = max(counts, key=lambda lang: (counts[lang], lang == default))
    return best if counts[best] else default


def _content(folded: list[str]) -> list[str]:
    stops = stop_words()
    return [w for w in folded if len(w) >= MIN_CHARS and not (w in stops["nl"] or
                                                              w in stops["en"])]


def stem(word: str, lang: str) -> str:
    return _stemmer(lang).stemWord(word)


def document_terms(text: str) -> dict[str, int]:
    """Stem -> occurrences (capped) for indexing: Dutch and English stems of every word."""
    counts: Counter[str] = Counter()
    for word in _content(words(text)):
        for stemmed in {stem(word, lang) for lang in LANGUAGES}:
            counts[stemmed] += 1
    # The first MAX_DOC_TERMS distinct stems, in order of first occurrence.
    return {s: min(n, MAX_COUNT) for s, n in list(counts.items())[:MAX_DOC_TERMS]}


def query_terms(query: str, default_lang: str = "nl") -> list[str]:
    """The distinct stems of a query, in the query's language (its stop words say which, else
    the reader's), at most MAX_QUERY_TERMS."""
    folded = words(query)
    lang = language(folded, default_lang if default_lang in LANGUAGES else "nl")
    found = [stem(w, lang) for w in _content(folded)]
    return list(dict.fromkeys(found))[:MAX_QUERY_TERMS]


_TOKEN = re.compile(r"\w+", re.UNICODE)


def stem_matcher(stems: set[str]):
    """A test of a folded word: is its stem (in either language) one of `stems`?"""
    return lambda word: any(stem(word, lang) in stems for lang in LANGUAGES)


def matching_spans(text: str, matches) -> list[tuple[int, int]]:
    """Where in `text` the words stand that `matches` (a test of a folded word) accepts."""
    return [m.span() for m in _TOKEN.finditer(text)
            if any(matches(word) for word in words(m.group(0)))]
