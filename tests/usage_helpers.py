"""What the usage tests share: the endpoints they call and a way to seed contributions."""

import json


def hit(client, headers, path="/"):
    return client.http.post("/api/hits", headers=headers, body=json.dumps({"path": path}))


def usage(client, headers, days=7):
    return client.http.get(f"/api/usage?days={days}", headers=headers)


def seen(client, headers, ids):
    return client.http.post("/api/posts/seen", headers=headers, body=json.dumps({"ids": ids}))


def viewer(person):
    from chalicelib.domain.viewer import Viewer

    return Viewer(id=person.id, name=person.name, email=person.email, role=person.role,
                  person=person)


def contributed(kind, group_id, role, now):
    """A contribution counted as the actions count theirs, in a transaction of its own."""
    from chalicelib.domain.contributions import contribution
    from chalicelib.models.transactions import transaction

    with transaction() as tx:
        contribution(tx, kind, group_id, role, now)
