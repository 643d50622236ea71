"""User text is stored as typed and rendered here: Markdown, then nh3 with an allow-list."""

import markdown
import nh3

from . import mentions as mention_links

_TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
         "h3", "h4", "del"}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}


def markdown_to_html(text: str, mentions: dict | None = None) -> str:
    source = mention_links.link(text, dict(mentions or {}))
    html = markdown.markdown(source, extensions=["fenced_code", "sane_lists"],
                             output_format="html")
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
