"""A cold start imports only what its requests need (issue 19): every Lambda of the app loads
all of `app.py`, so a library that only some routes use must wait for them (`chalicelib/lazy.py`
and imports inside the functions that need them). Checked in a fresh interpreter, as a Lambda
starts."""

import json
import subprocess
import sys

from infra.paths import FUNCTIONS

# Each with the routes that load it: none of them is needed to import the app.
DEFERRED = {
    "icalendar.cal": "the .ics routes",
    "jwt.algorithms": "a session check, a sign-in, an unsubscribe link",
    "cryptography.hazmat": "PyJWT, Web Push, the CloudFront signer",
    "snowballstemmer": "search and its indexing",
    "stopwords": "search and its indexing",
    "boto3.session": "the stream consumer, the digest, uploads, mail",
}
# `botocore.signers` is not among them: botocore's client imports it to sign every DynamoDB call.

CHECK = """
import json, sys
import app
before = {name: name in sys.modules for name in NAMES}
from chalicelib.clock import system_clock
from chalicelib.domain import sessions
token = sessions.issue("p-1", system_clock())
after = {name: name in sys.modules for name in NAMES}
print(json.dumps({"before": before, "after": after}))
"""


def run() -> dict:
    code = f"NAMES = {sorted(DEFERRED)!r}\n{CHECK}"
    out = subprocess.run([sys.executable, "-c", code], cwd=FUNCTIONS, check=True,
                         capture_output=True, text=True,
                         env={"PLEIN_SESSION_SECRET": "x", "PATH": "/usr/bin:/bin"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_the_app_loads_none_of_the_heavy_libraries_only_some_routes_use():
    loaded = run()
    assert [name for name, yes in loaded["before"].items() if yes] == []
    # ...and they arrive when used: issuing a session loads PyJWT (with cryptography).
    assert loaded["after"]["jwt.algorithms"] and loaded["after"]["cryptography.hazmat"]
    assert not loaded["after"]["icalendar.cal"]
