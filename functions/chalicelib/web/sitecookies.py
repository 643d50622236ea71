"""CloudFront signed cookies, so the static site itself is readable only by signed-in employees.

A custom policy grants `https://<site>/*` until the session ends. It is signed with the private
key of a public key in the distribution's trusted key group (RSA-SHA1, as CloudFront requires),
using botocore's CloudFrontSigner and `cryptography`. The cookie values are exactly the query
parameters of a signed URL for the same policy, so we take them from one.
"""

from datetime import datetime
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

from .. import ssm
from ..settings import settings

NAMES = ("CloudFront-Policy", "CloudFront-Signature", "CloudFront-Key-Pair-Id")


# botocore's signers and cryptography's RSA are imported on first use: only sign-in needs them,
# and every cold start would otherwise pay for them (`python -m bench`, "Cold start").


@lru_cache(maxsize=2)
def _private_key(pem: str):
    from cryptography.hazmat.primitives import serialization

    return serialization.load_pem_private_key(pem.encode(), password=None)


def values(site_origin: str, key_pair_id: str, private_key_pem: str,
           expires: datetime) -> dict[str, str]:
    from botocore.signers import CloudFrontSigner
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    key = _private_key(private_key_pem)
    signer = CloudFrontSigner(key_pair_id,
                              lambda message: key.sign(message, padding.PKCS1v15(), hashes.SHA1()))
    policy = signer.build_policy(f"{site_origin}/*", expires)
    signed = signer.generate_presigned_url(f"{site_origin}/", policy=policy)
    query = parse_qs(urlsplit(signed).query)
    return {"CloudFront-Policy": query["Policy"][0], "CloudFront-Signature": query["Signature"][0],
            "CloudFront-Key-Pair-Id": query["Key-Pair-Id"][0]}


def enabled() -> bool:
    return bool(settings.cloudfront_key_pair_id)


def _attributes(max_age: int) -> str:
    secure = "" if settings.is_local else "; Secure"
    return f"Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"


def set_cookies(site_origin: str, expires: datetime, max_age: int) -> list[str]:
    """Set-Cookie values for the three CloudFront cookies; none when not configured."""
    if not enabled():
        return []
    pem = ssm.secret(settings.cloudfront_private_key, settings.cloudfront_private_key_param)
    granted = values(site_origin, settings.cloudfront_key_pair_id, pem, expires)
    return [f"{name}={value}; {_attributes(max_age)}" for name, value in granted.items()]


def clear_cookies() -> list[str]:
    return [f"{name}=; {_attributes(0)}" for name in NAMES] if enabled() else []
