"""Who reads the table's stream: each is `(change) -> None`, idempotent under redelivery.

Add a consumer here and it sees every change, in AWS and locally.
"""

from ..domain.notifications.fanout import fan_out
from ..domain.notifications.store import note_removed
from ..domain.search.indexer import on_change as index_for_search

CONSUMERS = (fan_out, note_removed, index_for_search)
