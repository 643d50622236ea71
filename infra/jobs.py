"""`plein jobs run NAME [--at ISO-TIME]`: a scheduled job now, or as if at another time, on
local data (or the deployed table with --aws); and the local scheduler `plein dev` runs.

The jobs are the API's own (`chalicelib.background.jobs`), the ones EventBridge triggers.
"""

import json
import sys
import threading
from datetime import UTC, datetime


def parse_at(value: str | None) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def run_one(name: str, at: datetime | None) -> int:
    from chalicelib.background import jobs

    if name not in jobs.JOBS:
        print(f"plein jobs: no job {name!r}; there are {', '.join(sorted(jobs.JOBS))}",
              file=sys.stderr)
        return 2
    print(json.dumps(jobs.run(name, at)))
    return 0


class Scheduler:
    """Runs every job at its next time, in a thread, as EventBridge would (a failure is
    printed, and the job runs again at its next time)."""

    def __init__(self, clock, stop: threading.Event, tick: float = 30):
        from chalicelib.background import jobs

        self.jobs, self.clock, self.stop, self.tick = jobs, clock, stop, tick
        now = clock()
        self.due = {name: job.when.next_after(now) for name, job in jobs.JOBS.items()}

    def run_due(self) -> list[str]:
        now, ran = self.clock(), []
        for name, when in sorted(self.due.items()):
            if when > now:
                continue
            try:
                print(f"plein dev: job {name}: {json.dumps(self.jobs.run(name, now))}",
                      flush=True)
            except Exception as err:  # noqa: BLE001 - reported; the next time runs it again
                print(f"plein dev: job {name} failed: {err!r}", file=sys.stderr, flush=True)
            self.due[name] = self.jobs.JOBS[name].when.next_after(now)
            ran.append(name)
        return ran

    def forever(self) -> None:
        while not self.stop.wait(self.tick):
            self.run_due()
