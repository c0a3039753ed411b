"""Shared fixtures: a fresh central database per test, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, text

if TYPE_CHECKING:
    from clerk.store import LocalStore

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

POSTGRES_URL_VAR = "CLERK_TEST_POSTGRES_URL"


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_URL_VAR) or None


def _private_postgres_schema(prefix: str) -> Iterator[str]:
    """A URL of a fresh PostgreSQL schema (dropped afterwards); skips without PostgreSQL."""
    base = postgres_url()
    if base is None:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_URL_VAR} (CI sets it)")
    from clerk.central.db import make_engine

    schema = prefix + uuid.uuid4().hex[:12]
    admin = make_engine(base, pool_size=1, max_overflow=0)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: a file-backed SQLite, or a private schema in PostgreSQL.

    PostgreSQL runs where ``CLERK_TEST_POSTGRES_URL`` is set (CI always sets it).
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'central.db'}"
        return
    yield from _private_postgres_schema("t_")


@pytest.fixture
def central_engine(db_url: str) -> Iterator[Engine]:
    """An engine on a freshly migrated central database."""
    from clerk.central.db import make_engine
    from clerk.central.schema import migrate

    engine = make_engine(db_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def local_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty tablet database: a SQLite file, or a private PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    yield from _private_postgres_schema("s_")


@pytest.fixture
def local_store(local_store_url: str) -> Iterator[LocalStore]:
    """A migrated local store on ``local_store_url``, closed after the test."""
    from clerk.store import LocalStore

    store = LocalStore.open(local_store_url)
    yield store
    store.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``postgres_only`` run on the PostgreSQL variant of ``db_url`` (or
    ``local_store_url``) alone.

    Races between real threads, row locks and SKIP LOCKED are PostgreSQL's behaviour; SQLite
    has one writer at a time, so its variant is not collected rather than skipped.
    """
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        sqlite_variant = callspec is not None and "sqlite" in (
            callspec.params.get("db_url"),
            callspec.params.get("local_store_url"),
        )
        if sqlite_variant and item.get_closest_marker("postgres_only") is not None:
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
