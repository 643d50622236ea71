"""Photo steps shared by the API tests: make an image, upload it the way the browser does."""

import io

import urllib3
from api_steps import call
from PIL import ExifTags, Image


def photo_bytes(fmt="JPEG", size=(1600, 1000), with_location=True) -> bytes:
    image = Image.new("RGB", size, (30, 120, 160))
    exif = Image.Exif()
    if with_location:
        exif[ExifTags.Base.Make] = "Telefoon"
        exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (4.0, 53.0, 0.0)}
    out = io.BytesIO()
    image.save(out, fmt, exif=exif)
    return out.getvalue()


def upload(client, aws, headers, data: bytes, content_type="image/jpeg") -> str:
    """What the browser does: ask for a target, then POST the form straight to the bucket."""
    target = call(client, "post", "/api/uploads", headers,
                  {"content_type": content_type, "size": len(data)})
    assert target.status_code == 201, target.json_body
    body = target.json_body
    assert body["url"] == "/upload"  # same origin; the dev server routes it to the bucket
    fields = {**body["fields"], "file": ("photo", data, content_type)}
    encoded, ctype = urllib3.encode_multipart_formdata(fields)
    reply = urllib3.request("POST", f"{aws.endpoint}/{bucket_name()}", body=encoded,
                            headers={"Content-Type": ctype})
    assert reply.status in (200, 201, 204), reply.data
    return body["id"]


def bucket_name():
    from infra.local.env import UPLOADS_BUCKET

    return UPLOADS_BUCKET


def stored_keys(aws, prefix: str) -> list[str]:
    listing = aws.client("s3").list_objects_v2(Bucket=bucket_name(), Prefix=prefix)
    return sorted(obj["Key"] for obj in listing.get("Contents", []))
