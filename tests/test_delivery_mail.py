"""Notification mail: what a message holds (both parts, branding, language, the one-click
unsubscribe headers), digests, suppression, and the unsubscribe link with and without
tampering. Messages go to a real outbox folder and are read back with `email.parser`."""

import re
import urllib.parse

import pytest
from delivery_steps import outbox_messages

NOTES = [
    {"id": "comment.01", "type": "comment", "text": "Anna reageerde op je bericht",
     "url": "/index.html?post=01#comment-01", "created": "2026-11-26T10:00:00Z",
     "group": None, "mail": "daily"},
    {"id": "mention.02", "type": "mention", "text": "Bram noemde je: <b>kijk</b> & zie",
     "url": "/index.html?post=02", "created": "2026-11-26T12:00:00Z", "group": None,
     "mail": "daily"},
    {"id": "likes.03", "type": "likes", "text": "Kees vindt je bericht leuk",
     "url": "/\\evil.example/x", "created": "2026-11-25T12:00:00Z", "group": None,
     "mail": "daily"},
]


@pytest.fixture
def outbox(tmp_path):
    from chalicelib.domain.delivery.transport import Outbox

    return Outbox(tmp_path / "outbox")


def parts(mail) -> tuple[str, str]:
    return (mail.get_body(preferencelist=("plain",)).get_content(),
            mail.get_body(preferencelist=("html",)).get_content())


def unsubscribe_path(mail) -> str:
    url = re.fullmatch(r"<(.+)>", mail["List-Unsubscribe"]).group(1)
    parsed = urllib.parse.urlsplit(url)
    return f"{parsed.path}?{parsed.query}"


def test_a_daily_digest_in_dutch_has_both_parts_the_branding_and_one_click_headers(
        make_person, clock, outbox):
    from chalicelib.domain.delivery import send_digest

    person = make_person(name="Sanne Visser")
    assert send_digest(person, NOTES, "daily", clock=clock, mailer=outbox)

    [mail] = outbox_messages(outbox.folder)
    assert mail["Subject"] == "Je dagelijkse overzicht van Plein"
    assert mail["To"].addresses[0].addr_spec == person.email
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_path(mail).startswith("/api/mail/unsubscribe?token=")
    assert mail.get_content_type() == "multipart/alternative"
    text, html = parts(mail)
    # Newest first, in both parts, each with its link on our own site.
    assert text.index("Bram noemde je") < text.index("Anna reageerde op je bericht")
    assert "http://127.0.0.1:8000/index.html?post=01#comment-01" in text
    assert "Wat er gebeurde sinds je vorige overzicht" in text
    assert '<html lang="nl">' in html and "#0b5c6b" in html  # pelicanconf's primary colour
    assert "&lt;b&gt;kijk&lt;/b&gt; &amp; zie" in html and "<b>kijk" not in html
    assert "Deze e-mails uitzetten" in html
    assert "<img" not in html and "src=" not in html  # no third-party (or any) images
    assert "evil.example" not in text + html  # a note's link is only ever a page of ours


def test_the_digest_speaks_english_to_an_english_reader(make_person, clock, outbox):
    from chalicelib.domain.delivery import send_digest

    person = make_person()
    person.language = "en"  # the notifications branch's per-person language
    send_digest(person, NOTES[:1], "weekly", clock=clock, mailer=outbox)

    [mail] = outbox_messages(outbox.folder)
    assert mail["Subject"] == "Your weekly summary from Plein"
    text, html = parts(mail)
    assert "What happened since your last summary" in text
    assert '<html lang="en">' in html and "Turn off these emails" in html


def test_a_digest_leaves_out_groups_the_reader_cannot_read_and_types_turned_off(
        make_person, clock, outbox):
    from chalicelib.domain.delivery import send_digest

    person = make_person()
    gone = {**NOTES[0], "id": "post.03", "text": "Geheim bericht",
            "group": "01JDELETEDGROUP000000000000"}
    assert send_digest(person, [*NOTES, gone], "daily", clock=clock, mailer=outbox)
    assert "Geheim bericht" not in parts(outbox_messages(outbox.folder)[0])[0]
    # Nothing left to tell: no mail at all.
    assert not send_digest(person, [gone], "daily", clock=clock, mailer=outbox)
    assert len(outbox_messages(outbox.folder)) == 1


def test_deliver_now_mails_only_immediate_notes_and_not_to_a_suppressed_address(
        make_person, clock, outbox):
    from chalicelib.domain.delivery import deliver_now

    person = make_person()
    deliver_now(person, {**NOTES[1], "mail": "daily"}, clock=clock, mailer=outbox)
    assert outbox_messages(outbox.folder) == []

    deliver_now(person, {**NOTES[1], "mail": "now"}, clock=clock, mailer=outbox)
    [mail] = outbox_messages(outbox.folder)
    assert mail["Subject"] == NOTES[1]["text"]
    assert "Nieuw op Plein" in parts(mail)[0]

    (outbox.folder / "suppressed.txt").write_text(f"{person.email.upper()}\n")
    clock.advance(minutes=1)
    deliver_now(person, {**NOTES[1], "mail": "now"}, clock=clock, mailer=outbox)
    assert len(outbox_messages(outbox.folder)) == 1


