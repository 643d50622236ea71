"""Photos: the browser uploads straight to the bucket with a presigned POST; when a post
names an upload, the server makes WebP web sizes with Pillow (no EXIF, so no location) and
deletes the original.

Bucket layout: `originals/<person id>/<upload id>` (never served) and
`media/<upload id>/<size>.webp` (served on the site's own origin at `/media/...`).

The same pipeline makes group covers and profile photos. Their web sizes are bound to what
they show (`use`: `group:<id>`, `person:<id>`), so one upload never backs two of them and the
old sizes can be deleted when a cover or photo is replaced. Post photos are deleted only when
their author's account is erased with its content removed (`erase`).
"""

import io
import logging
import warnings
from functools import lru_cache

from botocore.exceptions import BotoCoreError, ClientError

from ..clock import Clock
from ..errors import ApiError, invalid, too_large
from ..ids import IdMaker, is_id
from ..settings import settings
from .viewer import Viewer

MAX_BYTES = 10 * 1024 * 1024
MAX_PHOTOS = 4
MAX_ALT_CHARS = 300
TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
SIZES = (400, 1200)
UPLOAD_SECONDS = 600
# The most pixels a photo may have, checked from its header before anything is decoded. A
# small file that decodes to more is a decompression bomb, not a photo: 10,000 x 9,999 px in a
# few hundred KB took ~6 s and ~1.7 GB here, and the Lambda has 512 MB. 40 MP holds what
# phones and cameras save by default (12-48 MP) and decodes to at most 160 MB (RGBA).
MAX_PIXELS = 40_000_000
POST = "post"  # the use of media made before uses were recorded, too
DELETE_BATCH = 1000  # S3's limit on the keys of one DeleteObjects

log = logging.getLogger(__name__)


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


def _too_many_pixels(field: str) -> ApiError:
    return too_large(field, f"Photos may have at most {MAX_PIXELS // 1_000_000} million pixels.")


def _web_sizes(original: bytes, field: str) -> tuple[dict[int, bytes], dict]:
    # Imported here: only requests with photos pay for Pillow, not every cold start.
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; here a warning refuses.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(original)) as image:  # reads the header only
                if image.format not in TYPES.values():
                    raise invalid(field, "Photos must be JPEG, PNG or WebP.")
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise _too_many_pixels(field)
                image.load()
                upright = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(field) from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise invalid(field, "That file is not a readable photo.") from None
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


def _processed(viewer: Viewer, upload_id: str, use: str) -> dict | None:
    """Web sizes made earlier of this person's upload for the same use (a retry), if any."""
    try:
        head = s3().head_object(Bucket=settings.uploads_bucket, Key=media_key(upload_id, SIZES[-1]))
    except ClientError:
        return None
    meta = head.get("Metadata", {})
    if meta.get("owner") != viewer.id or meta.get("use", POST) != use:
        return None
    return {k: int(meta[k]) for k in ("width", "height", "small_width")}


def process(viewer: Viewer, upload_id: str, use: str = POST, field: str = "photos") -> dict:
    """Makes the web sizes of the viewer's own upload (only theirs: originals live under the
    uploader's prefix) and deletes the original. `use` says what shows them."""
    done = _processed(viewer, upload_id, use)
    if done:
        return done
    bucket, key = settings.uploads_bucket, original_key(viewer.id, upload_id)
    try:
        obj = s3().get_object(Bucket=bucket, Key=key)
    except ClientError:
        raise invalid(field, f"Upload {upload_id} was not found; upload it first.") from None
    try:
        if obj["ContentLength"] > MAX_BYTES:
            raise too_large(field, f"Photos may be at most {MAX_BYTES // (1024 * 1024)} MB.")
        sizes, dims = _web_sizes(obj["Body"].read(), field)
    except ApiError:
        # A file that is no photo never will be: delete it now rather than keep its EXIF
        # (location) until the lifecycle rule, or decode it again on every retry.
        s3().delete_object(Bucket=bucket, Key=key)
        raise
    for size, data in sizes.items():
        s3().put_object(Bucket=bucket, Key=media_key(upload_id, size), Body=data,
                        ContentType="image/webp", CacheControl="public, max-age=31536000",
                        Metadata={"owner": viewer.id, "use": use,
                                  **{k: str(v) for k, v in dims.items()}})
    s3().delete_object(Bucket=bucket, Key=key)
    return dims


