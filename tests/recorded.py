"""Recorded responses of the real CloudFormation API (tests/data/cloudformation/), played
through botocore's Stubber: a real client that checks every request against the service
model and fails on any call the test did not expect. moto cannot run SAM or API Gateway
stacks, so the change-set logic is tested on the API's real answers instead."""

import json
from datetime import datetime
from pathlib import Path

import botocore.session
from botocore.stub import ANY, Stubber

DATA = Path(__file__).resolve().parent / "data"
_TIMES = {"Timestamp", "CreationTime", "LastUpdatedTime", "DeletionTime", "CreateTime"}
__all__ = ["ANY", "Recorded", "load"]


def _parse_times(value):
    if isinstance(value, dict):
        return {k: (datetime.fromisoformat(v) if k in _TIMES else _parse_times(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_parse_times(v) for v in value]
    return value


def load(name: str, service: str = "cloudformation", **subs: str) -> dict:
    text = (DATA / service / f"{name}.json").read_text()
    for key, value in subs.items():
        text = text.replace("${" + key + "}", value)
    return _parse_times(json.loads(text))


class Recorded:
    """A client that answers from the recordings, in the order queued."""

    def __init__(self, service: str = "cloudformation", **subs: str):
        # An address that cannot be reached: if the stub ever let a call through, it fails.
        self.client = botocore.session.get_session().create_client(
            service, region_name="eu-west-1", endpoint_url="http://192.0.2.1:9",
            aws_access_key_id="recorded", aws_secret_access_key="recorded")
        self.stub = Stubber(self.client)
        self.stub.activate()
        self.service, self.subs = service, subs

    def reply(self, method: str, name: str, expected: dict | None = None,
              **subs: str) -> "Recorded":
        data = load(name, self.service, **{**self.subs, **subs})
        if "error" in data:
            err = data["error"]
            self.stub.add_client_error(method, service_error_code=err["code"],
                                       service_message=err["message"],
                                       http_status_code=err["http_status"],
                                       expected_params=expected)
        else:
            self.stub.add_response(method, data, expected)
        return self

    def assert_done(self) -> None:
        self.stub.assert_no_pending_responses()
