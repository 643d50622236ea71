"""Every payload of the corpus, rendered, parsed as a browser would: only allowed tags, no
event handlers or styles, and links only to safe schemes."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from xss_payloads import PAYLOADS

ALLOWED = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
           "h3", "h4", "del"}


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 50 and len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_renders_harmless(payload):
    from chalicelib.domain.render import markdown_to_html

    html = markdown_to_html(payload, {"anna.de.vries": "01JAAAAAAAAAAAAAAAAAAAAAAA"})
    for tag, attrs in elements(html):
        assert tag in ALLOWED, html
        assert set(attrs) <= ({"href", "title", "rel"} if tag == "a" else set()), html
        if "href" in attrs:
            scheme = urlsplit(attrs["href"].strip()).scheme.lower()
            assert scheme in ("", "http", "https", "mailto"), html
