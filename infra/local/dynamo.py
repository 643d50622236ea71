"""moto's threaded server as an embedded DynamoDB (and S3) endpoint on a free loopback port."""

import logging
import socket

import boto3
from moto.server import ThreadedMotoServer


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


# moto's server logs every DynamoDB call through werkzeug; that drowns everything else.
logging.getLogger("werkzeug").setLevel(logging.WARNING)


class EmbeddedAws:
    def __init__(self, host: str = "127.0.0.1", port: int | None = None):
        self.host, self.port = host, port or free_port(host)
        self._server = ThreadedMotoServer(ip_address=self.host, port=self.port, verbose=False)

    @property
    def endpoint(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> "EmbeddedAws":
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()

    def client(self, service: str):
        return boto3.client(service, endpoint_url=self.endpoint, region_name="eu-west-1",
                            aws_access_key_id="local", aws_secret_access_key="local")


def ensure_table(dynamodb, name: str, schema: dict) -> bool:
    """Creates the table if missing; True when it was created."""
    if name in dynamodb.list_tables()["TableNames"]:
        return False
    dynamodb.create_table(TableName=name, **schema)
    dynamodb.get_waiter("table_exists").wait(TableName=name)
    dynamodb.update_time_to_live(
        TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
    return True
