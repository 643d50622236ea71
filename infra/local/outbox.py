"""`/outbox/` on `plein dev`: the mail that would have been sent, one `.eml` file each.

Local only: `plein dev` mounts it, nothing deployed has it. The HTML part is served under a
sandboxing policy, so a message's markup can run nothing on this origin.
"""

import html
import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

from werkzeug.wrappers import Response

PREFIX = "/outbox/"
_NAME = re.compile(r"^([0-9A-Za-z]+-[0-9a-f]{12})\.(eml|html|txt)$")
_SANDBOX = "sandbox; default-src 'none'; style-src 'unsafe-inline'"


def _read(path: Path):
    with open(path, "rb") as fh:
        return BytesParser(policy=policy.default).parse(fh)


class OutboxApp:
    def __init__(self, folder: Path, headers: dict, lang: str = "nl"):
        self.folder = Path(folder)
        self.headers = headers
        self.lang = lang

    def _list(self) -> Response:
        from chalicelib.domain.i18n import translator

        _ = translator(self.lang)
        e = html.escape
        files = sorted(self.folder.glob("*.eml"), reverse=True) if self.folder.is_dir() else []
        rows = []
        for path in files[:500]:
            mail, stem = _read(path), path.stem
            rows.append(
                f"<tr><td>{e(str(mail['Date']))}</td><td>{e(str(mail['To']))}</td>"
                f"<td>{e(str(mail['Subject']))}</td><td><a href=\"{e(stem)}.html\">HTML</a> · "
                f"<a href=\"{e(stem)}.txt\">{e(_('Text'))}</a> · "
                f"<a href=\"{e(stem)}.eml\">.eml</a></td></tr>")
        table = (f"<table><thead><tr><th scope=\"col\">{e(_('Sent'))}</th>"
                 f"<th scope=\"col\">{e(_('To'))}</th><th scope=\"col\">{e(_('Subject'))}</th>"
                 f"<th scope=\"col\">{e(_('Message'))}</th></tr></thead>"
                 f"<tbody>{''.join(rows)}</tbody></table>"
                 if rows else f"<p>{e(_('No messages yet.'))}</p>")
        intro = _("What would have been sent by email: every message as a file in %(folder)s.") \
            % {"folder": str(self.folder)}
        body = (f"<!DOCTYPE html><html lang=\"{e(self.lang)}\"><head><meta charset=\"utf-8\">"
                f"<title>{e(_('Outbox'))}</title></head><body><main><h1>{e(_('Outbox'))}</h1>"
                f"<p>{e(intro)}</p>{table}</main></body></html>")
        return Response(body, content_type="text/html; charset=utf-8", headers=self.headers)

    def _one(self, name: str) -> Response:
        match = _NAME.match(name)
        path = self.folder / f"{match.group(1)}.eml" if match else None
        if path is None or not path.is_file():
            return Response("Not found", status=404, content_type="text/plain")
        kind = match.group(2)
        if kind == "eml":
            return Response(path.read_bytes(), content_type="text/plain; charset=utf-8",
                            headers=self.headers)
        part = _read(path).get_body(preferencelist=("html",) if kind == "html" else ("plain",))
        text = part.get_content() if part else ""
        headers = {**self.headers, "Content-Security-Policy": _SANDBOX} if kind == "html" \
            else self.headers
        return Response(text, content_type=f"text/{'html' if kind == 'html' else 'plain'}; "
                        "charset=utf-8", headers=headers)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "/")
        name = path[len(PREFIX):] if path.startswith(PREFIX) else ""
        response = self._list() if name in ("", "index.html") else self._one(name)
        return response(environ, start_response)
