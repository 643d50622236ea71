"""Points the API at a local endpoint. Must run before `app` or `chalicelib` is imported,
because the settings module reads the environment once at import."""

import os
import sys

from ..paths import FUNCTIONS

UPLOADS_BUCKET = "plein-local-uploads"
# The embedded endpoint's only key pair: the API signs with it (presigned upload forms) and
# the local /upload checks those signatures with it, as S3 does with a real account's keys.
ACCESS_KEY_ID, SECRET_ACCESS_KEY = "local", "local"


def region() -> str:
    return os.environ.get("PLEIN_REGION", "eu-west-1")


def configure(endpoint: str, table: str, secret: str, stage: str = "local",
              s3_endpoint: str | None = None, bucket: str = UPLOADS_BUCKET,
              demo_signin: bool = False) -> None:
    """`endpoint` serves DynamoDB; S3 goes to `s3_endpoint` (the same server unless a
    DynamoDB-only proxy such as the call meter sits in front of it). `demo_signin` turns on
    the routes that sign anyone in as anyone: `plein dev` and the tests ask for it, nothing
    else does, and it is set either way so a stray shell variable cannot decide."""
    os.environ.update({
        "PLEIN_STAGE": stage,
        "PLEIN_DEMO_SIGNIN": "1" if demo_signin else "",
        "PLEIN_TABLE": table,
        "PLEIN_DYNAMODB_ENDPOINT": endpoint,
        "PLEIN_SESSION_SECRET": secret,
        "PLEIN_S3_ENDPOINT": s3_endpoint or endpoint,
        "PLEIN_UPLOADS_BUCKET": bucket,
        # moto accepts any credentials; real ones must never reach a local endpoint.
        "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
        "AWS_DEFAULT_REGION": region(),
    })
    os.environ.pop("AWS_SESSION_TOKEN", None)
    os.environ.pop("AWS_PROFILE", None)
    add_functions_path()


def add_functions_path() -> None:
    if str(FUNCTIONS) not in sys.path:
        sys.path.insert(0, str(FUNCTIONS))


def use_site_key(pem: str, key_pair_id: str = "LOCALSITEKEY") -> None:
    """Sign site cookies locally (`plein dev --private-site`), unless a key is already set."""
    if not os.environ.get("PLEIN_CLOUDFRONT_PRIVATE_KEY"):
        os.environ["PLEIN_CLOUDFRONT_PRIVATE_KEY"] = pem
        os.environ["PLEIN_CLOUDFRONT_KEY_PAIR_ID"] = key_pair_id


def load_app():
    """The Chalice app object, imported after `configure`."""
    from app import app

    return app
