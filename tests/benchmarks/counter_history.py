"""The whole order history of the tablet's customers, for ``bench_counter.py``.

A slice carries a customer's orders of the last 45 days and the store's own of the last 180
(``clerk/central/feed.py``); the rest stays on central and is fetched when asked for.  The
Counter's figures are wanted on a local store of about 800,000 orders, so the benchmark
writes the older orders of every customer on the tablet into its local store, as the feed
would deliver them: central's rows built into feed dicts by ``clerk.central.feed_rows`` (the
same dicts the snapshot sends) and applied by the store's own ``CacheRepo.apply_changes``.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from clerk.central import feed_rows as rows
from clerk.central import models as m
from clerk.store import LocalStore

CHUNK = 5_000


def _local_ids(db: Path) -> tuple[set[str], set[str]]:
    """(customer ids, order ids) on the tablet."""
    with closing(sqlite3.connect(db)) as conn:
        customers = {row[0] for row in conn.execute("SELECT id FROM customers")}
        orders = {row[0] for row in conn.execute("SELECT id FROM orders")}
    return customers, orders


def _chunks(central: Engine, customers: set[str], skip: set[str]) -> Iterator[list[Any]]:
    """Central's order rows of ``customers`` not in ``skip``, ``CHUNK`` at a time (by id)."""
    table = m.Order.__table__
    after = ""
    with central.connect() as conn:
        while True:
            batch = conn.execute(
                select(table).where(table.c.id > after).order_by(table.c.id).limit(CHUNK)
            ).all()
            if not batch:
                return
            after = batch[-1].id
            wanted = [r for r in batch if r.customer_id in customers and r.id not in skip]
            if wanted:
                yield wanted


def _children(central: Engine, table: Any, ids: list[str], *order: str) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    stmt = (
        select(table)
        .where(table.c.order_id.in_(ids))
        .order_by(table.c.order_id, *(table.c[name] for name in order))
    )
    with central.connect() as conn:
        for row in conn.execute(stmt):
            grouped[row.order_id].append(row)
    return grouped


def fill_order_history(central: Engine, db: Path) -> int:
    """Write every central order of the tablet's customers that its slice left out into the
    tablet's local store at ``db``; how many orders were written."""
    customers, present = _local_ids(db)
    store = LocalStore.open(f"sqlite:///{db}")
    written = 0
    try:
        for batch in _chunks(central, customers, present):
            ids = [r.id for r in batch]
            lines = _children(central, m.OrderLine.__table__, ids, "line_no")
            payments = _children(central, m.Payment.__table__, ids, "id")
            changes = [
                {
                    "entity": "order",
                    "id": r.id,
                    "op": "upsert",
                    "data": rows.order(r, lines.get(r.id, ()), payments.get(r.id, ())),
                }
                for r in batch
            ]
            with store.unit() as unit:
                unit.cache.apply_changes(changes)
            written += len(changes)
    finally:
        store.close()
    return written
