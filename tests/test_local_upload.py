"""The local /upload and /media behave as S3 and CloudFront do: a form is stored only when its
policy is signed with the local key, unexpired, and every field and the file's size meet its
conditions; /media serves images only. Real WSGI apps over moto's S3 on loopback."""

import io
import json
from datetime import UTC, datetime, timedelta

import boto3
import pytest
import urllib3
from botocore.config import Config
from werkzeug.test import Client

from infra.local import env
from infra.local.gateway import OneOrigin
from infra.local.media import MediaApp, UploadProxy

HEADERS = {"X-Content-Type-Options": "nosniff"}
SECRETS = {env.ACCESS_KEY_ID: env.SECRET_ACCESS_KEY}


class Clock:
    def __init__(self):
        self.now = datetime.now(UTC)

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def s3(aws):
    return aws.client("s3")


@pytest.fixture
def origin(aws, bucket, s3, clock):
    def not_here(environ, start_response):
        start_response("404 Not Found", [])
        return [b""]

    app = OneOrigin(not_here, not_here, media=MediaApp(s3, bucket, HEADERS),
                    upload=UploadProxy(aws.endpoint, bucket, HEADERS, SECRETS, "eu-west-1",
                                       clock=clock))
    return Client(app)


def send(origin, fields: dict, content: bytes = b"\xff\xd8 a photo",
         name: str = "foto.jpg"):
    return origin.post("/upload", data={**fields, "file": (io.BytesIO(content), name)})


def stored(s3, bucket, key) -> bool:
    return any(o["Key"] == key for o in s3.list_objects_v2(Bucket=bucket).get("Contents", []))


def code(response) -> str:
    return response.get_data(as_text=True).split("<Code>")[1].split("</Code>")[0]


@pytest.fixture(params=["s3", "s3v4"])
def signer(request, aws):
    """boto3 signs a presigned POST with Signature Version 2 unless told `s3v4`; S3 takes
    both, so the local /upload checks both."""
    return boto3.client("s3", endpoint_url=aws.endpoint, region_name="eu-west-1",
                        aws_access_key_id=env.ACCESS_KEY_ID,
                        aws_secret_access_key=env.SECRET_ACCESS_KEY,
                        config=Config(signature_version=request.param))


def signed(s3, bucket, key="originals/p1/u1", content_type="image/jpeg", low=1, high=1000,
           expires=600) -> dict:
    return s3.generate_presigned_post(
        bucket, key, Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", low, high]],
        ExpiresIn=expires)["fields"]


def other_key_id(fields: dict) -> dict:
    if "AWSAccessKeyId" in fields:
        return {"AWSAccessKeyId": "AKIAOTHER"}
    return {"x-amz-credential": fields["x-amz-credential"].replace("local/", "AKIAOTHER/")}


def other_signature(fields: dict) -> dict:
    if "signature" in fields:
        return {"signature": "bm90IGl0"}
    return {"x-amz-signature": "0" * 64}


def non_ascii_signature(fields: dict) -> dict:
    return {"signature" if "signature" in fields else "x-amz-signature": "é" * 28}


def test_an_unsigned_form_writing_html_under_media_is_refused_and_not_served(origin, s3,
                                                                             bucket):
    page = b"<script>alert(document.cookie)</script>"
    reply = send(origin, {"key": "media/x/p.html", "Content-Type": "text/html"}, page, "p.html")
    assert reply.status_code == 403 and code(reply) == "AccessDenied"
    assert reply.headers["Content-Type"] == "application/xml"
    assert not stored(s3, bucket, "media/x/p.html")
    assert origin.get("/media/x/p.html").status_code == 404


def test_a_form_the_api_signed_is_stored(origin, client, make_person, as_person, s3, bucket):
    photo = b"\xff\xd8 a small photo"
    target = client.http.post("/api/uploads", headers=as_person(make_person()), body=json.dumps(
        {"content_type": "image/jpeg", "size": len(photo)})).json_body
    reply = send(origin, target["fields"], photo)
    assert reply.status_code == 204, reply.get_data(as_text=True)
    assert stored(s3, bucket, target["fields"]["key"])


@pytest.mark.parametrize("change, expected", [
    (lambda f: {"key": "media/x/p.html"}, "AccessDenied"),
    (lambda f: {"Content-Type": "text/html"}, "AccessDenied"),
    (lambda f: {"acl": "public-read"}, "AccessDenied"),  # a field the policy does not mention
    (other_signature, "SignatureDoesNotMatch"),
    (non_ascii_signature, "SignatureDoesNotMatch"),
    (lambda f: {"policy": "e30="}, "SignatureDoesNotMatch"),  # another policy, old signature
    (other_key_id, "InvalidAccessKeyId"),
])
def test_a_signed_form_that_was_changed_is_refused(origin, signer, bucket, s3, change,
                                                   expected):
    fields = signed(signer, bucket)
    fields.update(change(fields))
    reply = send(origin, fields)
    assert code(reply) == expected and reply.status_code == 403
    assert not stored(s3, bucket, fields["key"])


def test_a_form_signed_with_another_secret_is_refused(origin, signer, bucket):
    other = boto3.client("s3", endpoint_url=signer.meta.endpoint_url, region_name="eu-west-1",
                         aws_access_key_id=env.ACCESS_KEY_ID, aws_secret_access_key="guessed",
                         config=signer.meta.config)
    reply = send(origin, signed(other, bucket))
    assert reply.status_code == 403 and code(reply) == "SignatureDoesNotMatch"
    assert send(origin, signed(signer, bucket)).status_code == 204


@pytest.mark.parametrize("content, expected", [(b"x" * 1001, "EntityTooLarge"),
                                               (b"", "EntityTooSmall")])
def test_the_file_must_fit_the_policys_size_range(origin, signer, s3, bucket, content,
                                                  expected):
    reply = send(origin, signed(signer, bucket), content)
    assert reply.status_code == 400 and code(reply) == expected
    assert not stored(s3, bucket, "originals/p1/u1")


def test_an_expired_form_is_refused(origin, signer, bucket, clock):
    fields = signed(signer, bucket, expires=600)
    clock.now += timedelta(seconds=601)
    reply = send(origin, fields)
    assert reply.status_code == 403 and "Policy expired" in reply.get_data(as_text=True)
    clock.now -= timedelta(seconds=2)
    assert send(origin, fields).status_code == 204


def test_a_form_must_be_multipart_with_one_file(origin, s3, bucket):
    reply = origin.post("/upload", data=json.dumps(signed(s3, bucket)),
                        content_type="application/json")
    assert reply.status_code == 412 and code(reply) == "PreconditionFailed"
    body, ctype = urllib3.encode_multipart_formdata(signed(s3, bucket))  # no file
    reply = origin.post("/upload", data=body, content_type=ctype)
    assert reply.status_code == 400 and code(reply) == "InvalidArgument"


def test_media_serves_images_only_and_never_sniffed(origin, s3, bucket):
    s3.put_object(Bucket=bucket, Key="media/u2/400.webp", Body=b"RIFF....WEBP",
                  ContentType="image/webp")
    for key, ctype in [("media/u2/p.html", "text/html"), ("media/u2/i.svg", "image/svg+xml"),
                       ("media/u2/none", "application/octet-stream")]:
        s3.put_object(Bucket=bucket, Key=key, Body=b"<script>1</script>", ContentType=ctype)
        assert origin.get(f"/{key}").status_code == 404, key
    reply = origin.get("/media/u2/400.webp")
    assert reply.status_code == 200 and reply.headers["Content-Type"] == "image/webp"
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
