"""The one way API tests send a request: JSON in, the chalice test client's response out."""

import json


def call(client, method: str, path: str, headers: dict, body=None):
    """`method` is an HTTP verb in any case; the body is JSON (an empty object if none)."""
    return getattr(client.http, method.lower())(
        path, headers=headers, body=json.dumps({} if body is None else body))
