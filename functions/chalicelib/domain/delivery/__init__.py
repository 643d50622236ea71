"""Delivering notifications outside the app: Web Push to a person's devices and email, now or
in a daily or weekly digest. The fan-out (`domain/notifications`) decides what to deliver;
this package decides how. It never raises for an unreachable device or mailbox: the
notification is in the app either way, and raising would make the stream deliver the whole
batch again, pushing and mailing everyone else twice.

See docs/email-and-push.md.
"""

import logging
from concurrent.futures import ThreadPoolExecutor

from ...clock import Clock, system_clock
from .. import i18n
from ..brand import brand
from . import message, push, transport, unsubscribe

log = logging.getLogger(__name__)

PERIODS = ("daily", "weekly")
MAX_DIGEST_LINES = 50


def _lang(person) -> str:
    return i18n.language(getattr(person, "language", "nl"))


def _stamp(now) -> str:
    return now.strftime("%Y%m%dT%H%M%S%fZ")


def _mailable(person, mailer) -> bool:
    if mailer is None or not person.email:
        return False
    return not mailer.suppressed(person.email)


def deliver_now(person, note: dict, clock: Clock = system_clock, mailer=None) -> None:
    """Called once per new notification: push to every device, and mail it when the person
    chose "immediately" for its type and has not turned that type off by link."""
    try:
        push.send(person.id, push.payload(note, brand()["name"]))
    except Exception:  # a push service's trouble must not lose the mail
        log.exception("push for notification %s failed", note.get("id"))
    if note.get("mail") != "now":
        return
    try:
        _mail_now(person, note, clock, mailer or transport.default())
    except Exception:  # SES throttling or an outage: logged, and the note stays in the app
        log.exception("mail for notification %s failed", note.get("id"))


def _mail_now(person, note: dict, clock: Clock, mailer) -> None:
    if note.get("type") in unsubscribe.turned_off(person.id) or not _mailable(person, mailer):
        return
    lang, now = _lang(person), clock()
    _ = i18n.translator(lang)
    text = str(note.get("text", ""))
    subject = " ".join(text.split())[:200]  # one line, however the text came
    heading = _("New on %(site)s") % {"site": brand()["name"]}
    mail = message.compose(person, subject, heading, [message.Line(text, note.get("url", ""))],
                           kind=str(note.get("type")), lang=lang, now=now, from_=mailer.sender)
    mailer.send(mail, _stamp(now))


def deliver_all(pairs: list[tuple], clock: Clock = system_clock, workers: int = 16) -> None:
    """`deliver_now` for many (person, note) pairs side by side: a push or a mail waits on
    another service for tens of milliseconds, so a post to 1,000 followers delivered one by
    one would spend most of the handler's time waiting. botocore clients are thread-safe."""
    if not pairs:
        return
    with ThreadPoolExecutor(max_workers=min(workers, len(pairs))) as pool:
        list(pool.map(lambda pair: deliver_now(pair[0], pair[1], clock=clock), pairs))


def forget_items(person_id: str) -> list:
    """What goes with a deleted account: its devices (and their owner records, when still
    this person's) and its mail opt-outs; for `owndata._delete_profile`'s transaction (at most
    2 × 11 + 1 items, one Query and one BatchGet to find them)."""
    from ...models.delivery import PUSH_PREFIX, MailOptOut, PushEndpoint

    devices = push.devices(person_id)
    owners = [PushEndpoint(*PushEndpoint.key(d.sk.removeprefix(PUSH_PREFIX))) for d in devices]
    mine = [o for o in PushEndpoint.batch_get([(o.pk, o.sk) for o in owners])
            if o.person_id == person_id] if owners else []
    return [*devices, *mine, MailOptOut(*MailOptOut.key(person_id))]


def digest_lines(person, notes: list[dict], period: str, turned_off: set[str]) -> list[dict]:
    """The notes a digest may show: types not turned off, from groups the person can still
    read at send time, newest first."""
    from ...models import Person
    from ..standing import READABLE_BATCH, standings_in
    from ..viewer import Viewer

    if f"digest:{period}" in turned_off:
        return []
    notes = [n for n in notes if n.get("type") not in turned_off]
    groups = {n["group"] for n in notes if n.get("group")}
    if groups:
        who = Viewer(id=person.id, name=person.name, email=person.email,
                     role=getattr(person, "role", "employee"),
                     person=person if isinstance(person, Person) else None)
        ids, step = sorted(groups), READABLE_BATCH  # one BatchGet per 50 groups
        readable = {g for start in range(0, len(ids), step)
                    for g, st in standings_in(who, ids[start:start + step]).items()
                    if st.may("read")}
        notes = [n for n in notes if not n.get("group") or n["group"] in readable]
    return sorted(notes, key=lambda n: str(n.get("created", "")), reverse=True)


def send_digest(person, notes: list[dict], period: str, clock: Clock = system_clock,
                mailer=None) -> bool:
    """One summary mail of `notes` (daily or weekly); True when a message was sent."""
    if period not in PERIODS:
        raise ValueError(f"period is one of {PERIODS}")
    mailer = mailer or transport.default()
    notes = digest_lines(person, notes, period, unsubscribe.turned_off(person.id))
    if not notes or not _mailable(person, mailer):
        return False
    lang, now = _lang(person), clock()
    _ = i18n.translator(lang)
    site = brand()["name"]
    subject = (_("Your daily summary from %(site)s") if period == "daily"
               else _("Your weekly summary from %(site)s")) % {"site": site}
    lines = [message.Line(str(n.get("text", "")), n.get("url", ""))
             for n in notes[:MAX_DIGEST_LINES]]
    if len(notes) > MAX_DIGEST_LINES:
        lines.append(message.Line(_("And %(count)s more on %(site)s.") % {
            "count": len(notes) - MAX_DIGEST_LINES, "site": site}, "/"))
    heading = _("What happened since your last summary")
    mailer.send(message.compose(person, subject, heading, lines, f"digest:{period}", lang, now,
                                from_=mailer.sender), _stamp(now))
    return True
