"""The local schema: migrations at start-up, matching the models, SQLite's durability pragmas."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from clerk.store import LocalStore, default_database_path
from clerk.store.schema import VERSION_TABLE, alembic_config, migrate


def test_open_creates_the_tables_and_its_own_version_table(local_store: LocalStore) -> None:
    tables = set(inspect(local_store.engine).get_table_names())
    assert {"customers", "orders", "outbox", "outbox_touches", "audit_log", "server_base"} <= tables
    assert {"sync_state", "cached_profiles", "customer_search_term", VERSION_TABLE} <= tables
    assert "alembic_version" not in tables


def test_migrations_match_the_models(local_store: LocalStore) -> None:
    """A model change without its migration fails here (Alembic finds operations to add)."""
    config = alembic_config()
    with local_store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.check(config)


def test_opening_twice_changes_nothing(local_store_url: str) -> None:
    first = LocalStore.open(local_store_url)
    before = sorted(inspect(first.engine).get_table_names())
    first.close()
    again = LocalStore.open(local_store_url)
    migrate(again.engine)
    assert sorted(inspect(again.engine).get_table_names()) == before
    again.close()


def test_sqlite_pragmas_are_in_effect(tmp_path: Path) -> None:
    store = LocalStore.open(f"sqlite:///{tmp_path / 'store.db'}")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    store.close()


def test_default_path_is_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = default_database_path()
    assert path == tmp_path / "data" / "clerk" / "store.db"
    store = LocalStore.open()
    try:
        assert path.exists()
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    finally:
        store.close()
