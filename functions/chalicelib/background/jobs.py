"""Scheduled jobs: each is `(at) -> summary dict`, run by EventBridge through `app.py`'s
`@app.schedule`, by `plein dev` on the same schedule, and by `plein jobs run NAME [--at]`.

A job must be safe to run twice for the same `at` (a schedule can fire twice; a person can run
one by hand), and must take `at` rather than reading the clock, so "as if at another time"
is simply another argument.

To add a job, write its function and add it to JOBS with when `plein dev` runs it (`Every` an
interval, or `Daily` at a local time); give app.py an `@app.schedule` with the same timing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..settings import settings


@dataclass(frozen=True)
class Every:
    interval: timedelta

    def next_after(self, moment: datetime) -> datetime:
        step = self.interval.total_seconds()
        return datetime.fromtimestamp((moment.timestamp() // step + 1) * step, moment.tzinfo)


@dataclass(frozen=True)
class Daily:
    """At a wall-clock time in the organisation's time zone (PLEIN_TIMEZONE)."""

    at: time

    def next_after(self, moment: datetime) -> datetime:
        zone = ZoneInfo(settings.timezone)
        local = moment.astimezone(zone)
        candidate = datetime.combine(local.date(), self.at, zone)
        if candidate <= local:
            candidate = datetime.combine(local.date() + timedelta(days=1), self.at, zone)
        return candidate.astimezone(moment.tzinfo)


@dataclass(frozen=True)
class Job:
    run: Callable[[datetime], dict]
    when: Every | Daily


def reminders(at: datetime) -> dict:
    """Questions unanswered for two days: their managers hear of it, once."""
    from ..domain.notifications import reminders as job

    return job.run(at)


def digest(at: datetime) -> dict:
    """The daily (and on Mondays weekly) email digests (docs/email-and-push.md)."""
    from . import digest as job

    return job.digest(at)


JOBS: dict[str, Job] = {
    "reminders": Job(reminders, Every(timedelta(hours=1))),
    "digest": Job(digest, Daily(time(7, 0))),
}


def run(name: str, at: datetime | None = None) -> dict:
    """Runs job `name` as if at `at` (now when None)."""
    from ..clock import system_clock

    return JOBS[name].run(at or system_clock())
