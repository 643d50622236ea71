"""The uploads bucket on the dev server's own origin, as CloudFront routes it in production:
GET /media/... serves web sizes from the bucket's `media/` prefix, and POST /upload forwards
a presigned upload form to the bucket. Nothing else in the bucket is reachable."""

import http.client
from urllib.parse import urlsplit

from botocore.exceptions import ClientError
from werkzeug.wrappers import Request, Response

MAX_FORM_BYTES = 11 * 1024 * 1024  # a 10 MB photo plus the form's fields


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
        response = Response(obj["Body"].read(), content_type=obj.get("ContentType"),
                            headers=self.headers)
        response.headers["Cache-Control"] = obj.get("CacheControl") or "no-cache"
        return response(environ, start_response)


class UploadProxy:
    """Forwards POST /upload to moto's bucket URL. The presigned policy and its signature
    travel in the form, so S3 checks them wherever the form is posted from."""

    def __init__(self, s3_endpoint: str, bucket: str, headers: dict):
        target = urlsplit(s3_endpoint)
        self.upstream = (target.hostname, target.port)
        self.bucket, self.headers = bucket, headers

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.method != "POST":
            return Response(status=405, headers=self.headers)(environ, start_response)
        if (request.content_length or 0) > MAX_FORM_BYTES:
            return Response("Too large", status=413, headers=self.headers)(environ,
                                                                           start_response)
        conn = http.client.HTTPConnection(*self.upstream, timeout=60)
        conn.request("POST", f"/{self.bucket}", body=request.get_data(),
                     headers={"Content-Type": request.headers.get("Content-Type", "")})
        reply = conn.getresponse()
        body = reply.read()
        conn.close()
        response = Response(body, status=reply.status, headers=self.headers,
                            content_type=reply.getheader("Content-Type") or "application/xml")
        return response(environ, start_response)
