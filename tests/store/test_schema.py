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


def test_a_customers_timeline_is_read_through_its_indexes(tmp_path: Path) -> None:
    """SQLite's plans for the 360's reads: no scan of a table, no sort of a customer's orders,
    their returns joined from the index alone, waiting pickups found by store, status and
    customer (tests/benchmarks/bench_counter.py measures the 360 on 800,000 orders)."""
    from sqlalchemy import event

    store = LocalStore.open(f"sqlite:///{tmp_path / 'store.db'}")
    statements: list[tuple[str, object]] = []

    def heard(_conn: object, _cursor: object, sql: str, params: object, *_rest: object) -> None:
        statements.append((sql, params))

    try:
        event.listen(store.engine, "before_cursor_execute", heard)
        with store.unit(read_only=True) as unit:
            unit.timeline.rows("cust-1", limit=200)
            unit.timeline.waiting_pickups("cust-1", "WAW-01", ("placed", "ready"))
        event.remove(store.engine, "before_cursor_execute", heard)
        plans = {}
        with store.engine.connect() as conn:
            for sql, params in statements:
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).all()  # type: ignore[arg-type]
                plans[sql] = " | ".join(str(row[-1]) for row in rows)
    finally:
        store.close()
    assert plans
    for sql, plan in plans.items():
        assert "SCAN " not in plan, (sql, plan)
        assert "TEMP B-TREE" not in plan, (sql, plan)
    returns = next(plan for sql, plan in plans.items() if "JOIN orders" in sql)
    assert "COVERING INDEX ix_orders_customer" in returns
    pickups = next(plan for sql, plan in plans.items() if "pickup_store_id =" in sql)
    assert "ix_orders_pickup (pickup_store_id=? AND status=? AND customer_id=?)" in pickups
