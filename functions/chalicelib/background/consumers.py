"""Who reads the table's stream: each is `(change) -> None`, idempotent under redelivery.

Add a consumer here (search indexing will) and it sees every change, in AWS and locally.
"""

from ..domain.notifications.fanout import fan_out
from ..domain.notifications.store import note_removed

CONSUMERS = (fan_out, note_removed)
