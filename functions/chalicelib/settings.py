"""The one place that reads the environment.

Every setting is `(name, default, help)` so that ARCHITECTURE.md and the tests can list them;
a test fails when one is added here without being documented.

`Settings.from_env(mapping)` builds a settings object from any mapping, so a test can build
its own; `settings` is the process's, read once from `os.environ` (what the Lambda uses).
The models are pointed at a settings object's table with `models.bind(settings)`.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass

SETTINGS = (
    ("PLEIN_STAGE", "local", "Deployment stage; 'local' means plain-http cookies (plein dev)."),
    ("PLEIN_DEMO_SIGNIN", "", "1 turns the demo sign-in routes on; only `plein dev` sets it."),
    ("PLEIN_TABLE", "plein-local", "Name of the single DynamoDB table."),
    ("PLEIN_DYNAMODB_ENDPOINT", "", "DynamoDB endpoint URL; empty means the AWS default."),
    ("PLEIN_REGION", "eu-west-1", "AWS region of the table and buckets."),
    ("PLEIN_SESSION_SECRET", "", "HMAC key for session cookies (local: generated per data dir)."),
    ("PLEIN_SESSION_SECRET_PARAM", "", "SSM parameter holding the session key in production."),
    ("PLEIN_SESSION_HOURS", "12", "How long a session cookie stays valid."),
    ("PLEIN_ALLOWED_ORIGINS", "", "Extra origins (comma-separated) allowed to change state."),
    ("PLEIN_UPLOADS_BUCKET", "plein-local-uploads", "S3 bucket for photo uploads and web sizes."),
    ("PLEIN_S3_ENDPOINT", "", "S3 endpoint URL; empty means the AWS default."),
    ("PLEIN_UPLOADS_URL", "/upload", "Same-origin URL browsers send presigned upload forms to."),
    ("PLEIN_TIMEZONE", "Europe/Amsterdam", "Time zone whose calendar days usage is counted in."),
    ("PLEIN_PUBLIC_URL", "", "The site's own https origin; empty: taken from the request (local)."),
    ("PLEIN_OIDC_ISSUER", "", "OpenID Connect issuer URL; empty turns production sign-in off."),
    ("PLEIN_OIDC_CLIENT_ID", "", "The client id registered with the identity provider."),
    ("PLEIN_OIDC_CLIENT_SECRET", "", "The client secret (tests, local); production uses _PARAM."),
    ("PLEIN_OIDC_CLIENT_SECRET_PARAM", "", "SSM parameter holding the OIDC client secret."),
    ("PLEIN_OIDC_SCOPES", "openid email profile", "Scopes asked for at sign-in."),
    ("PLEIN_OIDC_ALLOWED_DOMAINS", "", "Email domains that may sign in (comma-separated, * any)."),
    ("PLEIN_OIDC_REQUIRED_GROUP", "", "If set, only members of this IdP group may sign in."),
    ("PLEIN_OIDC_GROUPS_CLAIM", "groups", "ID token claim that lists the employee's IdP groups."),
    ("PLEIN_OIDC_TIMEOUT", "5", "Seconds to wait for the identity provider before giving up."),
    ("PLEIN_ADMIN_EMAILS", "", "Emails (comma-separated) that get the admin role."),
    ("PLEIN_ADMIN_GROUP", "", "IdP group whose members get the admin role."),
    ("PLEIN_CONTENT_MANAGER_EMAILS", "", "Emails (comma-separated) that get content_manager."),
    ("PLEIN_CONTENT_MANAGER_GROUP", "", "IdP group whose members get the content_manager role."),
    ("PLEIN_CLOUDFRONT_KEY_PAIR_ID", "", "CloudFront public key id; empty: no site cookies."),
    ("PLEIN_CLOUDFRONT_PRIVATE_KEY", "", "PEM key for site cookies (tests); prod uses _PARAM."),
    ("PLEIN_CLOUDFRONT_PRIVATE_KEY_PARAM", "", "SSM parameter holding the PEM private key."),
    ("PLEIN_ORIGIN_SECRET", "", "Only requests carrying it in X-Plein-Origin are served "
     "(CloudFront adds it, so the API is not reachable around CloudFront); empty: no check."),
    ("PLEIN_RATE_LIMITS", "post=10/60,comment=30/60,upload=20/3600,hit=120/60,photo=30/3600,"
     "group=10/3600,like=120/600,profile=30/3600,report=20/3600",
     "Per-employee limits: action=count/seconds, comma-separated."),
    ("PLEIN_SITE_PAGES", "", "The built site's page list (plein-pages.json): a file or "
     "s3://bucket/key; empty: no page takes comments or hits."),
    ("PLEIN_MAIL_SENDER", "", "From address of notification mail, e.g. 'Plein <plein@org.nl>'."),
    ("PLEIN_MAIL_CONFIGURATION_SET", "", "SES configuration set every message is sent with."),
    ("PLEIN_MAIL_OUTBOX", "", "Folder that gets every message as an .eml file instead of SES."),
    ("PLEIN_SES_ENDPOINT", "", "SES endpoint URL; empty means the AWS default."),
    ("PLEIN_VAPID_PRIVATE_KEY", "", "PEM key signing Web Push (local, tests); prod uses _PARAM."),
    ("PLEIN_VAPID_PRIVATE_KEY_PARAM", "", "SSM parameter holding the VAPID private key."),
    ("PLEIN_VAPID_SUBJECT", "", "VAPID contact (mailto: or https:); empty: the public URL."),
    ("PLEIN_PUSH_HOSTS",
     "fcm.googleapis.com,updates.push.services.mozilla.com,web.push.apple.com,"
     "*.notify.windows.com",
     "Push services (host or *.suffix) a device's endpoint may be at, when deployed."),
    ("PLEIN_AUDIT_DAYS", "730", "Days the moderation audit log keeps an entry (then TTL)."),
)


_DEFAULT_LIMITS = next(d for n, d, _h in SETTINGS if n == "PLEIN_RATE_LIMITS")


@dataclass(frozen=True)
class Settings:
    stage: str
    demo_signin: bool
    table: str
    dynamodb_endpoint: str | None
    region: str
    session_secret: str
    session_secret_param: str
    session_hours: int
    allowed_origins: tuple[str, ...]
    uploads_bucket: str
    s3_endpoint: str | None
    uploads_url: str
    timezone: str
    public_url: str
    oidc_issuer: str
    oidc_client_id: str
    oidc_client_secret: str
    oidc_client_secret_param: str
    oidc_scopes: str
    oidc_allowed_domains: tuple[str, ...]
    oidc_required_group: str
    oidc_groups_claim: str
    oidc_timeout: float
    admin_emails: tuple[str, ...]
    admin_group: str
    content_manager_emails: tuple[str, ...]
    content_manager_group: str
    cloudfront_key_pair_id: str
    cloudfront_private_key: str
    cloudfront_private_key_param: str
    rate_limits: dict[str, tuple[int, int]]
    site_pages: str
    origin_secret: str = ""
    mail_sender: str = ""
    mail_configuration_set: str = ""
    mail_outbox: str = ""
    ses_endpoint: str | None = None
    vapid_private_key: str = ""
    vapid_private_key_param: str = ""
    vapid_subject: str = ""
    push_hosts: tuple[str, ...] = ()
    audit_days: int = 730

    @property
    def is_local(self) -> bool:
        return self.stage == "local"

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> "Settings":
        """Settings from `environ` (PLEIN_* names); missing names take their defaults."""
        return load(environ)


def _list(value: str, lower: bool = False) -> tuple[str, ...]:
    items = (v.strip() for v in value.split(","))
    return tuple(v.lower() if lower else v for v in items if v)


def _limits(value: str, default: str) -> dict[str, tuple[int, int]]:
    """`post=10/60,...` → {"post": (10, 60)}; a malformed entry falls back to the default's."""
    def parse(text):
        out = {}
        for entry in _list(text):
            try:
                action, rule = entry.split("=", 1)
                count, seconds = (int(n) for n in rule.split("/", 1))
            except ValueError:
                continue
            if count > 0 and seconds > 0:
                out[action.strip()] = (count, seconds)
        return out

    return {**parse(default), **parse(value)}


