"""The one translation of failed transactions (`models/transactions.py`): named parts against
the real embedded endpoint, and the one retry policy for races."""

import pytest
from botocore.exceptions import ClientError
from chalicelib.models import SeenCount
from chalicelib.models.transactions import (
    ATTEMPTS,
    RACE,
    Conflict,
    conditional,
    retrying,
    transaction,
)
from pynamodb.exceptions import CancellationReason, TransactWriteError, VerboseClientError


def counter(name: str, seen: int | None = None) -> SeenCount:
    return SeenCount(f"T#{name}", "COUNT", **({"seen": seen} if seen is not None else {}))


def stored(name: str) -> int | None:
    try:
        return int(SeenCount.get(f"T#{name}", "COUNT", consistent_read=True).seen)
    except SeenCount.DoesNotExist:
        return None


def test_a_failed_condition_names_its_part_whatever_the_order_sent(table):
    counter("present", 1).save()
    counter("doomed", 1).save()
    with pytest.raises(Conflict) as caught, transaction(sleep=pytest.fail) as tx:
        # Written update, put, delete: PynamoDB sends the delete first and the update last.
        tx.update(counter("missing"), actions=[SeenCount.seen.add(1)],
                  condition=SeenCount.pk.exists(), name="missing")
        tx.save(counter("new", 5), condition=SeenCount.pk.does_not_exist(), name="new")
        tx.delete(counter("doomed"), condition=SeenCount.seen == 2, name="doomed")
        tx.update(counter("present"), actions=[SeenCount.seen.add(1)], name="present")
    assert caught.value.failed == {"missing", "doomed"}
    assert caught.value.raced == frozenset() and not caught.value.only_raced
    # Nothing of it landed.
    assert (stored("present"), stored("doomed"), stored("new")) == (1, 1, None)


def test_unnamed_parts_are_named_after_their_model(table):
    with pytest.raises(Conflict) as caught, transaction() as tx:
        tx.update(counter("missing"), actions=[SeenCount.seen.add(1)],
                  condition=SeenCount.pk.exists())
    assert caught.value.failed == {"seencount"}


def test_a_transaction_whose_conditions_hold_writes_every_part(table):
    counter("present", 1).save()
    counter("checked", 7).save()
    with transaction() as tx:
        tx.condition_check(SeenCount, "T#checked", "COUNT", condition=SeenCount.seen == 7,
                           name="checked")
        tx.save(counter("new", 5), condition=SeenCount.pk.does_not_exist(), name="new")
        tx.update(counter("present"), actions=[SeenCount.seen.add(1)], name="present")
    assert (stored("present"), stored("new")) == (2, 5)


def test_an_invalid_request_is_no_conflict_and_keeps_its_own_error(table, dynamodb):
    dynamodb.put_item(TableName=table, Item={"pk": {"S": "T#text"}, "sk": {"S": "COUNT"},
                                             "seen": {"S": "not a number"}})
    with pytest.raises(TransactWriteError) as caught, transaction() as tx:
        tx.update(counter("text"), actions=[SeenCount.seen.add(1)], name="text")
    assert not isinstance(caught.value, Conflict)


def test_a_conditional_single_write_answers_false_instead_of_failing(table):
    assert not conditional(lambda: counter("missing").update(
        actions=[SeenCount.seen.add(1)], condition=SeenCount.pk.exists()))
    counter("present", 1).save()
    assert conditional(lambda: counter("present").update(
        actions=[SeenCount.seen.add(1)], condition=SeenCount.pk.exists()))
    assert stored("present") == 2


class Contended:
    """Stands in for the botocore connection (the embedded endpoint runs one call at a time,
    so it never races): cancels the first `conflicts` commits the way DynamoDB cancels a
    transaction that met another one on the same item, then succeeds."""

    def __init__(self, conflicts, code=RACE):
        self.conflicts, self.code, self.commits = conflicts, code, 0

    def transact_write_items(self, **_items):
        self.commits += 1
        if self.commits <= self.conflicts:
            cause = VerboseClientError(
                {"Error": {"Code": "TransactionCanceledException", "Message": "cancelled"}},
                "TransactWriteItems", cancellation_reasons=[None, CancellationReason(self.code)])
            assert isinstance(cause, ClientError)
            raise TransactWriteError("Failed to write transaction items", cause)
        return {}


def parts(tx) -> None:
    tx.update(counter("a"), actions=[SeenCount.seen.add(1)], name="a")
    tx.update(counter("b"), actions=[SeenCount.seen.add(1)], name="b")


def test_a_transaction_that_only_lost_a_race_is_sent_again(table):
    waits = []
    contended = Contended(conflicts=2)
    with transaction(connection=contended, sleep=waits.append) as tx:
        parts(tx)
    assert contended.commits == 3 and len(waits) == 2
    assert all(0 <= w <= 0.5 for w in waits)

    hopeless = Contended(conflicts=ATTEMPTS)
    with pytest.raises(Conflict) as caught, transaction(connection=hopeless,
                                                         sleep=waits.append) as tx:
        parts(tx)
    assert hopeless.commits == ATTEMPTS
    assert caught.value.raced == {"b"} and caught.value.only_raced

    # A failed condition is an answer, not a race: it is never sent again.
    refused = Contended(conflicts=1, code="ConditionalCheckFailed")
    with pytest.raises(Conflict) as caught, transaction(connection=refused,
                                                         sleep=waits.append) as tx:
        parts(tx)
    assert refused.commits == 1 and caught.value.failed == {"b"}


def test_a_step_that_decides_again_retries_at_once_after_a_failed_condition():
    failures = [Conflict({"a": "ConditionalCheckFailed"}), Conflict({"a": RACE})]
    waits, runs = [], []

    def step():
        runs.append(1)
        if failures:
            raise failures.pop(0)
        return "done"

    assert retrying(step, when=lambda err: True, sleep=waits.append) == "done"
    assert len(runs) == 3 and len(waits) == 1  # only the race waited

    def never():
        raise Conflict({"a": "ConditionalCheckFailed"})

    with pytest.raises(Conflict):  # the default policy retries races only
        retrying(never, sleep=pytest.fail)
