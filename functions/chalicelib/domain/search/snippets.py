"""Titles and snippets for results: plain text, escaped, with the matching words in <mark>.

The text is the document as a reader sees it (Markdown without its markup), so a snippet never
carries markup of its own: every character is escaped, and the only tags are our <mark>s.
"""

import html

import nh3

from .terms import matching_spans, stem_matcher

SNIPPET_CHARS = 180
TITLE_CHARS = 80


def title(text: str) -> str:
    """The first words of a post, for the result's heading (plain text)."""
    if len(text) <= TITLE_CHARS:
        return text
    cut = text[:TITLE_CHARS].rsplit(" ", 1)[0]
    return f"{cut}…"


def snippet(text: str, stems: set[str], chars: int = SNIPPET_CHARS, matches=None) -> str:
    """A stretch of `text` around its first match, escaped, with every match marked: words
    with one of `stems`, or those `matches` (a test of a folded word) accepts."""
    spans = matching_spans(text, matches or stem_matcher(stems))
    start = 0
    if spans and spans[0][0] > chars // 3:
        start = text.rfind(" ", 0, spans[0][0] - chars // 3) + 1
    end = min(len(text), start + chars)
    if end < len(text):
        end = max(text.rfind(" ", start, end), spans[0][1] if spans else start + 1)
    out, at = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out += [html.escape(text[at:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        at = e
    out.append(html.escape(text[at:end]))
    marked = ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")
    # Escaped already; nh3 is the guarantee that nothing but <mark> can ever come through.
    return nh3.clean(marked, tags={"mark"}, attributes={})
