"""The digest job's cost per employee: DynamoDB calls and time for each person with notes
waiting, mail written to a real outbox folder; and a rerun for the same day.

`python -m bench.digest [PEOPLE] [NOTES_EACH]` (defaults 200 and 3). Runs in a process of its
own, like the other benchmarks, because the settings are read once per process. Marking notes
mailed is done the way docs/notifications.md describes it (an UpdateItem per note removing the
gsi2 keys), so the count includes that part of the notifications store.
"""

import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from functools import partial

from .harness import TABLE, Stack

AT = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)  # a Tuesday, 07:00 in Amsterdam: daily only


def fill(dynamodb, people: list, notes_each: int) -> None:
    requests = []
    for person in people:
        for n in range(notes_each):
            note_id, created = f"comment.{person.id[-6:]}{n}", f"2026-11-30T1{n % 10}:00:00Z"
            requests.append({"PutRequest": {"Item": {
                "pk": {"S": f"NOTES#{person.id}"}, "sk": {"S": f"N#{note_id}"},
                "gsi2pk": {"S": "DIGEST#daily"},
                "gsi2sk": {"S": f"{person.id}#{created}#{note_id}"}, "id": {"S": note_id},
                "type": {"S": "comment"}, "created": {"S": created}, "mail": {"S": "daily"}}}})
    for start in range(0, len(requests), 25):
        batch = {TABLE: requests[start:start + 25]}
        while batch:
            batch = dynamodb.batch_write_item(RequestItems=batch).get("UnprocessedItems")


def as_notes(person, items):
    return [{"id": i["id"], "type": i["type"], "text": f"Collega reageerde ({i['id']})",
             "url": "/index.html", "created": i["created"], "group": None, "mail": "daily"}
            for i in items]


def mark_mailed(dynamodb, person_id: str, ids: list[str], at) -> None:
    for note_id in ids:
        dynamodb.update_item(TableName=TABLE, Key={"pk": {"S": f"NOTES#{person_id}"},
                                                   "sk": {"S": f"N#{note_id}"}},
                             UpdateExpression="SET mailed = :t REMOVE gsi2pk, gsi2sk",
                             ExpressionAttributeValues={":t": {"S": at.isoformat()}})


def run(people_count: int = 200, notes_each: int = 3) -> dict:
    stack = Stack()
    try:
        from chalicelib.background.digest import digest
        from chalicelib.domain.delivery import send_digest
        from chalicelib.domain.delivery.transport import Outbox

        people = [stack.person(f"collega{n}") for n in range(people_count)]
        fill(stack.dynamodb, people, notes_each)
        with tempfile.TemporaryDirectory() as folder:
            outbox = Outbox(folder)
            # Through the meter: every call the job makes, marking included, is counted.
            import boto3

            marker = boto3.client("dynamodb", endpoint_url=stack.meter.endpoint,
                                  region_name="eu-west-1", aws_access_key_id="local",
                                  aws_secret_access_key="local")
            job = partial(digest, AT, notes_of=as_notes,
                          mark=partial(mark_mailed, marker),
                          send=partial(send_digest, mailer=outbox))
            stack.meter.reset()
            start = time.perf_counter()
            first = job()
            seconds = time.perf_counter() - start
            calls = dict(stack.meter.calls)
            total = stack.meter.total()
            # A rerun the same day with every note still pending (as after a crash before
            # marking): the markers must stop every mail.
            fill(stack.dynamodb, people, notes_each)
            stack.meter.reset()
            start = time.perf_counter()
            again = job()
            rerun_seconds = time.perf_counter() - start
            rerun_calls = stack.meter.total()
            mails = len(list(outbox.folder.glob("*.eml")))
        return {"people": people_count, "notes_each": notes_each, "first": first,
                "mails": mails, "calls": calls, "calls_per_person": total / people_count,
                "ms_per_person": seconds * 1000 / people_count,
                "rerun": again, "rerun_calls": rerun_calls,
                "rerun_ms_per_person": rerun_seconds * 1000 / people_count}
    finally:
        stack.stop()


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    print(json.dumps(run(*args)))
