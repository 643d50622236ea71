"""`plein dev`: one process with the embedded AWS endpoint, the API and the site on one port."""

import secrets
import signal
import sys
import threading
from pathlib import Path

from werkzeug.serving import make_server

from .. import site
from ..paths import CONTENT, SITE
from . import delivery, env, objects, snapshot
from .dynamo import EmbeddedAws, ensure_table
from .gateway import ApiApp, OneOrigin, SiteApp
from .media import MediaApp, UploadProxy

TABLE = "plein-local"
SNAPSHOT_SECONDS = 30


def _secret(data_dir: Path) -> str:
    path = data_dir / "session-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


class LocalStack:
    """The embedded endpoint with the table, restored from (and saved to) a data dir."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.snapshot_path = self.data_dir / "dynamodb.json"
        self.uploads_dir = self.data_dir / "uploads"
        self.aws = EmbeddedAws()
        self._lock = threading.Lock()

    def start(self, seed_demo: bool = True) -> dict:
        saved = snapshot.read(self.snapshot_path)  # fails before anything starts
        self.aws.start()
        self.outbox = delivery.configure(self.data_dir)
        env.configure(self.aws.endpoint, TABLE, _secret(self.data_dir))
        from chalicelib.clock import system_clock
        from chalicelib.ids import new_id
        from chalicelib.models import TABLE_SCHEMA

        self.dynamodb = self.aws.client("dynamodb")
        ensure_table(self.dynamodb, TABLE, TABLE_SCHEMA)
        self.s3 = self.aws.client("s3")
        objects.ensure_bucket(self.s3, env.UPLOADS_BUCKET)
        photos = objects.restore(self.s3, env.UPLOADS_BUCKET, self.uploads_dir)
        if saved is not None:
            result = {"restored": snapshot.restore(self.dynamodb, TABLE, saved),
                      "photos": photos}
        else:
            result = {"restored": 0}
            if seed_demo:
                from ..demo.seed import seed

                result["seeded"] = seed(system_clock, new_id)
        result["groups"] = self.sync_groups()
        self.save()
        return result

    def sync_groups(self) -> dict | str:
        """Official groups from content/groups/ exist once the stack runs (and after edits)."""
        from chalicelib.domain import photos

        from ..groups_sync import DefinitionError, sync

        try:
            return sync(CONTENT, discard=photos.discard)  # the local bucket is ours for sure
        except DefinitionError as err:
            print(f"plein dev: official groups not synced: {err}", file=sys.stderr)
            return "failed"

    def save(self) -> int:
        with self._lock:
            objects.save(self.s3, env.UPLOADS_BUCKET, self.uploads_dir)
            return snapshot.save(self.dynamodb, TABLE, self.snapshot_path)

    def stop(self) -> int:
        saved = self.save()
        self.aws.stop()
        return saved


def _site_key(data_dir: Path) -> str:
    """A local stand-in for the CloudFront key pair, made once per data dir (mode 600)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    path = data_dir / "site-key.pem"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
        path.chmod(0o600)
    return path.read_text()


def _private(app, site_dir: Path, headers: dict):
    """CloudFront's signed-cookie check in front of the site, with the key the API signs with."""
    from chalicelib.settings import settings
    from cryptography.hazmat.primitives import serialization

    from .cloudfront import PrivateSite

    key = serialization.load_pem_private_key(settings.cloudfront_private_key.encode(), None)
    return PrivateSite(app, site_dir, key.public_key(), settings.cloudfront_key_pair_id, headers)


def run(port: int, data_dir: Path, site_dir: Path = SITE, host: str = "127.0.0.1",
        watch: bool = True, build: bool = True, snapshot_seconds: float = SNAPSHOT_SECONDS,
        private_site: bool = False) -> int:
    if private_site:
        env.use_site_key(_site_key(Path(data_dir)))
    stack = LocalStack(data_dir)
    try:
        outcome = stack.start()
    except snapshot.SnapshotError as err:
        print(f"plein dev: {err}\nMove or repair that file; nothing was changed.", file=sys.stderr)
        return 2
    print(f"Local data: {stack.snapshot_path} ({outcome})", flush=True)

    def rebuild() -> bool:
        built = site.build(output=site_dir)
        stack.sync_groups()
        return built

    if build and not rebuild():
        print("plein dev: the site did not build; fix the error above.", file=sys.stderr)
    from chalicelib.web.headers import for_stage

    headers = for_stage(is_local=True)
    site_app = SiteApp(site_dir, headers)
    media_app = MediaApp(stack.s3, env.UPLOADS_BUCKET, headers)
    if private_site:  # CloudFront guards the pages and the photos alike
        site_app = _private(site_app, site_dir, headers)
        media_app = _private(media_app, site_dir, headers)
    from .outbox import OutboxApp

    app = OneOrigin(ApiApp(env.load_app()), site_app, media=media_app,
                    upload=UploadProxy(stack.aws.endpoint, env.UPLOADS_BUCKET, headers),
                    outbox=OutboxApp(stack.outbox, headers))
    server = make_server(host, port, app, threaded=True)
    stop = threading.Event()

    def periodic_save():
        while not stop.wait(snapshot_seconds):
            stack.save()

    threading.Thread(target=periodic_save, name="snapshot", daemon=True).start()
    if watch:
        site.watch(lambda: print("Site rebuilt." if rebuild() else "Site build failed.",
                                 flush=True), stop)

    def shutdown(_signum, _frame):
        stop.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    print(f"Plein is running at http://{host}:{port}/  (Ctrl-C stops it)", flush=True)
    try:
        server.serve_forever()
    finally:
        stop.set()
        saved = stack.stop()
        print(f"Saved {saved} items to {stack.snapshot_path}.", flush=True)
    return 0
