"""A loopback proxy in front of the embedded endpoint that counts DynamoDB operations.

Benchmarks and tests point the API at it to measure what actually goes over the wire (a
transaction counts once, a retried call twice), without hooking into PynamoDB's internals.

It also forwards one call at a time. DynamoDB applies each call atomically; moto's server does
not (a transaction deep-copies the tables while other threads change them), so without this
a test of concurrent clients would measure moto's races instead of ours.
"""

import http.client
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class CallMeter:
    def __init__(self, upstream: str):
        target = urlsplit(upstream)
        self._upstream = (target.hostname, target.port)
        self.calls: Counter[str] = Counter()
        self.seconds = 0.0  # time the endpoint spent answering, summed over calls
        # Items Queries and Scans read (their ScannedCount): what DynamoDB bills and what its
        # latency follows, unlike moto's, whose every Query walks the whole table.
        self.items_read = 0
        self._lock = threading.Lock()
        self._one_at_a_time = threading.Lock()
        meter = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # every DynamoDB call is a POST with X-Amz-Target
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                operation = (self.headers.get("X-Amz-Target") or "?").split(".")[-1]
                with meter._lock:
                    meter.calls[operation] += 1
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                with meter._one_at_a_time:
                    # Timed inside the lock: calls sent side by side (a home stream's Queries)
                    # would otherwise count their queueing too, and their sum exceed the
                    # request's own duration.
                    started = time.perf_counter()
                    conn = http.client.HTTPConnection(*meter._upstream, timeout=30)
                    conn.request("POST", self.path, body=body, headers=headers)
                    reply = conn.getresponse()
                    data = reply.read()
                    spent = time.perf_counter() - started
                read = 0
                if operation in ("Query", "Scan") and reply.status == 200:
                    read = json.loads(data).get("ScannedCount", 0)
                with meter._lock:
                    meter.seconds += spent
                    meter.items_read += read
                self.send_response(reply.status)
                for name, value in reply.getheaders():
                    if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.seconds = 0.0
            self.items_read = 0

    def total(self) -> int:
        return sum(self.calls.values())

    def stop(self) -> None:
        self._server.shutdown()
