"""Small loopback HTTP servers that misbehave on purpose.

* :class:`ScriptedServer` answers from a script: a status with a body and headers, a stall, or a
  connection closed without any answer.
* :class:`FaultProxy` forwards to the real central service and can lose the answer after
  central has done the work (the connection is cut, or the answer comes too late), or answer
  502 itself.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import requests


@dataclass(frozen=True)
class Answer:
    """Answer with ``status`` after ``delay`` seconds."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class Hangup:
    """Close the connection without answering (after ``delay`` seconds)."""

    delay: float = 0.0


Step = Answer | Hangup


@dataclass(frozen=True)
class Seen:
    """A request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


def _problem(status: int, slug: str, detail: str = "", **extra: Any) -> Answer:
    body = {
        "type": f"https://clerk.example/problems/{slug}",
        "title": slug,
        "status": status,
        "detail": detail,
        **extra,
    }
    return Answer(status, body, {"Content-Type": "application/problem+json"})


problem = _problem


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        seen = Seen(self.command, self.path, {k: v for k, v in self.headers.items()}, body)
        self.server.on_request(self, seen)

    do_GET = do_POST = do_PUT = do_DELETE = _handle

    def send_answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        # A client that timed out waiting for a late answer has hung up already.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def hang_up(self) -> None:
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, on_request: Callable[[_Handler, Seen], None]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.on_request = on_request


@contextmanager
def _serving(server: _Server) -> Iterator[str]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _encode(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    return json.dumps(body).encode()


class ScriptedServer:
    """Answers request n with ``steps[n]``; after the script, with ``then``."""

    def __init__(self, steps: list[Step], then: Step | None = None) -> None:
        self.steps = list(steps)
        self.then = then if then is not None else Answer(200, {})
        self.seen: list[Seen] = []
        self._lock = threading.Lock()

    def _on_request(self, handler: _Handler, seen: Seen) -> None:
        with self._lock:
            step = self.steps[len(self.seen)] if len(self.seen) < len(self.steps) else self.then
            self.seen.append(seen)
        if step.delay:
            time.sleep(step.delay)
        if isinstance(step, Hangup):
            handler.hang_up()
            return
        headers = {"Content-Type": "application/json", **step.headers}
        handler.send_answer(step.status, _encode(step.body), headers)

    @contextmanager
    def running(self) -> Iterator[str]:
        """Serve on a loopback port; yields the base URL."""
        with _serving(_Server(self._on_request)) as url:
            yield url


# What the proxy does with a request: "pass", "drop" (forward, then cut the connection:
# central did the work, the answer is lost), "late" (forward, answer after `late_delay`),
# "502" (answer 502 without forwarding), "hangup" (close the connection without forwarding:
# to the client, central is unreachable).
Plan = Callable[[Seen], str]


class FaultProxy:
    """Forwards to ``upstream``; ``plan`` decides each request's fate."""

    def __init__(self, upstream: str, plan: Plan, late_delay: float = 1.0) -> None:
        self.upstream = upstream.rstrip("/")
        self.plan = plan
        self.late_delay = late_delay
        self.seen: list[tuple[Seen, str]] = []
        self._lock = threading.Lock()
        self._session = requests.Session()

    def _on_request(self, handler: _Handler, seen: Seen) -> None:
        fate = self.plan(seen)
        with self._lock:
            self.seen.append((seen, fate))
        if fate == "hangup":
            handler.hang_up()
            return
        if fate == "502":
            handler.send_answer(502, b"bad gateway", {"Content-Type": "text/plain"})
            return
        skip = {"host", "content-length", "connection", "accept-encoding"}
        headers = {k: v for k, v in seen.headers.items() if k.lower() not in skip}
        upstream = self._session.request(
            seen.method, self.upstream + seen.path, data=seen.body, headers=headers, timeout=30
        )
        if fate == "drop":
            handler.hang_up()
            return
        if fate == "late":
            time.sleep(self.late_delay)
        keep = {"content-type", "etag", "retry-after", "idempotent-replayed"}
        answer_headers = {k: v for k, v in upstream.headers.items() if k.lower() in keep}
        handler.send_answer(upstream.status_code, upstream.content, answer_headers)

    def fates(self, fate: str) -> list[Seen]:
        """The requests that were given ``fate``."""
        with self._lock:
            return [seen for seen, f in self.seen if f == fate]

    @contextmanager
    def running(self) -> Iterator[str]:
        """Serve on a loopback port; yields the base URL."""
        try:
            with _serving(_Server(self._on_request)) as url:
                yield url
        finally:
            self._session.close()
