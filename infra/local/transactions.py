"""moto's TransactWriteItems, with a rollback that costs the items a transaction touches
instead of the whole table.

moto backs a table up with `copy.deepcopy` once per item of every transaction and restores the
copy on failure. That makes each transaction cost the size of the table: measured on moto 5.2,
a 4-item transaction took 16 ms at 100 items and 444 ms at 3,000, so `plein dev` and the tests
slowed down as data grew, which real DynamoDB does not.

Here moto's own implementation still does all the work (conditions, updates, cancellation
reasons), so its semantics stay moto's. Only the backup changes: the tables it copies answer
deepcopy with themselves for the length of the call, and an undo log of the touched items'
previous versions restores them when the transaction fails. This is safe only because
`OneCallAtATime` runs one call at a time: no other request sees the table mid-transaction.
"""

import copy
import functools

from moto.dynamodb.models import DynamoDBBackend

_INSTALLED = "_plein_item_rollback"


def install() -> None:
    """Idempotent: the embedded endpoint calls this each time it starts."""
    if not getattr(DynamoDBBackend.transact_write_items, _INSTALLED, False):
        DynamoDBBackend.transact_write_items = _with_item_rollback(
            DynamoDBBackend.transact_write_items)


def _with_item_rollback(original):
    @functools.wraps(original)
    def transact_write_items(backend, transact_items):
        undo = _before_images(backend, transact_items)
        tables = {id(t): t for t, _, _, _ in undo}.values()
        # moto appends a stream record for each part it wrote before a later part failed;
        # DynamoDB writes none for a cancelled transaction, so those records go too.
        streams = [(t.stream_shard, len(t.stream_shard.items)) for t in tables
                   if t.stream_shard is not None]
        for table in tables:
            table.__deepcopy__ = lambda memo, table=table: table
        try:
            return original(backend, transact_items)
        except BaseException:
            for table, hash_key, range_key, before in reversed(undo):
                _restore(table, hash_key, range_key, before)
            for shard, length in streams:
                del shard.items[length:]
            raise
        finally:
            for table in tables:
                del table.__deepcopy__

    setattr(transact_write_items, _INSTALLED, True)
    return transact_write_items


def _before_images(backend, transact_items) -> list:
    """(table, hash, range, copy of the item or None) for every item the call may write."""
    undo = []
    for entry in transact_items:
        if not isinstance(entry, dict) or len(entry) != 1:
            continue  # moto refuses the call before writing anything
        op_type, op = next(iter(entry.items()))
        table = backend.tables.get(op.get("TableName"))
        if table is None:
            continue
        source = op.get("Item") if op_type == "Put" else op.get("Key")
        keys = {k: source[k] for k in (table.hash_key_attr, table.range_key_attr)
                if k and source and k in source}
        try:
            hash_key, range_key = backend.get_keys_value(table, keys)
        except Exception:  # a malformed key: moto refuses that op before it writes it
            continue
        before = table.get_item(hash_key, range_key)
        undo.append((table, hash_key, range_key, copy.deepcopy(before)))
    return undo


def _restore(table, hash_key, range_key, before) -> None:
    if range_key is None:
        if before is None:
            table.items.pop(hash_key, None)
        else:
            table.items[hash_key] = before
        return
    if before is None:
        table.items.get(hash_key, {}).pop(range_key, None)
    else:
        table.items[hash_key][range_key] = before
