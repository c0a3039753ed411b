"""The reference central service embedded in another process (the demo), on a loopback port.

``clerk demo`` runs the whole brand on one machine: a demo database in the user data folder,
created, migrated and seeded on first run and reused after, served by uvicorn on a thread.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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


@contextmanager
def serve_on_loopback(app: Any, timeout: float = 30.0) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on a thread, on a free 127.0.0.1 port; yields its URL."""
    port = free_loopback_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="embedded-central", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the embedded central service did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@contextmanager
def embedded_central(db_url: str) -> Iterator[str]:
    """The central service on ``db_url`` (already prepared), served on loopback; yields its URL.

    Its worker does the housekeeping (hold reminders, expired reservations); without SMTP,
    messages stay in the outbox.
    """
    with serve_on_loopback(create_app(CentralSettings(db_url=db_url))) as url:
        yield url
