"""`plein dev`: one process with the embedded AWS endpoint, the API and the site on one port."""

import fcntl
import os
import secrets
import signal
import sys
import threading
from pathlib import Path

from werkzeug.serving import make_server

from .. import site
from ..paths import CONTENT, PAGES_MANIFEST, SITE
from . import delivery, env, journal, objects, snapshot
from .compress import Compressed
from .dynamo import EmbeddedAws, ensure_table
from .gateway import ApiApp, OneOrigin, SiteApp
from .journal import Journal
from .media import MediaApp, UploadProxy

TABLE = "plein-local"
SNAPSHOT_SECONDS = 30  # how often the journal is folded into the snapshot


def _secret(data_dir: Path) -> str:
    path = data_dir / "session-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


class DataDirInUse(Exception):
    pass


class LocalStack:
    """The embedded endpoint with the table, restored from (and saved to) a data dir: the
    snapshot, the photos' mirror and the journal of writes since the snapshot."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.snapshot_path = self.data_dir / "dynamodb.json"
        self.uploads_dir = self.data_dir / "uploads"
        self.journal = Journal(self.data_dir / "journal.log")
        self.aws = EmbeddedAws(journal=self.journal)
        self._lock = threading.Lock()
        self._owner = None

    def _claim(self) -> None:
        """One process per data dir: two would each empty the journal the other appends to.
        The lock goes with the process, however it ends."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._owner = open(self.data_dir / "lock", "a")  # noqa: SIM115 (held while running)
        try:
            fcntl.flock(self._owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._owner.close()
            raise DataDirInUse(f"Another plein process uses {self.data_dir}; stop it first.") \
                from None

    def start(self, seed_demo: bool = True, demo_signin: bool = False) -> dict:
        self._claim()
        saved = snapshot.read(self.snapshot_path)  # fails before anything starts
        written = journal.read(self.journal.path)
        self.aws.start()
        self.outbox = delivery.configure(self.data_dir)
        env.configure(self.aws.endpoint, TABLE, _secret(self.data_dir), demo_signin=demo_signin)
        from chalicelib.clock import system_clock
        from chalicelib.ids import new_id
        from chalicelib.models import TABLE_SCHEMA

        self.dynamodb = self.aws.client("dynamodb")
        ensure_table(self.dynamodb, TABLE, TABLE_SCHEMA)
        self.s3 = self.aws.client("s3")
        objects.ensure_bucket(self.s3, env.UPLOADS_BUCKET)
        photos = objects.restore(self.s3, env.UPLOADS_BUCKET, self.uploads_dir)
        result = {"restored": 0}
        if saved is not None:
            result = {"restored": snapshot.restore(self.dynamodb, TABLE, saved),
                      "photos": photos}
        after = snapshot.journal_seq(saved)
        replayed, refused = journal.replay(self.aws.app, written.records, after)
        if replayed:
            result["replayed"] = replayed
        if refused:
            print(f"plein dev: {refused} journaled writes were refused on replay "
                  f"({self.journal.path}).", file=sys.stderr)
        if written.torn_bytes:
            print(f"plein dev: ignored an unfinished last write ({written.torn_bytes} bytes) "
                  f"in {self.journal.path}; it was never answered.", file=sys.stderr)
        if saved is None and not replayed and seed_demo:
            from ..demo.seed import seed

            result["seeded"] = seed(system_clock, new_id)
        result["groups"] = self.sync_groups()
        result["events"] = self.sync_events()
        if "seeded" in result:  # the demo's events need its official groups
            from ..demo.events import seed_events

            result["seeded"]["events"] = seed_events(system_clock, new_id)
        # Start-up's own writes are folded into this snapshot; from here on, writes are
        # journaled before they are answered.
        self.journal.seq = max([after, *(r.seq for r in written.records)])
        self.save()
        self.journal.start(self.journal.seq)
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

    def sync_events(self) -> dict | str:
        """Events from content/events/ exist once the stack runs (and after edits)."""
        from ..events_sync import DefinitionError, sync

        try:
            return sync(CONTENT)
        except DefinitionError as err:
            print(f"plein dev: events not synced: {err}", file=sys.stderr)
            return "failed"

    def save(self) -> int:
        """Folds the journal into the snapshot: both mirror what moto holds, then the journal
        is emptied. Writes wait meanwhile, so nothing falls between the two."""
        with self._lock, self.journal.paused():
            objects.save(self.s3, env.UPLOADS_BUCKET, self.uploads_dir)
            saved = snapshot.save(self.dynamodb, TABLE, self.snapshot_path, self.journal.seq)
            self.journal.empty()
            return saved

    def stop(self) -> int:
        saved = self.save()
        self.journal.close()
        self.aws.stop()
        self._owner.close()
        return saved


def _background(stack: LocalStack, stop: threading.Event) -> None:
    """The work AWS does after requests: the table's stream into the same handler Lambda
    runs (from now on: what start-up restored or seeded notifies nobody), and the
    schedules (infra/jobs.py)."""
    import app as app_module
    from chalicelib.clock import system_clock

    from ..jobs import Scheduler
    from .streams import TableStream, poll_forever

    table_stream = TableStream(stack.dynamodb, stack.aws.client("dynamodbstreams"), TABLE,
                               app_module.table_changes).start()
    threading.Thread(target=poll_forever, args=(table_stream, stop), name="stream",
                     daemon=True).start()
    threading.Thread(target=Scheduler(system_clock, stop).forever, name="jobs",
                     daemon=True).start()


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


def welcome(host: str, port: int) -> str:
    """The last line `plein dev` prints before serving: where to go and who to be there."""
    from ..demo.seed import load

    people = load("people")
    admin = next(p["name"] for p in people if p["role"] == "admin")
    employee = next(p["name"] for p in people if p["role"] == "employee")
    return (f"Plein is running at http://{host}:{port}/ -- sign in with the picker at the top "
            f"as a demo employee, e.g. {admin} (admin) or {employee} (employee). "
            "Ctrl-C stops it.")


def run(port: int, data_dir: Path, site_dir: Path = SITE, host: str = "127.0.0.1",
        watch: bool = True, build: bool = True, snapshot_seconds: float = SNAPSHOT_SECONDS,
        private_site: bool = False, demo_signin: bool = True) -> int:
    if private_site:
        env.use_site_key(_site_key(Path(data_dir)))
    # Page comments and hits are for the pages this server serves (read before the API loads).
    os.environ["PLEIN_SITE_PAGES"] = str(Path(site_dir) / PAGES_MANIFEST)
    stack = LocalStack(data_dir)
    try:
        outcome = stack.start(demo_signin=demo_signin)
    except snapshot.SnapshotError as err:
        print(f"plein dev: {err}\nMove or repair that file; nothing was changed.", file=sys.stderr)
        return 2
    except DataDirInUse as err:
        print(f"plein dev: {err}", file=sys.stderr)
        return 2
    print(f"Local data: {stack.snapshot_path} ({outcome})", flush=True)

    def rebuild() -> bool:
        built = site.build(output=site_dir)
        stack.sync_groups()
        stack.sync_events()
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

    app = Compressed(OneOrigin(
        ApiApp(env.load_app()), site_app, media=media_app,
        upload=UploadProxy(stack.aws.endpoint, env.UPLOADS_BUCKET, headers,
                           {env.ACCESS_KEY_ID: env.SECRET_ACCESS_KEY}, env.region()),
        outbox=OutboxApp(stack.outbox, headers)))
    server = make_server(host, port, app, threaded=True)
    stop = threading.Event()

    def periodic_save():  # keeps the journal short; it holds every answered write anyway
        while not stop.wait(snapshot_seconds):
            if stack.journal.pending:
                stack.save()

    threading.Thread(target=periodic_save, name="snapshot", daemon=True).start()
    _background(stack, stop)
    if watch:
        site.watch(lambda: print("Site rebuilt." if rebuild() else "Site build failed.",
                                 flush=True), stop)

    def shutdown(_signum, _frame):
        stop.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    print(welcome(host, port), flush=True)
    try:
        server.serve_forever()
    finally:
        stop.set()
        saved = stack.stop()
        print(f"Saved {saved} items to {stack.snapshot_path}.", flush=True)
    return 0
