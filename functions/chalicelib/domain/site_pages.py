"""Which paths are pages of the built site. Page comments and page hits take only those, so
nobody can open comment threads or fill the dashboard's top pages with paths that are no page.

The Pelican build writes the list (`plugins/plein_pages`: `plein-pages.json` in the site's
output). `PLEIN_SITE_PAGES` says where the API reads it: a file (`plein dev` names the site it
serves) or `s3://<site bucket>/plein-pages.json` (deployed: the list travels with the site, so
a content-only deploy, which only syncs the site, updates it too). See docs/hardening.md.
"""

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..errors import ApiError, invalid, not_found
from ..settings import settings

# A deployed API reads the list again at most this often: new pages take comments within a
# minute of a deploy, for one S3 GetObject per minute per warm Lambda.
RELOAD_SECONDS = 60

log = logging.getLogger(__name__)

PAGE_PATH = re.compile(r"^/(?:[a-z0-9._-]+/)*(?:[a-z0-9._-]+\.html)?$")
MAX_PATH_CHARS = 300


class SitePages:
    """The set of page paths (`/nieuws/slug.html`, `/index.html`) at `location`. A file is read
    again when it changes; an S3 object every RELOAD_SECONDS. A location with nothing there
    (no site built yet) holds no pages."""

    def __init__(self, location: str, monotonic: Callable[[], float] = time.monotonic):
        self.location, self.monotonic = location, monotonic
        self._pages: frozenset[str] | None = None
        self._version = None
        self._lock = threading.Lock()

    def __contains__(self, path: str) -> bool:
        return path in self.pages()

    def pages(self) -> frozenset[str]:
        with self._lock:
            if not self.location:
                return frozenset()
            if self.location.startswith("s3://"):
                self._from_s3()
            else:
                self._from_file()
            return self._pages

    def _from_file(self) -> None:
        path = Path(self.location)
        try:
            version = path.stat().st_mtime_ns
        except OSError:
            self._pages, self._version = frozenset(), None
            return
        if version != self._version or self._pages is None:
            self._pages, self._version = _parse(path.read_bytes()), version

    def _from_s3(self) -> None:
        now = self.monotonic()
        if self._pages is not None and now - self._version < RELOAD_SECONDS:
            return
        from botocore.exceptions import BotoCoreError, ClientError

        bucket, _, key = self.location.removeprefix("s3://").partition("/")
        try:
            body = _s3().get_object(Bucket=bucket, Key=key)["Body"].read()
        except ClientError as err:
            if err.response["Error"]["Code"] in ("NoSuchKey", "NoSuchBucket"):
                body = b""
            else:
                body = self._keep_or_fail(err)
        except BotoCoreError as err:
            body = self._keep_or_fail(err)
        if body is not None:
            self._pages = _parse(body)
        self._version = now

    def _keep_or_fail(self, err: Exception) -> None:
        """S3 did not answer: keep the list we had, or say so (503) if we never had one."""
        log.warning("could not read the site's pages from %s: %s", self.location, err)
        if self._pages is None:
            raise ApiError(503, "unavailable", "The site's pages could not be read just now; "
                           "try again.")
        return None


def _parse(raw: bytes) -> frozenset[str]:
    try:
        pages = json.loads(raw or b"{}").get("pages", [])
    except (ValueError, AttributeError):
        log.warning("the site's page list is not the JSON the build writes")
        return frozenset()
    return frozenset(p for p in pages if isinstance(p, str))


@lru_cache(maxsize=1)
def _s3():
    import boto3

    return boto3.client("s3", region_name=settings.region, endpoint_url=settings.s3_endpoint)


@lru_cache(maxsize=1)
def configured() -> SitePages:
    """The pages `PLEIN_SITE_PAGES` names: one reader per process, so its cache is shared."""
    return SitePages(settings.site_pages)


def is_page(path: str, pages: SitePages | None = None) -> bool:
    """`/` and `/dir/` are their `index.html`, as the site is served."""
    file = path + "index.html" if path.endswith("/") else path
    return file in (pages if pages is not None else configured())


def well_formed(path) -> bool:
    """Shaped like a page's path, /nieuws/slug.html (`fullmatch`: `$` would let a trailing
    newline through)."""
    return (isinstance(path, str) and len(path) <= MAX_PATH_CHARS and ".." not in path
            and PAGE_PATH.fullmatch(path) is not None)


def page_path(path, pages: SitePages | None = None) -> str:
    """`path` if it is a page of the built site: a 400 on `path` when it is no page's shape, a
    404 when the site has no such page (page reactions)."""
    if not well_formed(path):
        raise invalid("path", "Path must be a page of this site, like /nieuws/slug.html.")
    if not is_page(path, pages):
        raise not_found("page")
    return path
