"""Plein's API: this module only composes one blueprint per resource under /api, and the
handlers of work after the request (the table's stream and the schedules)."""

from chalice import Chalice, Cron, Rate
from chalicelib.background import digest, jobs, stream
from chalicelib.clock import system_clock
from chalicelib.routes import (
    announcements,
    auth,
    calendar,
    comments,
    community,
    events,
    groups,
    health,
    home,
    mail,
    moderation,
    notifications,
    owndata,
    page_reactions,
    people,
    posts,
    push,
    search,
    uploads,
    usage,
)
from chalicelib.web.errors import json_errors
from chalicelib.web.headers import add_security_headers
from chalicelib.web.origin import only_through_cloudfront

app = Chalice(app_name="plein")
app.register_middleware(add_security_headers, "http")
app.register_middleware(json_errors, "http")
app.register_middleware(only_through_cloudfront, "http")

for blueprint in (health.bp, auth.bp, posts.bp, comments.bp, uploads.bp, groups.bp, usage.bp,
                  people.bp, owndata.bp, events.bp, calendar.bp, notifications.bp, push.bp,
                  mail.bp, search.bp, moderation.bp, announcements.bp, community.bp, home.bp,
                  page_reactions.bp):
    app.register_blueprint(blueprint, url_prefix="/api")


# Work after the request. The stream's ARN and the event source mapping's retry, bisect and
# failure-queue settings come from `plein package` (infra/deploy/resources.py). A schedule's
# name is its job's name in background/jobs.py, which gives it the API's settings.
@app.on_dynamodb_record(stream_arn=stream.PACKAGED_STREAM_ARN, batch_size=100,
                        starting_position="TRIM_HORIZON", name="table_changes")
def table_changes(event):
    stream.handle(event)


@app.schedule(Rate(1, unit=Rate.HOURS), name="reminders")
def reminders(event):
    jobs.run("reminders")


# 05:00 and 06:00 UTC: one of them is 07:00 in Amsterdam, summer or winter; `scheduled` runs
# the digests only in that one.
@app.schedule(Cron(0, "5,6", "*", "*", "?", "*"), name="digest")
def daily_digest(event):
    digest.scheduled(system_clock())
