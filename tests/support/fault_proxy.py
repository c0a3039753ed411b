"""A fault-injecting HTTP proxy between a tablet and the central service, for reliability tests.

Each request gets a :class:`Fault` from the proxy's ``plan`` (a callable, so a test decides at
random or by script):

* ``PASS`` forwards the request and relays the answer;
* ``REFUSE`` drops the connection before reading anything useful — what a client sees when the
  network is gone (its request never reaches central);
* ``DELAY`` waits ``delay`` seconds, then forwards (long enough, it makes the client time out);
* ``LOSE_RESPONSE`` forwards the request, lets central commit, then cuts the connection instead
  of answering — the case that makes retries dangerous without idempotency keys;
* ``BAD_GATEWAY`` answers 502 without forwarding.

Counters say how often each fault happened, so a test can show that it really exercised them;
``forwarded`` lists the requests that reached central, in order (method, path, Idempotency-Key).
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class Fault(StrEnum):
    PASS = "pass"
    REFUSE = "refuse"
    DELAY = "delay"
    LOSE_RESPONSE = "lose_response"
    BAD_GATEWAY = "bad_gateway"


Plan = Callable[[str, str], Fault]  # (method, path) -> what to do with this request

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "proxy-connection"}


class FaultProxy:
    """A threaded HTTP proxy on a loopback port in front of ``upstream``."""

    def __init__(self, upstream: str, plan: Plan, *, delay: float = 1.0) -> None:
        parts = urlsplit(upstream)
        self.upstream_host = parts.hostname or "127.0.0.1"
        self.upstream_port = parts.port or 80
        self.plan = plan
        self.delay = delay
        self.counts: Counter[Fault] = Counter()
        self.forwarded: list[tuple[str, str, str | None]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def _count(self, fault: Fault) -> None:
        with self._lock:
            self.counts[fault] += 1

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return None

            def _cut(self) -> None:
                # RST rather than FIN: the client sees a reset connection, as on a dead network.
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                    )
                self.connection.close()

            def _handle(self) -> None:
                fault = proxy.plan(self.command, self.path)
                proxy._count(fault)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if fault is Fault.REFUSE:
                    self._cut()
                    return
                if fault is Fault.BAD_GATEWAY:
                    payload = b'{"title": "Bad gateway (injected)"}'
                    self.send_response(502)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                if fault is Fault.DELAY:
                    time.sleep(proxy.delay)
                status, headers, answer = self._forward(body)
                if fault is Fault.LOSE_RESPONSE:
                    self._cut()
                    return
                try:
                    self.send_response(status)
                    for name, value in headers:
                        if name.lower() not in _HOP_BY_HOP and name.lower() != "content-length":
                            self.send_header(name, value)
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    pass  # the client gave up (it timed out during a DELAY)

            def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
                with proxy._lock:
                    key = self.headers.get("Idempotency-Key")
                    proxy.forwarded.append((self.command, self.path, key))
                conn = http.client.HTTPConnection(
                    proxy.upstream_host, proxy.upstream_port, timeout=60
                )
                try:
                    headers = {
                        k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP
                    }
                    conn.request(self.command, self.path, body=body or None, headers=headers)
                    response = conn.getresponse()
                    return response.status, list(response.getheaders()), response.read()
                finally:
                    conn.close()

            do_GET = _handle
            do_POST = _handle
            do_PUT = _handle
            do_DELETE = _handle

        return Handler


@contextmanager
def fault_proxy(upstream: str, plan: Plan, *, delay: float = 1.0) -> Iterator[FaultProxy]:
    """A running :class:`FaultProxy` in front of ``upstream``."""
    proxy = FaultProxy(upstream, plan, delay=delay)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
