"""S3's checks of a browser-based upload (a presigned POST form), for the local `/upload`.

moto stores whatever form it is sent; S3 refuses a form unless its policy is signed with a
known key, not expired, and every field and the file's size meet the policy's conditions.
Locally, the form is checked here first, with the same rules and S3's error codes, so that a
form the API did not sign cannot write any key or content type (an HTML page under `media/`
would run as script on the site's own origin).

Rules as documented in "Creating a POST policy" and "Authenticating requests in browser-based
uploads using POST" (Signature Versions 2 and 4); signatures are computed by botocore's own
signers, not by hand.
"""

import base64
import binascii
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from botocore.auth import HmacV1Auth, SigV4Auth
from botocore.credentials import Credentials

ALGORITHM = "AWS4-HMAC-SHA256"
# Fields the policy need not mention (S3: the signature fields, file, policy, and field names
# that have an x-ignore- prefix).
_UNCHECKED = {"x-amz-signature", "file", "policy", "awsaccesskeyid", "signature"}
_STATUS = {"AccessDenied": 403, "SignatureDoesNotMatch": 403, "InvalidAccessKeyId": 403,
           "EntityTooLarge": 400, "EntityTooSmall": 400, "InvalidArgument": 400,
           "InvalidPolicyDocument": 400, "AuthorizationQueryParametersError": 400,
           "PreconditionFailed": 412}


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str

    @property
    def status(self) -> int:
        return _STATUS[self.code]


def _denied(why: str) -> Refusal:
    return Refusal("AccessDenied", f"Invalid according to Policy: {why}")


class _Signing:
    """What botocore's SigV4 signer reads from a request: the date of the credential scope."""

    def __init__(self, date: str):
        self.context = {"timestamp": date}


def _policy(encoded: str) -> dict | Refusal:
    try:
        policy = json.loads(base64.b64decode(encoded, validate=True))
        expiration = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
        if not isinstance(policy["conditions"], list) or expiration.tzinfo is None:
            raise ValueError
    except (binascii.Error, ValueError, KeyError, TypeError, AttributeError):
        return Refusal("InvalidPolicyDocument", "Invalid Policy: Invalid JSON.")
    return {"expiration": expiration, "conditions": policy["conditions"]}


_WRONG_SIGNATURE = Refusal("SignatureDoesNotMatch",
                           "The request signature we calculated does not match the signature "
                           "you provided. Check your key and signing method.")


def _unknown(key_id: str) -> Refusal:
    return Refusal("InvalidAccessKeyId",
                   "The AWS Access Key Id you provided does not exist in our records.")


def _matches(expected: str, given: str) -> Refusal | None:
    # As bytes: compare_digest refuses str holding anything but ASCII, and a form may.
    return None if hmac.compare_digest(expected.encode(), given.encode()) else _WRONG_SIGNATURE


def _signature_v2(fields: dict, secrets: dict[str, str]) -> Refusal | None:
    """Signature Version 2: what boto3 still makes for a presigned POST unless told `s3v4`."""
    key_id = fields["awsaccesskeyid"]
    if key_id not in secrets:
        return _unknown(key_id)
    expected = HmacV1Auth(Credentials(key_id, secrets[key_id])).sign_string(fields["policy"])
    return _matches(expected, fields.get("signature", ""))


def _signature_v4(fields: dict, secrets: dict[str, str], region: str) -> Refusal | None:
    if fields.get("x-amz-algorithm") != ALGORITHM:
        return Refusal("InvalidArgument", "Unsupported or missing x-amz-algorithm.")
    scope = fields.get("x-amz-credential", "").split("/")
    if len(scope) != 5 or scope[3:] != ["s3", "aws4_request"]:
        return Refusal("AuthorizationQueryParametersError",
                       "Error parsing the X-Amz-Credential parameter.")
    key_id, date, scope_region = scope[:3]
    if key_id not in secrets:
        return _unknown(key_id)
    if scope_region != region:
        return Refusal("AuthorizationQueryParametersError",
                       f"the region '{scope_region}' is wrong; expecting '{region}'")
    signer = SigV4Auth(Credentials(key_id, secrets[key_id]), "s3", region)
    expected = signer.signature(fields["policy"], _Signing(date))
    return _matches(expected, fields.get("x-amz-signature", ""))


def _condition(condition, fields: dict, size: int) -> tuple[Refusal | None, str | None]:
    """(refusal, the field the condition covers)."""
    if isinstance(condition, dict) and len(condition) == 1:
        name, value = next(iter(condition.items()))
        condition = ["eq", f"${name}", value]
    if not isinstance(condition, list) or len(condition) != 3:
        return Refusal("InvalidPolicyDocument", "Invalid Policy: Invalid condition."), None
    op, subject, value = condition
    if op == "content-length-range":
        if not (isinstance(subject, int) and isinstance(value, int)):
            return Refusal("InvalidPolicyDocument", "Invalid content-length-range."), None
        if size > value:
            return Refusal("EntityTooLarge",
                           "Your proposed upload exceeds the maximum allowed size"), None
        if size < subject:
            return Refusal("EntityTooSmall",
                           "Your proposed upload is smaller than the minimum allowed size"), None
        return None, None
    if op not in ("eq", "starts-with") or not isinstance(subject, str) \
            or not subject.startswith("$") or not isinstance(value, str):
        return Refusal("InvalidPolicyDocument", "Invalid Policy: Invalid condition."), None
    name = subject[1:].lower()
    actual = fields.get(name, "")
    ok = actual == value if op == "eq" else actual.startswith(value)
    if not ok:
        return _denied("Policy Condition failed: " + json.dumps(condition)), name
    return None, name


def check(form: dict[str, str], size: int, bucket: str, secrets: dict[str, str], region: str,
          now: datetime | None = None, filename: str = "") -> Refusal | None:
    """None when S3 would store this upload. `form` holds the text fields, `size` the file's
    length in bytes, `secrets` the secret key of each access key id S3 knows."""
    fields = {k.lower(): v for k, v in form.items()}
    if "key" not in fields:
        return Refusal("InvalidArgument", "Bucket POST must contain a field named 'key'.")
    if "policy" not in fields:
        return _denied("Bucket POST must contain a field named 'policy'.")
    # S3 puts the uploaded file's name where the key says ${filename}.
    fields["key"] = fields["key"].replace("${filename}", filename)
    fields["bucket"] = bucket
    if "awsaccesskeyid" in fields:
        refused = _signature_v2(fields, secrets)
    else:
        refused = _signature_v4(fields, secrets, region)
    if refused:
        return refused
    policy = _policy(fields["policy"])
    if isinstance(policy, Refusal):
        return policy
    if (now or datetime.now(UTC)) >= policy["expiration"]:
        return _denied("Policy expired.")
    covered = {"bucket"}
    for condition in policy["conditions"]:
        refused, name = _condition(condition, fields, size)
        if refused:
            return refused
        covered.add(name)
    extra = sorted(n for n in fields if n not in covered and n not in _UNCHECKED
                   and not n.startswith("x-ignore-"))
    if extra:
        return _denied(f"Extra input fields: {', '.join(extra)}")
    return None


def error_xml(refusal: Refusal) -> bytes:
    from xml.sax.saxutils import escape

    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{refusal.code}</Code>'
            f"<Message>{escape(refusal.message)}</Message></Error>").encode()
