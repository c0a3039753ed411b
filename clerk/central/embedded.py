"""The reference central service embedded in another process (the demo), on a loopback port.

``clerk demo`` runs the whole brand on one machine: a demo database in the user data folder,
created, migrated and seeded on first run and reused after, served by uvicorn on a thread.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import uvicorn
from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.app import create_app
from clerk.central.context import CentralSettings
from clerk.central.db import make_engine
from clerk.central.schema import migrate
from clerk.central.seed import seed_demo

log = logging.getLogger(__name__)

DEMO_STORE = "WAW-01"


def free_loopback_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare_demo_database(
    path: Path, *, customers: int | None = None, orders: int | None = None
) -> tuple[str, bool]:
    """Migrate the demo database at ``path`` and seed it if it is empty.

    ``customers``/``orders`` shrink the demo data (tests); by default it is the full demo.
    Returns the database URL and whether it was seeded now (first run).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    try:
        migrate(engine)
        with Session(engine) as session:
            seeded = session.scalar(select(m.Store.id).limit(1)) is not None
        if not seeded:
            log.info("creating the demo database in %s (first run)", path)
            seed_demo(engine, customers=customers, orders=orders)
        return url, not seeded
    finally:
        engine.dispose()


@dataclass
class EmbeddedCentral:
    """The central service on a thread of this process; use as a context manager."""

    db_url: str
    port: int = 0
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> str:
        """Start serving; returns the base URL once the service accepts connections."""
        if self.port == 0:
            self.port = free_loopback_port()
        app = create_app(CentralSettings(db_url=self.db_url))
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, name="embedded-central", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the embedded central service did not start")
            time.sleep(0.02)
        return self.url

    def stop(self, timeout: float = 15.0) -> None:
        """Stop serving and wait for the thread."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
        self._server = None
        self._thread = None

    def __enter__(self) -> EmbeddedCentral:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