def discard(*upload_ids: str | None) -> None:
    """Deletes the web sizes of photos nothing shows any more (a replaced cover or profile
    photo, a deleted post's photos): one call, best effort. A failure leaves unreferenced
    files behind, never a broken page, so it does not fail the request."""
    keys = [{"Key": media_key(u, size)} for u in upload_ids if u for size in SIZES]
    if not keys:
        return
    try:
        s3().delete_objects(Bucket=settings.uploads_bucket,
                            Delete={"Objects": keys, "Quiet": True})
    except (ClientError, BotoCoreError):
        log.warning("could not delete the web sizes of %s", upload_ids, exc_info=True)


def erase(upload_ids) -> None:
    """Deletes the web sizes of an erased account's photos, or fails the request: unlike
    `discard`, the caller removes what names them only afterwards, so a failure leaves them
    listed for the next call instead of leaving personal data nobody can find."""
    keys = [media_key(u, size) for u in dict.fromkeys(upload_ids) if u for size in SIZES]
    _delete_all(keys)


def erase_originals(person_id: str, limit: int) -> int:
    """Deletes up to `limit` uploads the person never attached (they hold EXIF, so location);
    one List and one Delete. Returns how many, so the caller knows whether more may be left."""
    try:
        listing = s3().list_objects_v2(Bucket=settings.uploads_bucket, MaxKeys=limit,
                                       Prefix=original_key(person_id, ""))
    except (ClientError, BotoCoreError) as err:
        if _no_bucket(err):  # a stage that never had a photo: nothing to delete
            return 0
        raise _unavailable() from err
    keys = [obj["Key"] for obj in listing.get("Contents", [])]
    _delete_all(keys)
    return len(keys)


def _delete_all(keys: list[str]) -> None:
    for start in range(0, len(keys), DELETE_BATCH):  # callers pass at most one batch or so
        try:
            reply = s3().delete_objects(Bucket=settings.uploads_bucket, Delete={
                "Objects": [{"Key": k} for k in keys[start:start + DELETE_BATCH]],
                "Quiet": True})
        except (ClientError, BotoCoreError) as err:
            raise _unavailable() from err
        if reply.get("Errors"):  # Quiet: only failures are listed
            log.warning("could not delete %s", reply["Errors"])
            raise _unavailable()


def _no_bucket(err: Exception) -> bool:
    return isinstance(err, ClientError) and err.response["Error"]["Code"] == "NoSuchBucket"


def _unavailable() -> ApiError:
    return ApiError(503, "unavailable", "Photos could not be deleted just now; try again.")


def reference(value, field: str) -> dict:
    """`"<upload id>"` or `{"id": "<upload id>", "alt": "..."}` as `{"id", "alt"}`."""
    photo = {"id": value} if isinstance(value, str) else value
    if not isinstance(photo, dict) or not is_id(photo.get("id")):
        raise invalid(field, "A photo needs the id of an upload.")
    alt = photo.get("alt") or ""
    if not isinstance(alt, str) or len(alt) > MAX_ALT_CHARS:
        raise invalid(field, f"Alt text is text of at most {MAX_ALT_CHARS} characters.")
    return {"id": photo["id"], "alt": alt.strip()}


def requested(data: dict) -> int:
    """How many uploads a request body names for processing (a post's `photos`, a group's
    uploaded `cover`, a profile's `photo`), for the rate limit; what is malformed counts 0 and
    is refused by the validation that follows."""
    listed = data.get("photos")
    count = min(len(listed), MAX_PHOTOS) if isinstance(listed, list) else 0
    count += isinstance(data.get("cover"), dict)
    photo = data.get("photo")
    return count + bool(photo and isinstance(photo, str | dict))


def photos_for_post(viewer: Viewer, data: dict) -> list[dict]:
    """Validates `photos: [{"id", "alt"}]` and returns what a post stores about each."""
    photos = data.get("photos", [])
    if not isinstance(photos, list):
        raise invalid("photos", "Photos must be a list.")
    if len(photos) > MAX_PHOTOS:
        raise invalid("photos", f"A post has at most {MAX_PHOTOS} photos.")
    out = [reference(photo, "photos") for photo in photos]
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


def avatar(upload_id: str | None) -> dict | None:
    """A profile photo as JSON. Avatars show at most a few hundred device pixels wide, so the
    400 px size is all they need (no smaller size: one more file per photo to save a few KB)."""
    if not upload_id:
        return None
    return {"id": upload_id, "src": media_url(upload_id, SIZES[0])}
