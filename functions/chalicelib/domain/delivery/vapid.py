"""The VAPID key pair (RFC 8292) that signs every Web Push request.

Locally the key is made once per data dir (`infra/local/delivery.py`) and passed in
`PLEIN_VAPID_PRIVATE_KEY`; deployed, the first `plein deploy` creates it in SSM and the API
reads it from the parameter `PLEIN_VAPID_PRIVATE_KEY_PARAM` names.
"""

import base64
from functools import lru_cache

from ... import ssm
from ...settings import settings


@lru_cache(maxsize=1)
def private_pem() -> str:
    return ssm.secret(settings.vapid_private_key, settings.vapid_private_key_param)


def public_key(pem: str) -> str:
    """The browser's `applicationServerKey`: the uncompressed point, base64url, no padding."""
    from cryptography.hazmat.primitives import serialization  # push only

    key = serialization.load_pem_private_key(pem.encode(), password=None)
    raw = key.public_key().public_bytes(serialization.Encoding.X962,
                                        serialization.PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def signer(pem: str):
    """What pywebpush signs with."""
    from py_vapid import Vapid02

    return Vapid02.from_pem(pem.encode())


def subject() -> str:
    """Who push services can contact about our traffic (RFC 8292 `sub`)."""
    if settings.vapid_subject:
        return settings.vapid_subject
    return settings.public_url or "mailto:plein@localhost"
