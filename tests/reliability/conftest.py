"""The real central service on loopback for the reliability tests, with one enrolled tablet.

Each test gets its own copy of a small demo central (seeded once per session), so the tests
can look behind the API at central's database and count what arrived.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk.central.db import make_engine
from clerk.central.embedded import embedded_central, prepare_demo_database
from tests.sync.conftest import LiveCentral, enroll_device


@pytest.fixture(scope="session")
def reliability_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reliability-central") / "central.db"
    prepare_demo_database(path, customers=60, orders=120)
    return path


@pytest.fixture
def central(reliability_template: Path, tmp_path: Path) -> Iterator[LiveCentral]:
    """Its own copy of the demo central, served on loopback, with one enrolled device."""
    path = tmp_path / "central.db"
    shutil.copyfile(reliability_template, path)
    db_url = f"sqlite:///{path}"
    engine = make_engine(db_url)
    try:
        with embedded_central(db_url) as url:
            enrolled = enroll_device(url, engine)
            yield LiveCentral(url, engine, enrolled["token"], enrolled["device_id"])
    finally:
        engine.dispose()
