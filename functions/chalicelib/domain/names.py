"""How names, departments and expertise tags are compared: folded to lower-case ASCII, so that
"Yılmaz" is found by "yilmaz" and "Org change" and "org-change" are one tag. Pure functions."""

import re

from unidecode import unidecode

from ..errors import invalid

MAX_TAGS = 10
MAX_TAG_CHARS = 40
MAX_NAME_TOKENS = 8  # bounds the index items (and transaction size) one person costs
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; punctuation becomes a separator."""
    return " ".join(_NOT_ALNUM.split(unidecode(text or "").lower())).strip()


def sort_name(name: str) -> str:
    return fold(name)


def name_tokens(name: str) -> list[str]:
    return list(dict.fromkeys(fold(name).split()))[:MAX_NAME_TOKENS]


def key(label: str) -> str:
    """The key a department or tag is stored and filtered under."""
    return fold(label).replace(" ", "-")


def tag_label(raw) -> str:
    """A tag as the person typed it, tidied: lower-case, single spaces."""
    if not isinstance(raw, str):
        raise invalid("expertise", "Each expertise tag must be text.")
    label = " ".join(raw.split()).lower()
    if not label or not key(label):
        raise invalid("expertise", "An expertise tag needs at least one letter or digit.")
    if len(label) > MAX_TAG_CHARS:
        raise invalid("expertise", f"An expertise tag is at most {MAX_TAG_CHARS} characters.")
    return label


def tag_labels(raw) -> list[str]:
    """Tags from a list; two spellings of one key keep the first."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise invalid("expertise", "Expertise must be a list of tags.")
    seen, labels = set(), []
    for item in raw:
        label = tag_label(item)
        if key(label) not in seen:
            seen.add(key(label))
            labels.append(label)
    if len(labels) > MAX_TAGS:
        raise invalid("expertise", f"At most {MAX_TAGS} expertise tags.")
    return labels


def matches_words(words: list[str], tokens: list[str]) -> bool:
    """Every word the searcher typed starts some word of the name."""
    return all(any(t.startswith(w) for t in tokens) for w in words)
