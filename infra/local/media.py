"""The uploads bucket on the dev server's own origin, as CloudFront routes it in production:
GET /media/... serves web sizes from the bucket's `media/` prefix, and POST /upload forwards
a presigned upload form to the bucket once it passes S3's checks (`s3post`). Nothing else in
the bucket is reachable."""

import http.client
import io
from datetime import UTC, datetime
from urllib.parse import urlsplit

from botocore.exceptions import ClientError
from werkzeug.exceptions import HTTPException
from werkzeug.formparser import parse_form_data
from werkzeug.wrappers import Request, Response

from . import s3post

MAX_FORM_BYTES = 11 * 1024 * 1024  # a 10 MB photo plus the form's fields
# Only the API writes under media/ (WebP web sizes); anything else there is not ours to show,
# and a type a browser would run (HTML, SVG) must never be served on the site's origin.
IMAGE_TYPES = frozenset({"image/webp", "image/jpeg", "image/png", "image/avif", "image/gif"})


class MediaApp:
    def __init__(self, s3, bucket: str, headers: dict):
        self.s3, self.bucket, self.headers = s3, bucket, headers

    def __call__(self, environ, start_response):
        request = Request(environ)
        key = request.path.lstrip("/")
        if request.method not in ("GET", "HEAD") or ".." in key or not key.startswith("media/"):
            return Response("Not found", status=404, headers=self.headers)(environ,
                                                                           start_response)
        try:
            obj = self.s3.get_object(Bucket=self.bucket, Key=key)
        except ClientError:
            return Response("Not found", status=404, headers=self.headers)(environ,
                                                                           start_response)
        if obj.get("ContentType", "").split(";")[0].strip().lower() not in IMAGE_TYPES:
            return Response("Not found", status=404, headers=self.headers)(environ,
                                                                           start_response)
        response = Response(obj["Body"].read(), content_type=obj.get("ContentType"),
                            headers=self.headers)
        response.headers["Cache-Control"] = obj.get("CacheControl") or "no-cache"
        return response(environ, start_response)


class UploadProxy:
    """Checks a form as S3 would (policy, signature, expiry, conditions, size), then forwards
    it to moto's bucket URL, which stores it."""

    def __init__(self, s3_endpoint: str, bucket: str, headers: dict, secrets: dict[str, str],
                 region: str, clock=lambda: datetime.now(UTC)):
        target = urlsplit(s3_endpoint)
        self.upstream = (target.hostname, target.port)
        self.bucket, self.headers = bucket, headers
        self.secrets, self.region, self.clock = secrets, region, clock

    def _refusal(self, environ, body: bytes) -> s3post.Refusal | None:
        if not environ.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
            return s3post.Refusal("PreconditionFailed", "Bucket POST must be of the "
                                  "enclosure-type multipart/form-data")
        environ = {**environ, "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))}
        _stream, form, files = parse_form_data(environ, max_content_length=MAX_FORM_BYTES)
        uploads = files.getlist("file")
        if len(files) != 1 or len(uploads) != 1:
            return s3post.Refusal("InvalidArgument",
                                  "POST requires exactly one file upload per request.")
        size = len(uploads[0].read())
        return s3post.check(form.to_dict(), size, self.bucket, self.secrets, self.region,
                            now=self.clock(), filename=uploads[0].filename or "")

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.method != "POST":
            return Response(status=405, headers=self.headers)(environ, start_response)
        if (request.content_length or 0) > MAX_FORM_BYTES:
            return Response("Too large", status=413, headers=self.headers)(environ,
                                                                           start_response)
        body = request.get_data()
        try:
            refused = self._refusal(environ, body)
        except HTTPException as err:  # werkzeug's limits on a form's parts: 413
            return err(environ, start_response)
        if refused:
            return Response(s3post.error_xml(refused), status=refused.status,
                            headers=self.headers, content_type="application/xml")(
                environ, start_response)
        conn = http.client.HTTPConnection(*self.upstream, timeout=60)
        conn.request("POST", f"/{self.bucket}", body=body,
                     headers={"Content-Type": request.headers.get("Content-Type", "")})
        reply = conn.getresponse()
        answer = reply.read()
        conn.close()
        response = Response(answer, status=reply.status, headers=self.headers,
                            content_type=reply.getheader("Content-Type") or "application/xml")
        return response(environ, start_response)
