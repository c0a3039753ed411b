"""The real central service on loopback for the reliability tests, with one enrolled tablet.

Each test gets its own copy of a small demo central (seeded once per session), so the tests
can look behind the API at central's database and count what arrived.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk.central.embedded import prepare_demo_database
from tests.sync.conftest import LiveCentral, serve_copy


@pytest.fixture(scope="session")
def reliability_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reliability-central") / "central.db"
    prepare_demo_database(path, customers=60, orders=120)
    return path


@pytest.fixture
def central(reliability_template: Path, tmp_path: Path) -> Iterator[LiveCentral]:
    """Its own copy of the demo central, served on loopback, with one enrolled device."""
    with serve_copy(reliability_template, tmp_path) as live:
        yield live
