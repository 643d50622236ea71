"""The embedded endpoint keeps DynamoDB's all-or-nothing transactions with its cheaper
rollback (`infra/local/transactions.py`): a cancelled transaction leaves every item it touched
as it was, and does not disturb items it did not touch."""

import threading

import pytest
from botocore.exceptions import ClientError


def key(name: str) -> dict:
    return {"pk": {"S": name}, "sk": {"S": "item"}}


def put(table, name: str, **attrs) -> dict:
    item = {**key(name), **{k: {"N": str(v)} for k, v in attrs.items()}}
    return {"Put": {"TableName": table, "Item": item}}


def add(table, name: str, amount: int = 1, condition: str | None = None) -> dict:
    update = {"TableName": table, "Key": key(name), "UpdateExpression": "ADD n :n",
              "ExpressionAttributeValues": {":n": {"N": str(amount)}}}
    if condition:
        update["ConditionExpression"] = condition
    return {"Update": update}


def read(dynamodb, table, name: str) -> dict | None:
    return dynamodb.get_item(TableName=table, Key=key(name)).get("Item")


def cancelled(dynamodb, items) -> list[str]:
    with pytest.raises(ClientError) as caught:
        dynamodb.transact_write_items(TransactItems=items)
    assert caught.value.response["Error"]["Code"] == "TransactionCanceledException"
    return [r.get("Code", "None") for r in caught.value.response["CancellationReasons"]]


def test_a_failed_condition_undoes_the_earlier_writes(dynamodb, table):
    dynamodb.put_item(TableName=table, Item={**key("counter"), "n": {"N": "5"}})
    dynamodb.put_item(TableName=table, Item={**key("gone"), "n": {"N": "1"}})
    reasons = cancelled(dynamodb, [
        put(table, "new", n=1),
        add(table, "counter", 10),
        {"Delete": {"TableName": table, "Key": key("gone")}},
        add(table, "missing", condition="attribute_exists(pk)"),
    ])
    assert reasons == ["None", "None", "None", "ConditionalCheckFailed"]
    assert read(dynamodb, table, "new") is None
    assert read(dynamodb, table, "counter")["n"] == {"N": "5"}
    assert read(dynamodb, table, "gone")["n"] == {"N": "1"}


def test_an_invalid_update_undoes_the_earlier_writes(dynamodb, table):
    dynamodb.put_item(TableName=table, Item={**key("text"), "n": {"S": "not a number"}})
    with pytest.raises(ClientError):
        dynamodb.transact_write_items(TransactItems=[put(table, "new", n=1),
                                                     add(table, "text", 1)])
    assert read(dynamodb, table, "new") is None
    assert read(dynamodb, table, "text")["n"] == {"S": "not a number"}


def test_a_successful_transaction_writes_everything(dynamodb, table):
    dynamodb.transact_write_items(TransactItems=[put(table, "a", n=1), add(table, "b", 2)])
    assert read(dynamodb, table, "a")["n"] == {"N": "1"}
    assert read(dynamodb, table, "b")["n"] == {"N": "2"}


def test_a_cancelled_transaction_keeps_other_writers_changes(dynamodb, table):
    """Cancellations interleaved with other writers restore only their own items: every
    committed ADD survives and nothing of the cancelled ones remains."""
    dynamodb.put_item(TableName=table, Item={**key("shared"), "n": {"N": "0"}})

    def writer():
        for _ in range(20):
            dynamodb.transact_write_items(TransactItems=[add(table, "shared", 1)])

    def canceller():
        for _ in range(20):
            cancelled(dynamodb, [add(table, "shared", 1000),
                                 add(table, "never", condition="attribute_exists(pk)")])

    threads = [threading.Thread(target=f) for f in (writer, writer, canceller)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert read(dynamodb, table, "shared")["n"] == {"N": "40"}
    assert read(dynamodb, table, "never") is None
