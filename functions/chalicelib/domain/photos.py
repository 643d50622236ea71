"""Photos: the browser uploads straight to the bucket with a presigned POST; when a post
names an upload, the server makes WebP web sizes with Pillow (no EXIF, so no location) and
deletes the original.

Bucket layout: `originals/<person id>/<upload id>` (never served) and
`media/<upload id>/<size>.webp` (served on the site's own origin at `/media/...`).
"""

import io
from functools import lru_cache

from botocore.exceptions import ClientError

from ..errors import ApiError, invalid, too_large
from ..guard import Viewer
from ..ids import Clock, IdMaker, is_id
from ..settings import settings

MAX_BYTES = 10 * 1024 * 1024
MAX_PHOTOS = 4
MAX_ALT_CHARS = 300
TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
SIZES = (400, 1200)
UPLOAD_SECONDS = 600
# Pillow refuses images of more than twice this many pixels (100 MP): a small file that
# decodes to more is a decompression bomb, not a photo.
MAX_PIXELS = 50_000_000


@lru_cache(maxsize=1)
def s3():
    import boto3

    return boto3.client("s3", region_name=settings.region, endpoint_url=settings.s3_endpoint)


def original_key(person_id: str, upload_id: str) -> str:
    return f"originals/{person_id}/{upload_id}"


def media_key(upload_id: str, size: int) -> str:
    return f"media/{upload_id}/{size}.webp"


def media_url(upload_id: str, size: int) -> str:
    return "/" + media_key(upload_id, size)


def upload_target(viewer: Viewer, data: dict, clock: Clock, new_id: IdMaker) -> dict:
    """A presigned POST the browser sends the file to, limited to the declared type and size."""
    content_type = data.get("content_type")
    if not isinstance(content_type, str) or content_type not in TYPES:  # {} is unhashable
        raise ApiError(400, "invalid", "Photos must be JPEG, PNG or WebP.", "content_type")
    size = data.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise invalid("size", "Size must be the file's size in bytes.")
    if size > MAX_BYTES:
        raise too_large("size", f"Photos may be at most {MAX_BYTES // (1024 * 1024)} MB.")
    upload_id = new_id(clock())
    target = s3().generate_presigned_post(
        settings.uploads_bucket, original_key(viewer.id, upload_id),
        Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, MAX_BYTES]],
        ExpiresIn=UPLOAD_SECONDS,
    )
    # The signature covers the policy, not the host: the browser posts to our own origin,
    # which routes to the bucket (see ARCHITECTURE.md, "Photos").
    return {"id": upload_id, "url": settings.uploads_url, "fields": target["fields"],
            "max_bytes": MAX_BYTES}


def _web_sizes(original: bytes) -> tuple[dict[int, bytes], dict]:
    # Imported here: only requests with photos pay for Pillow, not every cold start.
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(original)) as image:
            if image.format not in TYPES.values():
                raise invalid("photos", "Photos must be JPEG, PNG or WebP.")
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
        raise invalid("photos", "That file is not a readable photo.") from None
    mode = "RGBA" if "A" in upright.getbands() else "RGB"
    upright = upright.convert(mode)
    out, dims = {}, {}
    for size in SIZES:
        copy = upright.copy()
        copy.thumbnail((size, size * 4))  # width-bound; never upscaled
        buffer = io.BytesIO()
        copy.save(buffer, "WEBP", quality=80, method=4)  # no exif= argument: metadata dropped
        out[size] = buffer.getvalue()
        dims[size] = copy.size
    return out, {"width": dims[SIZES[-1]][0], "height": dims[SIZES[-1]][1],
                 "small_width": dims[SIZES[0]][0]}


def _processed(viewer: Viewer, upload_id: str) -> dict | None:
    """Web sizes made earlier for this person's upload (a retried post), if any."""
    try:
        head = s3().head_object(Bucket=settings.uploads_bucket, Key=media_key(upload_id, SIZES[-1]))
    except ClientError:
        return None
    meta = head.get("Metadata", {})
    if meta.get("owner") != viewer.id:
        return None
    return {k: int(meta[k]) for k in ("width", "height", "small_width")}


def process(viewer: Viewer, upload_id: str) -> dict:
    done = _processed(viewer, upload_id)
    if done:
        return done
    bucket, key = settings.uploads_bucket, original_key(viewer.id, upload_id)
    try:
        obj = s3().get_object(Bucket=bucket, Key=key)
    except ClientError:
        raise invalid("photos", f"Upload {upload_id} was not found; upload it first.") from None
    if obj["ContentLength"] > MAX_BYTES:
        raise too_large("photos", f"Photos may be at most {MAX_BYTES // (1024 * 1024)} MB.")
    sizes, dims = _web_sizes(obj["Body"].read())
    for size, data in sizes.items():
        s3().put_object(Bucket=bucket, Key=media_key(upload_id, size), Body=data,
                        ContentType="image/webp", CacheControl="public, max-age=31536000",
                        Metadata={"owner": viewer.id, **{k: str(v) for k, v in dims.items()}})
    s3().delete_object(Bucket=bucket, Key=key)
    return dims


def photos_for_post(viewer: Viewer, data: dict) -> list[dict]:
    """Validates `photos: [{"id", "alt"}]` and returns what a post stores about each."""
    photos = data.get("photos", [])
    if not isinstance(photos, list):
        raise invalid("photos", "Photos must be a list.")
    if len(photos) > MAX_PHOTOS:
        raise invalid("photos", f"A post has at most {MAX_PHOTOS} photos.")
    out = []
    for photo in photos:
        photo = {"id": photo} if isinstance(photo, str) else photo
        if not isinstance(photo, dict) or not is_id(photo.get("id")):
            raise invalid("photos", "Each photo needs the id of an upload.")
        alt = photo.get("alt") or ""
        if not isinstance(alt, str) or len(alt) > MAX_ALT_CHARS:
            raise invalid("photos", f"Alt text is text of at most {MAX_ALT_CHARS} characters.")
        out.append({"id": photo["id"], "alt": alt.strip()})
    if len({p["id"] for p in out}) != len(out):
        raise invalid("photos", "The same photo is listed twice.")
    return out


def to_json(photo) -> dict:
    small, large = SIZES
    width, small_width = int(photo.width), int(photo.small_width)
    srcset = f"{media_url(photo.id, large)} {width}w"
    if small_width < width:
        srcset = f"{media_url(photo.id, small)} {small_width}w, {srcset}"
    return {"id": photo.id, "alt": photo.alt or "", "width": width, "height": int(photo.height),
            "src": media_url(photo.id, large), "srcset": srcset}
