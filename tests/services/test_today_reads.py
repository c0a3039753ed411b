"""How the Today figures read the local store: through indexes, never the whole history (the
tablet holds ~800,000 orders; tests/benchmarks/bench_today.py measures the read), and the
columns those indexes use are filled for rows cached before they existed."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import event, text

from clerk.services.today import day_figures
from clerk.store import LocalStore
from clerk.store.db import make_local_engine
from clerk.store.schema import migrate
from tests.services.day_fixture import fill_day
from tests.services.world import tablet_on

_DAY_TABLES = ("orders", "returns", "interactions")


def test_todays_reads_go_through_indexes(tmp_path: Path) -> None:
    store = LocalStore.open(f"sqlite:///{tmp_path / 'store.db'}")
    statements: list[tuple[str, object]] = []

    def heard(_conn: object, _cursor: object, sql: str, params: object, *_rest: object) -> None:
        statements.append((sql, params))

    try:
        for tablet in tablet_on(store):
            fill_day(tablet)
            event.listen(store.engine, "before_cursor_execute", heard)
            figures = day_figures(tablet.ctx, tablet.actor("maria"))
            event.remove(store.engine, "before_cursor_execute", heard)
        plans: dict[str, str] = {}
        with store.engine.connect() as conn:
            for sql, params in statements:
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).all()  # type: ignore[arg-type]
                plans[sql] = " | ".join(str(row[-1]) for row in rows)
    finally:
        store.close()
    assert figures.released and figures.returns and figures.effort_scores and figures.store_sales
    day_reads = {sql: plan for sql, plan in plans.items() if any(t in sql for t in _DAY_TABLES)}
    assert len(day_reads) >= 6
    for sql, plan in day_reads.items():
        for table in _DAY_TABLES:
            assert f"SCAN {table}" not in plan, (sql, plan)

    def plan_of(fragment: str) -> str:
        return next(plan for sql, plan in day_reads.items() if fragment in sql)

    assert "ix_orders_collected (pickup_store_id=? AND collected_at>? AND collected_at<?)" in (
        plan_of("collected_at >=")
    )
    assert "ix_orders_store_created (store_id=? AND created_at>? AND created_at<?)" in plan_of(
        "orders.store_id ="
    )
    assert "ix_returns_store_created" in plan_of("FROM returns")
    assert "ix_interactions_kind_store_created" in plan_of("FROM interactions")


def test_the_migration_fills_the_day_columns_of_rows_cached_before_it(tmp_path: Path) -> None:
    engine = make_local_engine(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        migrate(engine, "7d41c2a9e0b5")
        order = {
            "id": "o1",
            "pickup_store_id": "WAW-01",
            "pickup": {"collected_at": "2026-03-10T10:00:00+00:00", "ready_at": None},
        }
        ret = {"id": "r1", "store_id": "WAW-01", "created_at": "2026-03-10T11:00:00+00:00"}
        feedback = {
            "id": "i1",
            "kind": "feedback",
            "store_id": "WAW-01",
            "created_at": "2026-03-10T12:00:00+00:00",
        }
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO orders (id, data, origin, number, pickup_store_id, status, "
                    "created_at) VALUES ('o1', :d, 'feed', 'N1', 'WAW-01', 'collected', "
                    "'2026-03-09T10:00:00+00:00'), ('o2', :e, 'feed', 'N2', NULL, "
                    "'completed', '2026-03-09T10:00:00+00:00')"
                ),
                {"d": json.dumps(order), "e": json.dumps({"id": "o2"})},
            )
            conn.execute(
                text(
                    "INSERT INTO returns (id, data, origin, order_id) "
                    "VALUES ('r1', :d, 'feed', 'o1')"
                ),
                {"d": json.dumps(ret)},
            )
            conn.execute(
                text(
                    "INSERT INTO interactions (id, data, origin, customer_id) "
                    "VALUES ('i1', :d, 'feed', 'c1')"
                ),
                {"d": json.dumps(feedback)},
            )
        migrate(engine)
        with engine.connect() as conn:
            orders = conn.execute(text("SELECT id, collected_at FROM orders ORDER BY id")).all()
            returns = conn.execute(text("SELECT store_id, created_at FROM returns")).all()
            items = conn.execute(text("SELECT kind, store_id, created_at FROM interactions")).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in orders] == [("o1", "2026-03-10T10:00:00+00:00"), ("o2", None)]
    assert [tuple(r) for r in returns] == [("WAW-01", "2026-03-10T11:00:00+00:00")]
    assert [tuple(r) for r in items] == [("feedback", "WAW-01", "2026-03-10T12:00:00+00:00")]
