"""Plein's API: this module only composes one blueprint per resource under /api."""

from chalice import Chalice
from chalicelib.routes import (
    announcements,
    auth,
    comments,
    community,
    groups,
    health,
    moderation,
    owndata,
    people,
    posts,
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
                  people.bp, owndata.bp, moderation.bp, announcements.bp,
                  community.bp):
    app.register_blueprint(blueprint, url_prefix="/api")
