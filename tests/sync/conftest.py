"""The real central service on loopback, with a small demo brand and one enrolled tablet.

The demo database is seeded once per test session and copied for every test, so each test
gets its own central in a fraction of a second.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from clerk.central.db import make_engine
from clerk.central.embedded import embedded_central, prepare_demo_database
from clerk.central.enrollment import create_enrollment_code
from clerk.domain.tokens import generate_private_key, public_key_text
from clerk.store import LocalStore
from clerk.sync.client import CentralClient

if TYPE_CHECKING:
    from tests.sync.rig import Rig

STORE = "WAW-01"
PICKUP_STAFF = "STF-WAW01-02"
MANAGER = "STF-WAW01-03"


def no_sleep(seconds: float) -> None:
    """Tests never really wait between retries."""


@dataclass
class LiveCentral:
    """A running central service and the enrolled device's credentials."""

    url: str
    engine: Engine
    token: str
    device_id: str
    store_id: str = STORE

    def client(self, url: str | None = None, **kw: Any) -> CentralClient:
        """A client of this central (or of a proxy in front of it) as the enrolled device."""
        kw.setdefault("sleep", no_sleep)
        return CentralClient(url or self.url, self.token, **kw)

    def session(self) -> Session:
        """A session on central's own database (to look behind the API)."""
        return Session(self.engine)


@pytest.fixture(scope="session")
def central_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("central-template") / "central.db"
    prepare_demo_database(path, customers=40, orders=60)
    return path


def enroll_device(url: str, engine: Engine, store_id: str = STORE) -> dict[str, Any]:
    """Enroll a new device through the API, as the app does."""
    with Session(engine) as session:
        code = create_enrollment_code(session, store_id, datetime.now(UTC))
        session.commit()
    key = public_key_text(generate_private_key().public_key())
    client = CentralClient(url, None, sleep=no_sleep)
    try:
        return client.enroll(code, "sync-test", key)
    finally:
        client.close()


@contextmanager
def serve_copy(template: Path, tmp_path: Path) -> Iterator[LiveCentral]:
    """A copy of the central database ``template``, served on loopback, with one enrolled
    device."""
    path = tmp_path / "central.db"
    shutil.copyfile(template, path)
    db_url = f"sqlite:///{path}"
    engine = make_engine(db_url)
    try:
        with embedded_central(db_url) as url:
            enrolled = enroll_device(url, engine)
            yield LiveCentral(url, engine, enrolled["token"], enrolled["device_id"])
    finally:
        engine.dispose()


@pytest.fixture
def live_central(central_template: Path, tmp_path: Path) -> Iterator[LiveCentral]:
    """Its own copy of the demo central, served on loopback, with one enrolled device."""
    with serve_copy(central_template, tmp_path) as live:
        yield live


@pytest.fixture
def rig(local_store: LocalStore, live_central: LiveCentral) -> Iterator[Rig]:
    """A tablet (local store + engine, pages of 400) on ``live_central``."""
    from tests.sync.rig import make_rig

    client = live_central.client()
    yield make_rig(local_store, live_central, client, batch_size=400)
    client.close()
