"""One email: plain text and HTML in the organisation's branding and the reader's language, with
a one-click unsubscribe link (RFC 8058). Built with the standard `email` package.
"""

import html
import urllib.parse
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr

from ...settings import settings
from .. import i18n
from ..brand import brand
from . import unsubscribe

# Where `plein dev` serves the site when no public URL is set (the links in a local .eml).
LOCAL_BASE_URL = "http://127.0.0.1:8000"
SETTINGS_PATH = "/mijn-gegevens.html"
LOCAL_SENDER = "plein@localhost"


@dataclass(frozen=True)
class Line:
    text: str
    url: str  # a path on the site; anything else is dropped


def base_url() -> str:
    return settings.public_url or LOCAL_BASE_URL


def absolute(path: str) -> str:
    """Only our own site's paths become links: a note's url is never a way to another host."""
    if not isinstance(path, str) or not path.startswith("/") or path[1:2] in ("/", "\\"):
        return ""
    return base_url() + path


def unsubscribe_url(person_id: str, kind: str, lang: str) -> str:
    query = urllib.parse.urlencode({"token": unsubscribe.token(person_id, kind, lang)})
    return f"{base_url()}/api/mail/unsubscribe?{query}"


def sender(configured: str) -> str:
    """The From: the configured sender, named after the site when it has no name."""
    name, address = parseaddr(configured)
    return formataddr((name or brand()["name"], address or LOCAL_SENDER))


def _text(heading: str, lines: list[Line], footer: list[str]) -> str:
    parts = [heading, "=" * len(heading), ""]
    for line in lines:
        parts.append(f"- {line.text}")
        if absolute(line.url):
            parts.append(f"  {absolute(line.url)}")
    return "\n".join([*parts, "", "-- ", *footer, ""])


def _html(lang: str, heading: str, lines: list[Line], reason: str,
          footer: list[tuple[str, str]], open_label: str) -> str:
    look = brand()
    colours = look["colours"]
    e = html.escape
    items = []
    for line in lines:
        link = absolute(line.url)
        more = (f'<br><a href="{e(link)}" style="color:{colours["primary"]}">{e(open_label)}</a>'
                if link else "")
        items.append(f'<li style="margin:0 0 12px">{e(line.text)}{more}</li>')
    links = " · ".join(f'<a href="{e(url)}" style="color:{colours["primary-dark"]}">{e(label)}</a>'
                       for label, url in footer)
    return f"""<!DOCTYPE html>
<html lang="{e(lang)}">
<head><meta charset="utf-8"><title>{e(heading)}</title></head>
<body style="margin:0;background:{colours["background"]};color:{colours["text"]};\
font-family:Arial,Helvetica,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0">
<tr><td style="background:{colours["primary"]};color:#ffffff;padding:16px 24px;\
font-size:20px;font-weight:bold">{e(look["name"])}</td></tr>
<tr><td style="padding:24px;background:#ffffff">
<h1 style="font-size:18px;margin:0 0 16px">{e(heading)}</h1>
<ul style="padding-left:20px;margin:0">{"".join(items)}</ul>
</td></tr>
<tr><td style="padding:16px 24px;font-size:13px;border-top:4px solid {colours["accent"]}">\
<p style="margin:0 0 8px">{e(reason)}</p>{links}</td></tr>
</table>
</body>
</html>
"""


def compose(person, subject: str, heading: str, lines: list[Line], kind: str, lang: str,
            now: datetime, from_: str = "") -> EmailMessage:
    """The whole message for `person`; `kind` is what its unsubscribe link turns off, `from_`
    the transport's sender."""
    _ = i18n.translator(lang)
    site = brand()["name"]
    leave = unsubscribe_url(person.id, kind, lang)
    manage = base_url() + SETTINGS_PATH
    footer = [(_("Turn off these emails"), leave), (_("Change your notification settings"),
                                                    manage)]
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender(from_)
    message["To"] = Address(display_name=person.name, addr_spec=person.email)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=parseaddr(sender(from_))[1].rpartition("@")[2])
    message["List-Unsubscribe"] = f"<{leave}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    message["Content-Language"] = lang
    reason = _("You get this email from %(site)s because of your notification settings.") % {
        "site": site}
    message.set_content(_text(heading, lines,
                              [reason, *(f"{label}: {url}" for label, url in footer)]))
    message.add_alternative(_html(lang, heading, lines, reason, footer,
                                  _("Open in %(site)s") % {"site": site}), subtype="html")
    return message
