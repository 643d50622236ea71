"""The digest job: finds the people with notes pending in the notifications' sparse index,
mails each one digest, and mails nobody twice when it runs again for the same day."""

from datetime import UTC, datetime
from functools import partial

import pytest
from delivery_steps import outbox_messages

MONDAY_7 = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)  # 07:00 in Amsterdam
TUESDAY_7 = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


def pending(dynamodb, table, person_id: str, n: int, period: str = "daily",
            created: str = "2026-11-29T10:00:00Z"):
    """A notification waiting for a digest, as docs/notifications.md lays it out."""
    note_id = f"comment.{person_id[-4:]}{n}"
    dynamodb.put_item(TableName=table, Item={
        "pk": {"S": f"NOTES#{person_id}"}, "sk": {"S": f"N#{note_id}"},
        "gsi2pk": {"S": f"DIGEST#{period}"},
        "gsi2sk": {"S": f"{person_id}#{created}#{note_id}"},
        "id": {"S": note_id}, "type": {"S": "comment"}, "created": {"S": created},
        "mail": {"S": period}})


def as_note(person, items):
    return [{"id": i["id"], "type": i["type"], "text": f"Reactie {i['id']}", "url": "/",
             "created": i["created"], "group": None, "mail": i["mail"]} for i in items]


@pytest.fixture
def run(tmp_path):
    from chalicelib.background.digest import digest
    from chalicelib.domain.delivery import send_digest
    from chalicelib.domain.delivery.transport import Outbox

    marked = []
    outbox = Outbox(tmp_path / "outbox")

    def go(at, period=None):
        return digest(at, period, notes_of=as_note,
                      mark=lambda person_id, ids, when: marked.append((person_id, ids)),
                      send=partial(send_digest, mailer=outbox))

    go.outbox, go.marked = outbox.folder, marked
    return go


def test_everyone_with_pending_notes_gets_one_digest_and_a_rerun_mails_nobody(
        run, make_person, dynamodb, table):
    anna, bram, carla = make_person(name="Anna"), make_person(name="Bram"), make_person()
    for n in range(3):
        pending(dynamodb, table, anna.id, n)
    pending(dynamodb, table, bram.id, 0)
    pending(dynamodb, table, carla.id, 0, period="weekly")
    pending(dynamodb, table, bram.id, 9, created="2026-12-02T10:00:00Z")  # after the run

    assert run(TUESDAY_7) == {"sent": 2, "skipped": 0, "empty": 0, "failed": 0}
    mails = outbox_messages(run.outbox)
    assert sorted(m["To"].addresses[0].display_name for m in mails) == ["Anna", "Bram"]
    anna_mail = next(m for m in mails if "Anna" in str(m["To"]))
    assert anna_mail.get_body(preferencelist=("plain",)).get_content().count("Reactie") == 3
    assert sorted(len(ids) for _p, ids in run.marked) == [1, 3]

    # The same day again (a retried schedule): nothing new goes out.
    assert run(TUESDAY_7) == {"sent": 0, "skipped": 2, "empty": 0, "failed": 0}
    assert len(outbox_messages(run.outbox)) == 2


def test_weekly_digests_go_out_on_monday(run, make_person, dynamodb, table):
    carla = make_person()
    pending(dynamodb, table, carla.id, 0, period="weekly")
    assert run(TUESDAY_7)["sent"] == 0
    assert run(MONDAY_7)["sent"] == 1
    [mail] = outbox_messages(run.outbox)
    assert mail["Subject"] == "Je wekelijkse overzicht van Plein"


def test_the_schedule_runs_the_digest_only_at_seven_local_time():
    from chalicelib.background.digest import due_periods, local, scheduled, stamp

    assert local(MONDAY_7).hour == 7
    assert local(datetime(2026, 7, 6, 5, 0, tzinfo=UTC)).hour == 7  # summer time
    assert due_periods(MONDAY_7) == ["daily", "weekly"]
    assert due_periods(TUESDAY_7) == ["daily"]
    assert stamp("weekly", MONDAY_7) == "2026-W49"
    assert scheduled(datetime(2026, 12, 1, 7, 0, tzinfo=UTC)) is None  # 08:00 local
