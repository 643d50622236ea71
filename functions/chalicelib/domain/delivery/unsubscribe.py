"""One-click unsubscribe (RFC 8058): a signed link per person and kind of mail, usable without
signing in, that turns that kind of mail off.

The link is a JWT signed with a key derived from the session key (`sessions.derived_key`), so
it can never pass as a session nor a session as it. It does not expire: a mail read a year
later must still let its reader stop the next one. A tampered or foreign token does nothing.
"""

import html
import urllib.parse

from ... import lazy
from ...errors import ApiError, invalid
from ...models.delivery import MailOptOut
from .. import i18n, sessions
from ..brand import brand

jwt = lazy.module("jwt")

_ALGORITHM = "HS256"
_PURPOSE = "mail-unsubscribe"
DIGEST_KINDS = ("digest:daily", "digest:weekly")


def _key() -> bytes:
    return sessions.derived_key(_PURPOSE)


def token(person_id: str, kind: str, lang: str) -> str:
    return jwt.encode({"p": person_id, "k": kind, "l": lang, "typ": _PURPOSE}, _key(),
                      algorithm=_ALGORITHM)


def read(value: str | None) -> dict:
    """The token's claims; 400 when there is none, 403 when its signature or shape is wrong."""
    if not value:
        raise invalid("token", "The link has no token.")
    try:
        claims = jwt.decode(value, _key(), algorithms=[_ALGORITHM],
                            options={"require": ["p", "k", "typ"]})
    except jwt.PyJWTError:
        raise ApiError(403, "forbidden", "This unsubscribe link is not valid.") from None
    if claims.get("typ") != _PURPOSE or not all(
            isinstance(claims.get(k), str) and claims[k] for k in ("p", "k")):
        raise ApiError(403, "forbidden", "This unsubscribe link is not valid.")
    return claims


def turn_off(value: str | None) -> dict:
    """Turns the token's kind of mail off for its person; safe to repeat."""
    claims = read(value)
    MailOptOut(*MailOptOut.key(claims["p"])).update(actions=[MailOptOut.kinds.add({claims["k"]})])
    return {"kind": claims["k"], "lang": claims.get("l", "nl")}


def turned_off(person_id: str) -> set[str]:
    """The kinds of mail this person turned off by link (one GetItem)."""
    try:
        return set(MailOptOut.get(*MailOptOut.key(person_id)).kinds or ())
    except MailOptOut.DoesNotExist:
        return set()


def _page(lang: str, title: str, body: str, form: str = "") -> str:
    e = html.escape
    return (f'<!DOCTYPE html>\n<html lang="{e(lang)}">\n<head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(title)}</title></head>\n<body>\n<main>\n<h1>{e(title)}</h1>\n"
            f"<p>{e(body)}</p>\n{form}</main>\n</body>\n</html>\n")


def confirm_page(value: str | None) -> str:
    """What a click in the mail shows: a button, since link scanners follow every link."""
    claims = read(value)
    lang = i18n.language(claims.get("l"))
    _ = i18n.translator(lang)
    action = html.escape("?" + urllib.parse.urlencode({"token": value}))
    form = (f'<form method="post" action="{action}">'
            '<input type="hidden" name="List-Unsubscribe" value="One-Click">'
            f'<button type="submit">{html.escape(_("Turn off"))}</button></form>\n')
    return _page(lang, _("Turn off these emails?"),
                 _("You will no longer get these emails from %(site)s.") % {
                     "site": brand()["name"]}, form)


def done_page(value: str | None) -> str:
    lang = i18n.language(turn_off(value)["lang"])
    _ = i18n.translator(lang)
    return _page(lang, _("These emails are turned off."),
                 _("You can turn them on again under My data."))
