"""Steps shared by the notification tests: API verbs, and a stream reader that keeps every
batch it handed over so a test can deliver it again."""

import json


class Api:
    def __init__(self, client, as_person):
        self.client, self.as_person = client, as_person

    def call(self, method: str, path: str, person, body=None):
        headers = self.as_person(person)
        if method == "GET":
            return self.client.http.get(path, headers=headers)
        return getattr(self.client.http, method.lower())(
            path, headers=headers, body=json.dumps(body if body is not None else {}))

    def post(self, person, body="Hallo", **fields):
        reply = self.call("POST", "/api/posts", person, {"body": body, **fields})
        assert reply.status_code == 201, reply.json_body
        return reply.json_body

    def comment(self, person, post_id, body="Eens", **fields):
        reply = self.call("POST", f"/api/posts/{post_id}/comments", person,
                          {"body": body, **fields})
        assert reply.status_code == 201, reply.json_body
        return reply.json_body

    def notes(self, person, query=""):
        reply = self.call("GET", f"/api/notifications{query}", person)
        assert reply.status_code == 200, reply.json_body
        return reply.json_body

    def unread(self, person) -> int:
        return self.call("GET", "/api/me", person).json_body["unread"]


class Recorder:
    """A deliverer that remembers what it was given (push and mail live in `delivery`)."""

    def __init__(self):
        self.sent = []

    def deliver_now(self, person, note):
        self.sent.append((person.id, note))


def handle_like_lambda(app_module, kept: list):
    """The handler Lambda calls, keeping each event so it can be delivered twice."""
    def handler(event, context):
        kept.append(event)
        return app_module.table_changes(event, context)

    return handler


def handle_with(deliverer):
    """The stream's own dispatch with the fan-out given a recording deliverer."""
    from chalicelib.background import stream
    from chalicelib.domain.notifications.fanout import fan_out

    def handler(event, _context):
        stream.dispatch(event["Records"], [lambda change: fan_out(change, deliverer)])

    return handler
