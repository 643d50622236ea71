"""API steps shared by the event tests: a client, headers per person, and short verbs."""

import json
from datetime import datetime, timedelta

from chalicelib.domain.viewer import Viewer


def as_viewer(person) -> Viewer:
    return Viewer(id=person.id, name=person.name, email=person.email, role=person.role,
                  person=person)


def local(days: int, hour: int = 16) -> str:
    """A local (Europe/Amsterdam) wall-clock time `days` from today, as a form would send."""
    day = datetime.now().date() + timedelta(days=days)
    return f"{day.isoformat()}T{hour:02d}:00"


class EventApi:
    def __init__(self, client, as_person):
        self.client, self.as_person = client, as_person

    def call(self, method: str, path: str, person, body=None, **headers):
        http = self.client.http
        sent = self.as_person(person, **headers) if person else {"host": "plein.test"}
        if method == "GET":
            return http.get(path, headers=sent)
        payload = json.dumps(body if body is not None else {})
        return getattr(http, method.lower())(path, headers=sent, body=payload)

    def create(self, person, title="Kerstborrel", days=10, **fields):
        body = {"title": title, "start": local(days), "end": local(days, 19), **fields}
        response = self.call("POST", "/api/events", person, body)
        assert response.status_code == 201, response.json_body
        return response.json_body

    def show(self, event_id, person):
        return self.call("GET", f"/api/events/{event_id}", person)

    def enrol(self, event_id, person):
        return self.call("PUT", f"/api/events/{event_id}/enrolment", person)

    def cancel(self, event_id, person):
        return self.call("DELETE", f"/api/events/{event_id}/enrolment", person)

    def attendees(self, event_id, person, query=""):
        return self.call("GET", f"/api/events/{event_id}/attendees{query}", person)

    def listing(self, person, query=""):
        return self.call("GET", f"/api/events{query}", person)
