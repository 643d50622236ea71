"""Mail and push for `plein dev` and `plein jobs`: the outbox folder and the VAPID key, both in
the data dir. Runs before the API's settings are read (see `env`)."""

import os
from pathlib import Path

OUTBOX = "outbox"
VAPID_KEY = "vapid-private.pem"


def new_vapid_pem() -> str:
    """A P-256 key as PKCS#8 PEM (the API's own `vapid.new_private_pem` cannot be imported
    before the settings are in place)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def vapid_pem(data_dir: Path) -> str:
    """The local VAPID key, made once per data dir (mode 600), like the session secret."""
    path = Path(data_dir) / VAPID_KEY
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new_vapid_pem())
        path.chmod(0o600)
    return path.read_text()


def configure(data_dir: Path) -> Path:
    """Mail goes to `<data dir>/outbox/`, push is signed with the data dir's key; values the
    caller set already win. Returns the outbox folder."""
    outbox = Path(os.environ.setdefault("PLEIN_MAIL_OUTBOX", str(Path(data_dir) / OUTBOX)))
    os.environ.setdefault("PLEIN_VAPID_PRIVATE_KEY", vapid_pem(data_dir))
    return outbox
