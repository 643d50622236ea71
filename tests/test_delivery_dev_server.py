"""`plein dev` shows the mail it would have sent on /outbox/ and serves the service worker from
the site root."""

import urllib.error
import urllib.request
from email import policy
from email.parser import BytesParser

import pytest
from devserver import DevServer


def get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def test_the_outbox_page_lists_every_message_and_shows_its_parts(tmp_path, built_site,
                                                                  make_person, clock):
    from chalicelib.domain.delivery import send_digest
    from chalicelib.domain.delivery.transport import Outbox

    server = DevServer(tmp_path / "data", built_site).start()
    try:
        person = make_person(name="Noor <script>")
        outbox = Outbox(tmp_path / "data" / "outbox")  # where plein dev writes its mail
        send_digest(person, [{"id": "comment.1", "type": "comment", "url": "/",
                              "text": "Anna reageerde", "created": "2026-11-27T08:00:00Z",
                              "group": None, "mail": "daily"}], "daily", clock=clock,
                    mailer=outbox)
        [eml] = list(outbox.folder.glob("*.eml"))

        status, _headers, page = get(f"{server.url}/outbox/")
        assert status == 200
        text = page.decode()
        assert "Postvak UIT" in text and "Je dagelijkse overzicht van Plein" in text
        assert "<script>" not in text and "Noor &lt;script&gt;" in text
        _s, headers, html = get(f"{server.url}/outbox/{eml.stem}.html")
        assert "sandbox" in headers["Content-Security-Policy"] and b"Anna reageerde" in html
        _s, _h, plain = get(f"{server.url}/outbox/{eml.stem}.txt")
        assert b"Anna reageerde" in plain
        _s, _h, raw = get(f"{server.url}/outbox/{eml.stem}.eml")
        assert BytesParser(policy=policy.default).parsebytes(raw)["List-Unsubscribe-Post"] == \
            "List-Unsubscribe=One-Click"
        for bad in ("../dynamodb.json", "..%2Fsession-secret.eml", "x.eml"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                get(f"{server.url}/outbox/{bad}")
            assert refused.value.code == 404

        status, headers, worker = get(f"{server.url}/sw.js")
        assert "javascript" in headers["Content-Type"] and b"notificationclick" in worker
    finally:
        server.stop()
