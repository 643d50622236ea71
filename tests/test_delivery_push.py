"""Web Push: devices subscribe through the API, a real encrypted push reaches a receiver on
127.0.0.1 and decrypts (RFC 8291, with http-ece), gone endpoints are removed, and deployed
only known push services are accepted."""

import base64
import json

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from delivery_steps import Device, PushReceiver

NOTE = {"id": "comment.01", "type": "comment", "text": "Anna reageerde op je bericht",
        "url": "/index.html?post=01#comment-01", "created": "2026-11-27T09:00:00Z",
        "group": None, "mail": "daily"}


@pytest.fixture
def receiver():
    found = PushReceiver()
    yield found
    found.stop()


def subscribe(client, as_person, person, device: Device):
    return client.http.post("/api/push/subscriptions", headers=as_person(person),
                            body=json.dumps(device.subscription()))


def test_a_push_reaches_the_device_encrypted_and_signed(client, as_person, make_person,
                                                        receiver, clock):
    from chalicelib.domain.delivery import deliver_now

    person = make_person()
    device = Device(f"{receiver.url}/push/abc")
    assert subscribe(client, as_person, person, device).status_code == 201
    key = client.http.get("/api/push/key", headers=as_person(person)).json_body["key"]

    deliver_now(person, NOTE, clock=clock)

    [got] = receiver.received
    assert got["headers"]["content-encoding"] == "aes128gcm"
    assert b"Anna" not in got["body"]  # encrypted on the wire
    assert device.decrypt(got["body"]) == {"title": "Plein", "body": NOTE["text"],
                                           "url": NOTE["url"], "tag": NOTE["id"]}
    # VAPID (RFC 8292): signed for this push service with the key the browser subscribed to.
    scheme, _, params = got["headers"]["authorization"].partition(" ")
    fields = dict(p.strip().split("=", 1) for p in params.split(","))
    assert scheme == "vapid" and fields["k"] == key
    point = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    claims = jwt.decode(fields["t"], public, algorithms=["ES256"], audience=receiver.url)
    assert claims["sub"]


def test_an_endpoint_that_answers_410_is_removed(client, as_person, make_person, receiver):
    from chalicelib.domain.delivery import push

    person = make_person()
    subscribe(client, as_person, person, Device(f"{receiver.url}/gone/1"))
    subscribe(client, as_person, person, Device(f"{receiver.url}/push/2"))
    assert push.send(person.id, b'{"body": "x"}') == {"sent": 1, "removed": 1, "failed": 0}
    assert [d.endpoint for d in push.devices(person.id)] == [f"{receiver.url}/push/2"]


def test_deployed_only_https_endpoints_of_known_push_services_are_accepted():
    from chalicelib.domain.delivery import push
    from chalicelib.errors import ApiError
    from chalicelib.settings import load

    deployed = load({"PLEIN_STAGE": "prod"})
    for good in ("https://fcm.googleapis.com/fcm/send/abc",
                 "https://updates.push.services.mozilla.com/wpush/v2/abc",
                 "https://web.push.apple.com/QGx", "https://wns2-am3p.notify.windows.com/w/?t=1"):
        assert push.parse({"endpoint": good}, deployed) == {"endpoint": good}
    for bad in ("http://fcm.googleapis.com/fcm/send/abc", "https://evil.example/push",
                "https://fcm.googleapis.com.evil.example/x", "http://127.0.0.1:9/push",
                "https://user@fcm.googleapis.com/x", "https://fcm.googleapis.com:8443/x",
                "https://notify.windows.com.evil/x", "ftp://fcm.googleapis.com/x"):
        with pytest.raises(ApiError) as refused:
            push.parse({"endpoint": bad}, deployed)
        assert refused.value.status == 400 and refused.value.field == "endpoint"
    # Locally loopback is fine (tests receive pushes); other hosts are refused all the same.
    assert push.endpoint_allowed("http://127.0.0.1:9/push", load({"PLEIN_STAGE": "local"}))
    assert not push.endpoint_allowed("http://10.0.0.1/push", load({"PLEIN_STAGE": "local"}))


