"""Plein's API: this module only composes one blueprint per resource under /api."""

from chalice import Chalice, Rate
from chalicelib.background import jobs, stream
from chalicelib.routes import auth, comments, groups, health, owndata, people, posts, uploads, usage
from chalicelib.routes import notifications as notification_routes
from chalicelib.routes.calendar import bp as calendar_bp
from chalicelib.routes.events import bp as events_bp
from chalicelib.web.errors import json_errors
from chalicelib.web.headers import add_security_headers
from chalicelib.web.origin import only_through_cloudfront

app = Chalice(app_name="plein")
app.register_middleware(add_security_headers, "http")
app.register_middleware(json_errors, "http")
app.register_middleware(only_through_cloudfront, "http")

for blueprint in (health.bp, auth.bp, posts.bp, comments.bp, uploads.bp, groups.bp, usage.bp,
                  people.bp, owndata.bp):
    app.register_blueprint(blueprint, url_prefix="/api")

# Events with enrolment and the personal calendar feed (docs/events.md).
for blueprint in (events_bp, calendar_bp):
    app.register_blueprint(blueprint, url_prefix="/api")

app.register_blueprint(notification_routes.bp, url_prefix="/api")


# Work after the request. The stream's ARN and the event source mapping's retry, bisect and
# failure-queue settings come from `plein package` (infra/deploy/resources.py).
@app.on_dynamodb_record(stream_arn=stream.PACKAGED_STREAM_ARN, batch_size=100,
                        starting_position="TRIM_HORIZON", name="table_changes")
def table_changes(event):
    stream.handle(event)


@app.schedule(Rate(1, unit=Rate.HOURS), name="reminders")
def reminders(event):
    jobs.run("reminders")
