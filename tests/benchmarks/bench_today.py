"""The Today figures of a day on a tablet holding years of its store's history.

Run as ``uv run python -m tests.benchmarks.bench_today [--orders N] [--reads N]``.

A SQLite local store (a file in a temporary folder) with the services' test slice of WAW-01
(``tests.services.world``) and the known day of ``tests.services.day_fixture``, then ``--orders``
(200,000) more orders written as the feed writes them (``clerk.store.slice`` rows, by the
thousand): one in three a web pickup collected at WAW-01, the others store sales, spread over
the two years before the day; one order in twenty returned at WAW-01 and one in ten with a
feedback on its customer's timeline.  ``history_rows`` counts what was written.  Then
``--reads`` (5) reads of the day's figures (``day_figures`` for a manager, as the Today screen
reads them on every sync), timed one by one: ``day_figures_p50_ms`` and ``day_figures_max_ms``,
with ``released``, ``returns`` and ``effort_scores`` of the day as a check of what was read.
Figures are printed as one JSON line; nothing is asserted on time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from clerk.services.today import day_figures
from clerk.store import LocalStore
from clerk.store.slice import ENTITIES
from clerk.store.upsert import upsert
from tests.services.day_fixture import fill_day
from tests.services.world import NOW, STORE, tablet_on

BATCH = 2000


def _history(n: int) -> dict[str, list[dict[str, Any]]]:
    """Orders, returns and feedback of the two years before the fixture day, as feed data."""
    rows: dict[str, list[dict[str, Any]]] = {"order": [], "return": [], "interaction": []}
    span = timedelta(days=730).total_seconds()
    for i in range(n):
        at = NOW - timedelta(days=1, seconds=span * i / max(n, 1))
        iso = at.astimezone(UTC).isoformat()
        pickup = i % 3 == 0
        order_id = f"hist-{i:07d}"
        order: dict[str, Any] = {
            "id": order_id,
            "number": f"H{i:07d}",
            "customer_id": f"cust-{i % 100_000:06d}",
            "channel": "web" if pickup else "store",
            "fulfilment": "pickup" if pickup else "carry_out",
            "store_id": None if pickup else STORE,
            "pickup_store_id": STORE if pickup else None,
            "status": "collected" if pickup else "completed",
            "created_at": iso,
            "lines": [],
            "payments": [],
            "total": "49.99",
            "pickup": {
                "pickup_code": "123456",
                "ready_at": iso,
                "hold_until": None,
                "shelf": None,
                "collected_at": (at + timedelta(hours=5)).astimezone(UTC).isoformat(),
            }
            if pickup
            else None,
        }
        rows["order"].append(order)
        if i % 20 == 0:
            rows["return"].append(
                {
                    "id": f"hret-{i:07d}",
                    "order_id": order_id,
                    "store_id": STORE,
                    "staff_id": "anna",
                    "created_at": iso,
                    "lines": [],
                    "refund_method": "original",
                    "refunds": [],
                }
            )
        if i % 10 == 0:
            rows["interaction"].append(
                {
                    "id": f"hfb-{i:07d}",
                    "customer_id": order["customer_id"],
                    "kind": "feedback",
                    "channel": "store",
                    "subject": "Pickup feedback: 4/5",
                    "body": "",
                    "thread_id": None,
                    "status": None,
                    "staff_id": "piotr",
                    "store_id": STORE,
                    "created_at": iso,
                }
            )
    return rows


def run(orders: int, reads: int, folder: Path) -> dict[str, Any]:
    store = LocalStore.open(f"sqlite:///{folder / 'store.db'}")
    try:
        tablet = next(tablet_on(store))
        fill_day(tablet)
        written = 0
        with store.engine.begin() as conn:
            for name, items in _history(orders).items():
                spec = ENTITIES[name]
                for first in range(0, len(items), BATCH):
                    chunk = [spec.row(d["id"], d, "feed") for d in items[first : first + BATCH]]
                    upsert(conn, spec.table, chunk, keys=("id",), update=["data", *spec.columns])
                    written += len(chunk)
            conn.exec_driver_sql("ANALYZE")
        times: list[float] = []
        figures = None
        for _ in range(reads):
            started = time.perf_counter()
            figures = day_figures(tablet.ctx, tablet.actor("maria"))
            times.append((time.perf_counter() - started) * 1000)
        assert figures is not None
        return {
            "history_orders": orders,
            "history_rows": written,
            "reads": reads,
            "day_figures_p50_ms": round(statistics.median(times), 1),
            "day_figures_max_ms": round(max(times), 1),
            "released": len(figures.released),
            "returns": len(figures.returns),
            "effort_scores": len(figures.effort_scores),
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--reads", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        figures = run(args.orders, args.reads, Path(folder))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
