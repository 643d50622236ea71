"""moto's threaded server as an embedded DynamoDB (and S3) endpoint on a free loopback port."""

import logging
import socket
import threading

import boto3
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

from . import env, transactions


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


# moto's server logs every DynamoDB call through werkzeug; that drowns everything else.
logging.getLogger("werkzeug").setLevel(logging.WARNING)


class OneCallAtATime:
    """Every DynamoDB call is atomic, and a transaction is all-or-nothing; moto's are not when
    threads overlap (a transaction backs the table up with deepcopy and restores the whole copy
    on failure, undoing other threads' writes). Serialising the calls gives each one the
    atomicity DynamoDB promises, while callers still interleave between calls as they would
    against AWS."""

    def __init__(self, app):
        self.app, self._lock = app, threading.Lock()

    def __call__(self, environ, start_response):
        with self._lock:
            return list(self.app(environ, start_response))


class EmbeddedAws:
    """`journal` (`journal.Journal`), when given, records every write moto accepts; `app` is
    moto without it, for replaying the journal."""

    def __init__(self, host: str = "127.0.0.1", port: int | None = None, journal=None):
        self.host, self.port = host, port or free_port(host)
        self.journal = journal
        self.app = None
        self._server = None
        self._thread = None

    @property
    def endpoint(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> "EmbeddedAws":
        transactions.install()
        self.app = OneCallAtATime(DomainDispatcherApplication(create_backend_app))
        served = self.journal.wrap(self.app) if self.journal else self.app
        self._server = make_server(self.host, self.port, served, threaded=True,
                                   request_handler=MotoRequestHandler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="moto",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._thread.join()

    def client(self, service: str):
        return boto3.client(service, endpoint_url=self.endpoint, region_name="eu-west-1",
                            aws_access_key_id=env.ACCESS_KEY_ID,
                            aws_secret_access_key=env.SECRET_ACCESS_KEY)


def ensure_table(dynamodb, name: str, schema: dict) -> bool:
    """Creates the table if missing; True when it was created."""
    if name in dynamodb.list_tables()["TableNames"]:
        return False
    dynamodb.create_table(TableName=name, **schema)
    dynamodb.get_waiter("table_exists").wait(TableName=name)
    dynamodb.update_time_to_live(
        TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
    return True
