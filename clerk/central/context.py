"""The central service's settings and its composition root object (no globals)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from clerk.central.clock import Clock, SystemClock
from clerk.central.db import make_engine, make_session_factory


@dataclass
class CentralSettings:
    """How one central process runs: its database, clock and outgoing notifications."""

    db_url: str
    clock: Clock = field(default_factory=SystemClock)
    smtp_host: str | None = None
    smtp_port: int = 25
    mail_from: str = "clerk@example.com"
    webhook_url: str | None = None
    feed_batch_max: int = 5000
    send_notifications: bool = True


@dataclass
class CentralContext:
    """Everything a request handler needs, built once by :func:`clerk.central.app.create_app`."""

    settings: CentralSettings
    engine: Engine
    session_factory: sessionmaker[Session]

    @property
    def clock(self) -> Clock:
        """The clock of this service (a fixed one in tests)."""
        return self.settings.clock

    def now(self) -> datetime:
        """The current time by this service's clock."""
        return self.settings.clock.now()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error."""
        with self.session_factory() as session, session.begin():
            yield session

    @classmethod
    def from_settings(cls, settings: CentralSettings) -> CentralContext:
        """Open the engine of ``settings.db_url`` (the schema must already be migrated)."""
        engine = make_engine(settings.db_url)
        return cls(settings=settings, engine=engine, session_factory=make_session_factory(engine))

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()
