"""The stream consumer: Lambda-shaped records from the embedded endpoint's stream reach every
consumer as plain changes; a failing consumer fails the batch; redelivery changes nothing."""

import pytest


def test_records_become_plain_changes(aws, table):
    from chalicelib.background import stream as table_stream

    from infra.local.streams import TableStream

    seen = []
    reader = TableStream(aws.client("dynamodb"), aws.client("dynamodbstreams"), table,
                         lambda event, _ctx: table_stream.dispatch(event["Records"],
                                                                   [seen.append])).start()
    dynamodb = aws.client("dynamodb")
    dynamodb.put_item(TableName=table, Item={"pk": {"S": "X#1"}, "sk": {"S": "A"},
                                             "n": {"N": "3"}, "tags": {"SS": ["a", "b"]}})
    dynamodb.update_item(TableName=table, Key={"pk": {"S": "X#1"}, "sk": {"S": "A"}},
                         UpdateExpression="SET n = :n", ExpressionAttributeValues={
                             ":n": {"N": "4"}})
    dynamodb.delete_item(TableName=table, Key={"pk": {"S": "X#1"}, "sk": {"S": "A"}})
    assert reader.drain() == 3
    assert [c.event for c in seen] == ["INSERT", "MODIFY", "REMOVE"]
    assert seen[0].keys == {"pk": "X#1", "sk": "A"} and seen[0].old is None
    assert seen[0].new["n"] == 3 and seen[0].new["tags"] == {"a", "b"}
    assert seen[1].old["n"] == 3 and seen[1].new["n"] == 4
    assert seen[2].new is None and seen[2].image["n"] == 4
    assert reader.drain() == 0


def test_a_failing_consumer_fails_the_batch_and_it_is_read_again(aws, table):
    from chalicelib.background import stream as table_stream

    from infra.local.streams import TableStream

    calls = []

    def flaky(change):
        calls.append(change.pk)
        if len(calls) == 1:
            raise RuntimeError("boom")

    reader = TableStream(aws.client("dynamodb"), aws.client("dynamodbstreams"), table,
                         lambda event, _ctx: table_stream.dispatch(event["Records"],
                                                                   [flaky])).start()
    aws.client("dynamodb").put_item(TableName=table, Item={"pk": {"S": "X#2"},
                                                           "sk": {"S": "A"}})
    with pytest.raises(RuntimeError):
        reader.drain()
    assert reader.drain() == 1  # not dropped: delivered again
    assert calls == ["X#2", "X#2"]


def test_a_cancelled_transaction_leaves_no_stream_records(aws, table, stream):
    dynamodb = aws.client("dynamodb")
    dynamodb.put_item(TableName=table, Item={"pk": {"S": "X#3"}, "sk": {"S": "A"}})
    stream.drain()
    with pytest.raises(dynamodb.exceptions.TransactionCanceledException):
        dynamodb.transact_write_items(TransactItems=[
            {"Put": {"TableName": table, "Item": {"pk": {"S": "X#4"}, "sk": {"S": "A"}}}},
            {"Put": {"TableName": table, "Item": {"pk": {"S": "X#3"}, "sk": {"S": "A"}},
                     "ConditionExpression": "attribute_not_exists(pk)"}}])
    assert stream.drain() == 0
