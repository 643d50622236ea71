"""The two-day promise: a question unanswered for two days reminds its group's managers, or
for organisation-wide questions the content managers, once; and the job's plumbing."""

from datetime import UTC, datetime, timedelta

import pytest
from groups_steps import GroupApi
from notification_steps import Api, Recorder


@pytest.fixture
def api(client, as_person):
    return Api(client, as_person)


def test_a_question_waiting_two_days_reminds_its_managers_once(api, client, as_person,
                                                              make_person, stream):
    from chalicelib.background import jobs
    from chalicelib.domain.notifications import reminders

    groups = GroupApi(client, as_person)
    manager, asker, bystander = make_person(), make_person(), make_person()
    group = groups.create(manager, "open", name="Juridisch")
    groups.join(group["id"], asker)
    groups.join(group["id"], bystander)
    question = api.post(asker, "Mag dit?", kind="question", group=group["id"])
    answered = api.post(asker, "En dit?", kind="question", group=group["id"])
    reply = api.comment(bystander, answered["id"], "Ja")
    api.call("POST", f"/api/posts/{answered['id']}/answer", asker, {"comment": reply["id"]})
    stream.drain()
    now = datetime.now(UTC)
    recorder = Recorder()
    assert reminders.run(now + timedelta(days=1), recorder)["questions"] == 0
    first = reminders.run(now + timedelta(days=2, hours=1), recorder)
    assert first["questions"] == 1 and first["notified"] == 1
    assert [(p, n["type"]) for p, n in recorder.sent] == [(manager.id, "reminder")]
    note = recorder.sent[0][1]
    assert note["url"] == f"/groep.html?id={group['id']}#needs-answer"
    assert note["text"] == "Een vraag in Juridisch wacht al twee dagen op een antwoord"
    # Again an hour later, and through the scheduled job's own entry: nothing new.
    assert jobs.run("reminders", now + timedelta(days=2, hours=2))["questions"] == 0
    assert [i["type"] for i in api.notes(manager)["items"]] == ["reminder"]
    assert all(i["type"] != "reminder" for i in api.notes(bystander)["items"])
    assert question["id"] in api.notes(manager)["items"][0]["id"]


def test_organisation_wide_questions_remind_the_content_managers(api, make_person):
    from chalicelib.domain.notifications import reminders

    editor, asker, colleague = make_person(role="content_manager"), make_person(), \
        make_person()
    api.post(asker, "Waar staat het beleid?", kind="question")
    recorder = Recorder()
    reminders.run(datetime.now(UTC) + timedelta(days=2, minutes=5), recorder)
    assert [p for p, _n in recorder.sent] == [editor.id]
    assert recorder.sent[0][1]["url"] == "/dashboard.html"
    assert colleague.id not in {p for p, _n in recorder.sent}


def test_the_local_scheduler_runs_a_job_when_it_is_due(table):
    import threading

    from chalicelib.background.jobs import Daily, Every

    from infra.jobs import Scheduler

    class Clock:
        now = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)

        def __call__(self):
            return self.now

    clock = Clock()
    scheduler = Scheduler(clock, threading.Event())
    assert scheduler.run_due() == []
    clock.now += timedelta(minutes=31)
    assert scheduler.run_due() == ["reminders"]
    assert scheduler.run_due() == []
    # 07:00 in Amsterdam is 06:00 UTC in winter and 05:00 UTC in summer.
    seven = Daily(datetime.strptime("07:00", "%H:%M").time())
    assert seven.next_after(datetime(2026, 1, 5, 6, 0, tzinfo=UTC)) == datetime(
        2026, 1, 6, 6, 0, tzinfo=UTC)
    assert seven.next_after(datetime(2026, 7, 5, 4, 0, tzinfo=UTC)) == datetime(
        2026, 7, 5, 5, 0, tzinfo=UTC)
    assert Every(timedelta(hours=1)).next_after(datetime(2026, 1, 1, 10, 15, tzinfo=UTC)) == \
        datetime(2026, 1, 1, 11, 0, tzinfo=UTC)


def test_plein_jobs_run_runs_a_job_as_if_at_another_time_on_local_data(tmp_path):
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent

    def plein(*args):
        return subprocess.run([sys.executable, "-m", "infra.cli", "jobs", "run", *args,
                               "--data-dir", str(tmp_path)], cwd=root, capture_output=True,
                              text=True, timeout=300)

    done = plein("reminders", "--at", "2030-01-01T09:00")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "job": "reminders", "at": "2030-01-01T09:00:00Z", "questions": 0, "notified": 0}
    assert (tmp_path / "dynamodb.json").exists()  # the local data, saved again
    unknown = plein("nope")
    assert unknown.returncode == 2 and "no job 'nope'" in unknown.stderr
