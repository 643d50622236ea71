"""The one place that reads the environment.

Every setting is `(name, default, help)` so that ARCHITECTURE.md and the tests can list them;
a test fails when one is added here without being documented.
"""

import os
from dataclasses import dataclass

SETTINGS = (
    ("PLEIN_STAGE", "local", "Deployment stage; dev-only routes exist only on 'local'."),
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
)


@dataclass(frozen=True)
class Settings:
    stage: str
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

    @property
    def is_local(self) -> bool:
        return self.stage == "local"


def load(environ=os.environ) -> Settings:
    values = {name: environ.get(name, default) for name, default, _help in SETTINGS}
    try:
        hours = int(values["PLEIN_SESSION_HOURS"])
    except ValueError:
        hours = 12
    return Settings(
        stage=values["PLEIN_STAGE"],
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
    )


settings = load()
