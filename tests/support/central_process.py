"""The central service as its own process (``clerk-central serve``), as it runs in production:
for tests where central goes down and comes back, and for benchmarks that should not share
the client's interpreter (and its GIL) with the server."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

CENTRAL = Path(sys.executable).with_name("clerk-central")


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def central_process(db_url: str, port: int, log: Path) -> Iterator[str]:
    """``clerk-central serve`` on ``port`` (its output in ``log``), up until the block ends;
    then stopped as a service manager stops it (SIGTERM)."""
    with log.open("ab") as out:
        process = subprocess.Popen(
            [str(CENTRAL), "serve", "--db", db_url, "--port", str(port), "--log-level", "warning"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/healthz", timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("central did not come up:\n" + log.read_text(errors="replace"))
            time.sleep(0.1)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
