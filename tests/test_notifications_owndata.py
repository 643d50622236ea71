"""Notifications are personal data: in the export, gone with the account, expiring by TTL."""

import json

from groups_steps import GroupApi
from notification_steps import Api


def test_export_and_erasure_cover_notifications(client, as_person, make_person, stream):
    from chalicelib.models.notifications import Follower, Notification, NotifySettings, Unread

    api, groups = Api(client, as_person), GroupApi(client, as_person)
    anna, bram = make_person(name="Anna"), make_person(name="Bram")
    group = groups.create(bram, "open", name="Koor")
    groups.join(group["id"], anna)
    api.call("PUT", "/api/me/notification-settings", anna, {"groups": {group["id"]: "all"}})
    post = api.post(anna, "Repetitie?")
    api.comment(bram, post["id"], "Dinsdag")
    stream.drain()
    data = api.call("GET", "/api/me/export", anna).json_body
    assert [(n["type"], n["actor"], n["read"]) for n in data["notifications"]] == [
        ("comment", "Bram", False)]
    note = next(iter(Notification.query(Notification.partition(anna.id))))
    assert abs(note.expires - 90 * 86400 - _epoch(note.created)) < 5

    gone = client.http.delete("/api/me", headers=as_person(anna),
                              body=json.dumps({"content": "remove"}))
    assert gone.status_code == 200 and gone.json_body["notifications"] == 1
    assert list(Notification.query(Notification.partition(anna.id))) == []
    left = ((Unread, Unread.key(anna.id)), (NotifySettings, NotifySettings.key(anna.id)),
            (Follower, Follower.key(group["id"], anna.id)))
    for model, key in left:
        assert model.count(key[0], model.sk == key[1]) == 0


def _epoch(iso: str) -> int:
    from datetime import datetime

    return int(datetime.fromisoformat(iso).timestamp())