def test_bad_subscriptions_get_a_clear_400(client, as_person, make_person, receiver):
    person = make_person()
    good = Device(f"{receiver.url}/push/1").subscription()
    cases = [({**good, "endpoint": "https://evil.example/x"}, "endpoint"),
             ({**good, "keys": {"p256dh": "AAAA", "auth": good["keys"]["auth"]}},
              "keys.p256dh"),
             ({**good, "keys": {"p256dh": good["keys"]["p256dh"], "auth": "!!"}}, "keys.auth"),
             ({"endpoint": good["endpoint"]}, "keys")]
    for body, field in cases:
        answer = client.http.post("/api/push/subscriptions", headers=as_person(person),
                                  body=json.dumps(body))
        assert (answer.status_code, answer.json_body["field"]) == (400, field)
    assert client.http.post("/api/push/subscriptions", headers=as_person(),
                            body=json.dumps(good)).status_code == 401


def test_at_most_ten_devices_the_oldest_makes_room_and_delete_removes_one(
        make_person, receiver, clock):
    from chalicelib.domain.delivery import push
    from chalicelib.domain.viewer import Viewer

    person = make_person()
    who = Viewer(id=person.id, name=person.name, email=person.email, role="employee",
                 person=person)
    devices = [Device(f"{receiver.url}/push/{n}") for n in range(12)]
    for device in devices:
        clock.advance(minutes=1)
        push.subscribe(who, device.subscription(), clock)
    kept = {d.endpoint for d in push.devices(person.id)}
    assert kept == {d.endpoint for d in devices[2:]}
    push.unsubscribe(who, {"endpoint": devices[5].endpoint})
    assert len(push.devices(person.id)) == 9


def test_a_shared_browser_belongs_to_the_last_person_who_turned_push_on(
        client, as_person, make_person, receiver):
    from chalicelib.domain.delivery import push

    anna, bram = make_person(), make_person()
    browser = Device(f"{receiver.url}/push/shared")
    subscribe(client, as_person, anna, browser)
    subscribe(client, as_person, bram, browser)
    assert push.devices(anna.id) == []
    assert push.send(anna.id, b"{}")["sent"] == 0
    assert push.send(bram.id, b"{}")["sent"] == 1
    # Bram turns it off: nobody gets pushes on that browser any more.
    client.http.delete("/api/push/subscriptions", headers=as_person(bram),
                       body=json.dumps({"endpoint": browser.endpoint}))
    assert push.devices(bram.id) == []


def test_many_deliveries_at_once_reach_every_device(client, as_person, make_person, receiver,
                                                    clock):
    from chalicelib.domain.delivery import deliver_all

    people = [make_person() for _ in range(5)]
    devices = {}
    for person in people:
        devices[person.id] = Device(f"{receiver.url}/push/{person.id}")
        subscribe(client, as_person, person, devices[person.id])
    deliver_all([(person, {**NOTE, "id": f"comment.{person.id}"}) for person in people],
                clock=clock)
    got = {r["path"].rsplit("/", 1)[1]: r["body"] for r in receiver.received}
    assert {pid: devices[pid].decrypt(body)["tag"] for pid, body in got.items()} == {
        person.id: f"comment.{person.id}" for person in people}


def test_an_account_leaves_no_device_or_opt_out_behind(client, as_person, make_person,
                                                       receiver):
    from chalicelib.domain.delivery import forget_items, push
    from chalicelib.models.transactions import transaction

    anna, bram = make_person(), make_person()
    shared = Device(f"{receiver.url}/push/shared")
    subscribe(client, as_person, anna, Device(f"{receiver.url}/push/own"))
    subscribe(client, as_person, anna, shared)
    subscribe(client, as_person, bram, shared)  # now Bram's browser
    items = forget_items(anna.id)
    assert sorted(i.sk for i in items)[0] == "MAILOFF" and len(items) == 3  # own + its owner
    with transaction() as tx:
        for item in items:
            tx.delete(item)
    assert push.devices(anna.id) == [] and push.send(bram.id, b"{}")["sent"] == 1


def test_a_push_only_ever_links_to_our_own_pages():
    from chalicelib.domain.delivery import push

    for url, sent in (("/groep.html?id=1#c", "/groep.html?id=1#c"), ("//evil.example/", "/"),
                      ("/\\evil.example/", "/"), ("https://evil.example/", "/"), (None, "/")):
        assert json.loads(push.payload({"id": "n", "text": "t", "url": url}, "Plein"))["url"] \
            == sent
