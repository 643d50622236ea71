"""Per-employee rate limits: fixed windows counted with one atomic ADD in DynamoDB.

One UpdateItem per check, whatever the traffic: the counter for (employee, action, window) is
incremented and read back in the same call, and expires by TTL a window after it ends.
Limits are `PLEIN_RATE_LIMITS` (action=count/seconds).
"""

import math

from ..clock import Clock
from ..domain.photos import requested as requested_photos
from ..errors import ApiError
from ..models import RateCounter
from ..settings import settings


def check(viewer, action: str, clock: Clock,
          limits: dict[str, tuple[int, int]] | None = None, cost: int = 1) -> None:
    """Counts this request (as `cost` units); raises 429 with Retry-After when it is over the
    limit."""
    limit, seconds = (limits or settings.rate_limits)[action]
    now = clock().timestamp()
    start = int(now // seconds) * seconds
    counter = RateCounter(*RateCounter.key(viewer.id, action, start))
    counter.update(actions=[RateCounter.count.add(cost),
                            RateCounter.expires.set(start + 2 * seconds)])
    if counter.count > limit:
        retry = max(1, math.ceil(start + seconds - now))
        raise ApiError(429, "rate_limited",
                       f"Too many requests ({limit} per {seconds} s); try again in {retry} s.",
                       headers={"Retry-After": str(retry)})


def photos(viewer, data: dict, clock: Clock,
           limits: dict[str, tuple[int, int]] | None = None) -> None:
    """Decoding and resizing is the costly part of a post, a cover or a profile photo: one
    unit per upload the request names (none: no call), against the `photo` limit."""
    count = requested_photos(data)
    if count:
        check(viewer, "photo", clock, limits, cost=count)
