"""Multi-item writes, and the one place that says what their failures mean.

Every part of a transaction has a name. When DynamoDB cancels one, `Conflict` says which named
parts failed and why: `failed` (their condition did not hold: the answer to a question the
caller asked) or `raced` (another transaction was writing the same item: ask again). Callers
test names, never the position of a part, which PynamoDB reorders (checks, deletes, puts,
then updates).

Races have one retry policy: `retrying`, a few attempts with jittered exponential backoff. The
transaction itself uses it for commits that only lost a race; callers that must read again
and decide again (memberships, usage markers, erasure) wrap their whole step in it.
"""

import random
import time
from collections.abc import Callable

from pynamodb.connection import Connection
from pynamodb.exceptions import DeleteError, PutError, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from .schema import shared_connection

CONDITION = "ConditionalCheckFailed"
RACE = "TransactionConflict"
ATTEMPTS = 6
_BASE, _CAP = 0.02, 0.5  # seconds: the first pause is at most 20 ms, none more than 0.5 s


class Conflict(Exception):
    """A cancelled transaction: `reasons` maps each failed part's name to DynamoDB's code."""

    def __init__(self, reasons: dict[str, str]):
        super().__init__(", ".join(f"{name}: {code}" for name, code in reasons.items()))
        self.reasons = reasons

    @property
    def failed(self) -> frozenset[str]:
        """Parts whose condition did not hold."""
        return frozenset(n for n, code in self.reasons.items() if code == CONDITION)

    @property
    def raced(self) -> frozenset[str]:
        """Parts another transaction was writing at the same moment."""
        return frozenset(n for n, code in self.reasons.items() if code == RACE)

    @property
    def only_raced(self) -> bool:
        """Sending it again is safe: its conditions are checked again."""
        return bool(self.raced) and not self.failed


def pause(attempt: int) -> float:
    return random.uniform(0, min(_CAP, _BASE * 2 ** attempt))


def retrying(step: Callable, when: Callable[[Conflict], bool] = lambda err: err.only_raced,
             sleep: Callable[[float], object] = time.sleep, attempts: int = ATTEMPTS):
    """`step()`, run again while it raises a Conflict that `when` accepts; the last attempt's
    Conflict propagates. Only a race waits first (a jittered pause, so the racers spread
    out); a failed condition is an answer, and the step decides again at once."""
    for attempt in range(attempts):
        try:
            return step()
        except Conflict as err:
            if attempt == attempts - 1 or not when(err):
                raise
            if err.raced:
                sleep(pause(attempt))


def translate(err: TransactWriteError, names: list[str]) -> Exception:
    """The Conflict a cancellation means, or `err` itself when it is no cancellation over
    conditions and races (a malformed request, throttling): those are not answers."""
    reasons = getattr(err, "cancellation_reasons", None) or []
    codes = {r.code for r in reasons if r}
    if not codes or not codes <= {CONDITION, RACE}:
        return err
    failed: dict[str, str] = {}
    for name, reason in zip(names, reasons, strict=False):
        if reason and failed.get(name) != CONDITION:  # a part that failed its condition
            failed[name] = reason.code                # says more than one that raced
    return Conflict(failed)


class Transaction(TransactWrite):
    """A TransactWrite whose parts have names (the model's class name in lower case unless
    given), and whose commit raises `Conflict` and retries races."""

    def __init__(self, sleep=time.sleep, **kwargs):
        super().__init__(**kwargs)
        self._sleep = sleep
        self._names: dict[str, list[str]] = {"check": [], "delete": [], "put": [], "update": []}

    def _named(self, kind: str, name: str | None, model) -> None:
        self._names[kind].append(
            name or getattr(model, "__name__", type(model).__name__).lower())

    def condition_check(self, model_cls, hash_key, range_key=None, condition=None, *,
                        name: str | None = None):
        self._named("check", name, model_cls)
        return super().condition_check(model_cls, hash_key, range_key, condition=condition)

    def delete(self, model, condition=None, *, name: str | None = None, **kwargs):
        self._named("delete", name, model)
        return super().delete(model, condition=condition, **kwargs)

    def save(self, model, condition=None, return_values=None, *, name: str | None = None):
        self._named("put", name, model)
        return super().save(model, condition=condition, return_values=return_values)

    def update(self, model, actions, condition=None, return_values=None, *,
               name: str | None = None, **kwargs):
        self._named("update", name, model)
        return super().update(model, actions, condition=condition, return_values=return_values,
                              **kwargs)

    @property
    def names(self) -> list[str]:
        """In the order PynamoDB sends the parts, which is the order of DynamoDB's reasons."""
        return [n for kind in ("check", "delete", "put", "update") for n in self._names[kind]]

    def _send(self):
        try:
            return super()._commit()
        except TransactWriteError as err:
            raise translate(err, self.names) from err

    def _commit(self):
        return retrying(self._send, sleep=self._sleep)


def transaction(connection: Connection | None = None, sleep=time.sleep,
                **options) -> Transaction:
    """A transaction on the table's own endpoint: multi-item changes land together or not."""
    return Transaction(connection=connection or shared_connection(), sleep=sleep, **options)


def conditional(write: Callable) -> bool:
    """A conditional single-item write; False when its condition did not hold."""
    try:
        write()
    except (UpdateError, DeleteError, PutError) as err:
        if err.cause_response_code != "ConditionalCheckFailedException":
            raise
        return False
    return True
