"""Web Push: a person's devices (at most MAX_DEVICES) and sending one notification to them.

Deployed, a device's endpoint must be `https` at a known browser push service
(`PLEIN_PUSH_HOSTS`), so the API never posts to an arbitrary host. Locally, loopback `http`
endpoints are allowed as well, so tests receive real encrypted pushes. An endpoint that
answers 404 or 410 is gone for good and is removed.
"""

import base64
import binascii
import hashlib
import json
import logging
import urllib.parse

from ...clock import Clock, iso
from ...errors import invalid
from ...models.delivery import PUSH_PREFIX, PushEndpoint, PushSubscription
from ...models.transactions import conditional, transaction
from ...settings import Settings, settings
from . import vapid

log = logging.getLogger(__name__)

MAX_DEVICES = 10
MAX_ENDPOINT = 2048
LOOPBACK = ("127.0.0.1", "localhost", "::1")
TIMEOUT_SECONDS = 5
TTL_SECONDS = 24 * 3600  # how long a push service may hold a message for an offline device


def endpoint_allowed(endpoint: str, config: Settings = settings) -> bool:
    try:
        parts = urllib.parse.urlsplit(endpoint)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        return False
    if parts.username or parts.password or not host:
        return False
    if parts.scheme == "https" and port in (None, 443):
        for allowed in config.push_hosts:
            if host == allowed or (allowed.startswith("*.") and host.endswith(allowed[1:])):
                return True
    return config.is_local and parts.scheme in ("http", "https") and host in LOOPBACK


def _b64(value, field: str, length: int, first: int | None = None) -> str:
    if not isinstance(value, str) or len(value) > 200:
        raise invalid(field, "Expected a base64url string.")
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        raise invalid(field, "Expected a base64url string.") from None
    if len(raw) != length or (first is not None and raw[0] != first):
        raise invalid(field, f"Expected {length} bytes.")
    return value


def parse(body: dict, config: Settings = settings) -> dict:
    """The browser's PushSubscription JSON, checked: endpoint and, when `keys`, both keys."""
    endpoint = body.get("endpoint")
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > MAX_ENDPOINT:
        raise invalid("endpoint", "Send the subscription's endpoint URL.")
    if not endpoint_allowed(endpoint, config):
        raise invalid("endpoint", "This push service is not allowed.")
    return {"endpoint": endpoint}


def _keys(body: dict) -> dict:
    keys = body.get("keys")
    if not isinstance(keys, dict):
        raise invalid("keys", "Send keys.p256dh and keys.auth.")
    # An uncompressed P-256 point (RFC 8291) and a 16-byte authentication secret.
    return {"p256dh": _b64(keys.get("p256dh"), "keys.p256dh", 65, first=4),
            "auth": _b64(keys.get("auth"), "keys.auth", 16)}


def server_key(viewer) -> dict:
    """The VAPID public key browsers subscribe with; "" when push is not set up."""
    pem = vapid.private_pem()
    return {"key": vapid.public_key(pem) if pem else ""}


def _hash(endpoint: str) -> str:
    return hashlib.sha256(endpoint.encode()).hexdigest()[:32]


def devices(person_id: str) -> list[PushSubscription]:
    """One Query, bounded by MAX_DEVICES (+1 for a race that added one too many)."""
    pk, _ = PushSubscription.key(person_id, "")
    return list(PushSubscription.query(pk, PushSubscription.sk.startswith(PUSH_PREFIX),
                                       limit=MAX_DEVICES + 1))


def _owner(endpoint_hash: str) -> str | None:
    try:
        return PushEndpoint.get(*PushEndpoint.key(endpoint_hash)).person_id
    except PushEndpoint.DoesNotExist:
        return None


