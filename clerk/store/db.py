"""The local database: SQLite in the user data folder by default, or a store's PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session

from clerk.store.schema import migrate
from clerk.store.unit import StoreUnit

# Read-only units start with a plain (deferred) BEGIN; every other unit takes SQLite's write lock
# up front, so two writers queue on busy_timeout instead of failing with SQLITE_BUSY halfway.
_READ_ONLY = "clerk_read_only"


def default_database_path() -> Path:
    """Where the tablet keeps its database: the platform's user data folder."""
    return platformdirs.user_data_path("clerk") / "store.db"


def normalise_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs and use the psycopg 3 driver for them."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_local_engine(url: str) -> Engine:
    """An engine for the local store; on SQLite with the pragmas durability depends on."""
    url = normalise_url(url)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # The Python driver's own transaction handling is off; "begin" below issues BEGIN.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        # busy_timeout first: switching to WAL itself needs the lock another tablet may hold.
        cur.execute("PRAGMA busy_timeout=5000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        read_only = conn.get_execution_options().get(_READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


class LocalStore:
    """The tablet's database: units of work over the cached slice, outbox, audit and sync state."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reader = engine.execution_options(**{_READ_ONLY: True})

    @classmethod
    def open(cls, url: str | None = None) -> LocalStore:
        """Open (creating and migrating as needed) the store at ``url``; default: user data."""
        if url is None:
            path = default_database_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{path}"
        engine = make_local_engine(url)
        try:
            migrate(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def unit(self, *, read_only: bool = False) -> AbstractContextManager[StoreUnit]:
        """One transaction: committed on normal exit, rolled back on an exception.

        ``read_only`` units do not take SQLite's write lock up front (searches, screens).
        """
        return self._unit(self._reader if read_only else self.engine)

    @contextmanager
    def _unit(self, bind: Engine) -> Iterator[StoreUnit]:
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield StoreUnit(session)

    def close(self) -> None:
        self.engine.dispose()
