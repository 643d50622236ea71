"""Plein's API: this module only composes one blueprint per resource under /api."""

from chalice import Chalice
from chalicelib.routes import (
    auth,
    comments,
    groups,
    health,
    mail,
    owndata,
    people,
    posts,
    push,
    uploads,
    usage,
)
from chalicelib.web.errors import json_errors
from chalicelib.web.headers import add_security_headers

app = Chalice(app_name="plein")
app.register_middleware(add_security_headers, "http")
app.register_middleware(json_errors, "http")

for blueprint in (health.bp, auth.bp, posts.bp, comments.bp, uploads.bp, groups.bp, usage.bp,
                  people.bp, owndata.bp, push.bp, mail.bp):
    app.register_blueprint(blueprint, url_prefix="/api")