def _seconds(value: str, default: float) -> float:
    try:
        seconds = float(value)
    except ValueError:
        return default
    return seconds if 0 < seconds <= 30 else default


def _days(value: str, default: int) -> int:
    try:
        days = int(value)
    except ValueError:
        return default
    return days if days > 0 else default


def load(environ: Mapping[str, str] = os.environ) -> Settings:
    values = {name: environ.get(name, default) for name, default, _help in SETTINGS}
    try:
        hours = int(values["PLEIN_SESSION_HOURS"])
    except ValueError:
        hours = 12
    return Settings(
        stage=values["PLEIN_STAGE"],
        demo_signin=values["PLEIN_DEMO_SIGNIN"] == "1",
        table=values["PLEIN_TABLE"],
        dynamodb_endpoint=values["PLEIN_DYNAMODB_ENDPOINT"] or None,
        region=values["PLEIN_REGION"],
        session_secret=values["PLEIN_SESSION_SECRET"],
        session_secret_param=values["PLEIN_SESSION_SECRET_PARAM"],
        session_hours=hours,
        allowed_origins=tuple(
            o.strip().rstrip("/") for o in values["PLEIN_ALLOWED_ORIGINS"].split(",") if o.strip()
        ),
        uploads_bucket=values["PLEIN_UPLOADS_BUCKET"],
        s3_endpoint=values["PLEIN_S3_ENDPOINT"] or None,
        uploads_url=values["PLEIN_UPLOADS_URL"],
        timezone=values["PLEIN_TIMEZONE"],
        public_url=values["PLEIN_PUBLIC_URL"].rstrip("/"),
        # As written: the provider's `iss` may end in "/" (Auth0, Entra ID v1), and it is
        # compared exactly.
        oidc_issuer=values["PLEIN_OIDC_ISSUER"],
        oidc_client_id=values["PLEIN_OIDC_CLIENT_ID"],
        oidc_client_secret=values["PLEIN_OIDC_CLIENT_SECRET"],
        oidc_client_secret_param=values["PLEIN_OIDC_CLIENT_SECRET_PARAM"],
        oidc_scopes=values["PLEIN_OIDC_SCOPES"],
        oidc_allowed_domains=_list(values["PLEIN_OIDC_ALLOWED_DOMAINS"], lower=True),
        oidc_required_group=values["PLEIN_OIDC_REQUIRED_GROUP"],
        oidc_groups_claim=values["PLEIN_OIDC_GROUPS_CLAIM"],
        oidc_timeout=_seconds(values["PLEIN_OIDC_TIMEOUT"], 5.0),
        admin_emails=_list(values["PLEIN_ADMIN_EMAILS"], lower=True),
        admin_group=values["PLEIN_ADMIN_GROUP"],
        content_manager_emails=_list(values["PLEIN_CONTENT_MANAGER_EMAILS"], lower=True),
        content_manager_group=values["PLEIN_CONTENT_MANAGER_GROUP"],
        cloudfront_key_pair_id=values["PLEIN_CLOUDFRONT_KEY_PAIR_ID"],
        cloudfront_private_key=values["PLEIN_CLOUDFRONT_PRIVATE_KEY"],
        cloudfront_private_key_param=values["PLEIN_CLOUDFRONT_PRIVATE_KEY_PARAM"],
        rate_limits=_limits(values["PLEIN_RATE_LIMITS"], _DEFAULT_LIMITS),
        origin_secret=values["PLEIN_ORIGIN_SECRET"],
        site_pages=values["PLEIN_SITE_PAGES"],
        mail_sender=values["PLEIN_MAIL_SENDER"],
        mail_configuration_set=values["PLEIN_MAIL_CONFIGURATION_SET"],
        mail_outbox=values["PLEIN_MAIL_OUTBOX"],
        ses_endpoint=values["PLEIN_SES_ENDPOINT"] or None,
        vapid_private_key=values["PLEIN_VAPID_PRIVATE_KEY"],
        vapid_private_key_param=values["PLEIN_VAPID_PRIVATE_KEY_PARAM"],
        vapid_subject=values["PLEIN_VAPID_SUBJECT"],
        push_hosts=_list(values["PLEIN_PUSH_HOSTS"], lower=True),
        audit_days=_days(values["PLEIN_AUDIT_DAYS"], 730),
    )


settings = Settings.from_env(os.environ)