def one_click(client, path: str):
    """What a mail provider sends for RFC 8058: a form POST, no cookie, no Origin."""
    return client.http.post(path, headers={
        "host": "plein.test", "content-type": "application/x-www-form-urlencoded"},
        body=b"List-Unsubscribe=One-Click")


def test_one_click_unsubscribe_turns_that_type_off_without_signing_in(
        client, make_person, clock, outbox):
    from chalicelib.domain.delivery import deliver_now

    person = make_person()
    mention = {**NOTES[1], "mail": "now"}
    deliver_now(person, mention, clock=clock, mailer=outbox)
    path = unsubscribe_path(outbox_messages(outbox.folder)[0])

    page = client.http.get(path, headers={"host": "plein.test"})
    assert page.status_code == 200 and b'method="post"' in page.body
    clock.advance(minutes=1)
    deliver_now(person, mention, clock=clock, mailer=outbox)
    assert len(outbox_messages(outbox.folder)) == 2  # looking at the link changed nothing

    assert one_click(client, path).status_code == 200
    assert one_click(client, path).status_code == 200  # twice is fine
    # Providers differ in how they send the form; the token is what counts.
    for content_type in ("multipart/form-data; boundary=x", None):
        headers = {"host": "plein.test", **({"content-type": content_type}
                                            if content_type else {})}
        assert client.http.post(path, headers=headers, body=b"").status_code == 200
    clock.advance(minutes=1)
    deliver_now(person, mention, clock=clock, mailer=outbox)
    deliver_now(person, {**NOTES[0], "mail": "now"}, clock=clock, mailer=outbox)
    subjects = [m["Subject"] for m in outbox_messages(outbox.folder)]
    assert subjects == [mention["text"], mention["text"], NOTES[0]["text"]]


def test_a_tampered_unsubscribe_link_does_nothing(client, make_person, clock, outbox):
    import jwt
    from chalicelib.domain.delivery import deliver_now, unsubscribe

    person = make_person()
    deliver_now(person, {**NOTES[1], "mail": "now"}, clock=clock, mailer=outbox)
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(
        unsubscribe_path(outbox_messages(outbox.folder)[0])).query)["token"][0]
    head, body, signature = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    other = jwt.encode({**claims, "k": "comment"}, "a guessed key, long enough for HS256",
                       algorithm="HS256")
    forged = [
        f"{head}.{body}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}",
        f"{head}.{other.split('.')[1]}.{signature}",  # another kind, the old signature
        other,
        f"{head}.{body}.",  # no signature at all
    ]
    for bad in forged:
        path = "/api/mail/unsubscribe?" + urllib.parse.urlencode({"token": bad})
        assert one_click(client, path).status_code == 403
        assert client.http.get(path, headers={"host": "plein.test"}).status_code == 403
    assert one_click(client, "/api/mail/unsubscribe").status_code == 400
    assert unsubscribe.turned_off(person.id) == set()


def test_deployed_mail_goes_to_ses_v2_as_raw_content_with_the_configuration_set(
        aws, table, make_person, clock):
    """Against moto's SES v2, which keeps what it was sent."""
    import json
    import urllib.request
    from email import policy
    from email.parser import BytesParser

    from chalicelib.domain.delivery import send_digest
    from chalicelib.domain.delivery.transport import Ses, for_settings
    from chalicelib.settings import load

    aws.client("sesv2").create_email_identity(EmailIdentity="voorbeeld.nl")
    mailer = for_settings(load({
        "PLEIN_STAGE": "prod", "PLEIN_MAIL_SENDER": "Gemeente Voorbeeld <plein@voorbeeld.nl>",
        "PLEIN_MAIL_CONFIGURATION_SET": "plein", "PLEIN_SES_ENDPOINT": aws.endpoint}))
    assert isinstance(mailer, Ses)
    person = make_person()
    assert send_digest(person, NOTES, "daily", clock=clock, mailer=mailer)

    with urllib.request.urlopen(f"{aws.endpoint}/moto-api/data.json") as answer:
        [sent] = json.loads(answer.read())["ses"]["RawMessage"]
    assert sent["source"] == "plein@voorbeeld.nl" and person.email in sent["destinations"]
    mail = BytesParser(policy=policy.default).parsebytes(sent["raw_data"].encode())
    assert str(mail["From"]) == "Gemeente Voorbeeld <plein@voorbeeld.nl>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert {p.get_content_type() for p in mail.iter_parts()} == {"text/plain", "text/html"}