def subscribe(viewer, body: dict, clock: Clock, config: Settings = settings) -> dict:
    """Adds (or refreshes) this device, taking the browser over from whoever had it before;
    past MAX_DEVICES the longest-known device makes room."""
    sub = {**parse(body, config), **_keys(body)}
    digest = _hash(sub["endpoint"])
    item = PushSubscription(*PushSubscription.key(viewer.id, digest), created=iso(clock()),
                            **sub)
    previous = _owner(digest)
    others = sorted((d for d in devices(viewer.id) if d.sk != item.sk),
                    key=lambda d: d.created)
    surplus = others[:max(0, len(others) - (MAX_DEVICES - 1))]
    with transaction() as tx:
        tx.save(item)
        tx.save(PushEndpoint(*PushEndpoint.key(digest), person_id=viewer.id))
        if previous and previous != viewer.id:
            tx.delete(PushSubscription(*PushSubscription.key(previous, digest)))
        for old in surplus:
            tx.delete(old)
            tx.delete(PushEndpoint(*PushEndpoint.key(old.sk.removeprefix(PUSH_PREFIX))))
    return {"devices": len(others) - len(surplus) + 1}


def unsubscribe(viewer, body: dict) -> dict:
    endpoint = body.get("endpoint")
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > MAX_ENDPOINT:
        raise invalid("endpoint", "Send the subscription's endpoint URL.")
    digest = _hash(endpoint)
    PushSubscription(*PushSubscription.key(viewer.id, digest)).delete()
    if _owner(digest) == viewer.id:
        # False when someone else took the browser meanwhile: theirs stays.
        conditional(lambda: PushEndpoint(*PushEndpoint.key(digest)).delete(
            condition=PushEndpoint.person_id == viewer.id))
    return {"removed": True}


def payload(note: dict, site: str) -> bytes:
    """What the service worker shows: small, since push services cap a message near 4 KB."""
    url = str(note.get("url") or "")
    own = url.startswith("/") and url[1:2] not in ("/", "\\")  # "//x", "/\\x": other hosts
    return json.dumps({"title": site, "body": str(note.get("text", ""))[:500],
                       "url": url if own else "/", "tag": note.get("id")}).encode()


def send(person_id: str, data: bytes, config: Settings = settings, pem: str | None = None) -> dict:
    """Pushes `data` to every device of the person; returns counts of sent, removed, failed.
    A failing device never stops the others nor raises: the notification itself exists."""
    from pywebpush import WebPushException, webpush
    from requests import RequestException

    pem = vapid.private_pem() if pem is None else pem
    if not pem:
        return {"sent": 0, "removed": 0, "failed": 0}
    signer, claims = vapid.signer(pem), {"sub": vapid.subject()}
    done = {"sent": 0, "removed": 0, "failed": 0}
    for device in devices(person_id):
        if not endpoint_allowed(device.endpoint, config):
            done["failed"] += 1
            continue
        try:
            webpush({"endpoint": device.endpoint,
                     "keys": {"p256dh": device.p256dh, "auth": device.auth}},
                    data=data, vapid_private_key=signer, vapid_claims=dict(claims),
                    ttl=TTL_SECONDS, timeout=TIMEOUT_SECONDS)
            done["sent"] += 1
        except WebPushException as err:
            status = getattr(err.response, "status_code", None)
            if status in (404, 410):
                _forget(device)
                done["removed"] += 1
            else:
                log.warning("push to %s failed: %s", urllib.parse.urlsplit(device.endpoint)
                            .hostname, status or err)
                done["failed"] += 1
        except RequestException as err:  # unreachable or slow: try again with the next one
            log.warning("push to %s failed: %s",
                        urllib.parse.urlsplit(device.endpoint).hostname, type(err).__name__)
            done["failed"] += 1
    return done


def _forget(device: PushSubscription) -> None:
    """A dead endpoint: the device and its owner record go (deleting what is gone is no
    error)."""
    device.delete()
    PushEndpoint(*PushEndpoint.key(device.sk.removeprefix(PUSH_PREFIX))).delete()
