"""Fixtures of the use case tests: a seeded tablet store on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from clerk.store import LocalStore
from tests.services.test_central_e2e import central_template, online  # noqa: F401 (fixtures)
from tests.services.world import Tablet, tablet_on


@pytest.fixture
def tablet(local_store: LocalStore) -> Iterator[Tablet]:
    """The services over a local store holding WAW-01's slice (see tests.services.world)."""
    yield from tablet_on(local_store)
