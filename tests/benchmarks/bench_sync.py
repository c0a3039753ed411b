"""Tablet sync figures against a real central service: initial sync, delta sync, local search.

Run as ``uv run python tests/benchmarks/bench_sync.py [--scale N]``.

* Central: the same cached, seeded database as ``bench_central.py`` (SQLite under the system
  temp dir keyed by scale and seed, seeded on first use), served by ``clerk-central serve`` in
  its own process on loopback, as in production (not sharing the tablet's interpreter).
* Enrolls a device for WAW-01 and runs the real :class:`~clerk.sync.engine.SyncEngine` into an
  empty local store (SQLite in a temp folder, WAL, ``synchronous=FULL``): the initial sync of the
  whole slice, timed end to end (HTTP, JSON, writing, search terms).
* Makes 1,000 changes at central (stock levels and customers of WAW-01) and times the delta pull.
* Times the local customer search over the synced slice (at ``--scale 20`` about 100,000
  customers): 1-4 letter prefixes of names, Polish surnames typed without diacritics, and phone
  fragments.
* Reports the local database's size on disk.

Progress goes to stderr; the last stdout line is one JSON object with the figures.
Targets (issue 3): initial sync >= 5,000 entities/s and within 30 s; delta of 1,000 changes
<= 1 s; search p95 <= 15 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import Engine, select, update  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from clerk.central import models as m  # noqa: E402
from clerk.central.feed import publish_customer, publish_inventory  # noqa: E402
from clerk.central.seed import DEFAULT_SEED  # noqa: E402
from clerk.store.db import LocalStore  # noqa: E402
from clerk.store.search import fold  # noqa: E402
from clerk.sync.client import CentralClient  # noqa: E402
from clerk.sync.engine import SyncEngine  # noqa: E402
from tests.benchmarks.bench_central import STORE, enroll, log, percentile, prepare  # noqa: E402
from tests.support.central_process import central_process, free_port  # noqa: E402

DELTA_CHANGES = 1000


def make_changes(engine: Engine, count: int) -> int:
    """``count`` changes of WAW-01's slice at central: half stock levels, half customers."""
    now = datetime.now(UTC)
    with Session(engine) as session, session.begin():
        skus = list(
            session.scalars(
                select(m.Inventory.sku)
                .where(m.Inventory.store_id == STORE)
                .order_by(m.Inventory.sku)
                .limit(count // 2)
            )
        )
        session.execute(
            update(m.Inventory)
            .where(m.Inventory.store_id == STORE, m.Inventory.sku.in_(skus))
            .values(on_hand=m.Inventory.on_hand + 1)
        )
        for sku in skus:
            publish_inventory(session, STORE, sku, now)
        members = select(m.StoreCustomer.customer_id).where(m.StoreCustomer.store_id == STORE)
        customers = list(
            session.scalars(
                select(m.Customer)
                .where(m.Customer.id.in_(members))
                .order_by(m.Customer.id)
                .limit(count - len(skus))
            )
        )
        for customer in customers:
            customer.points_balance += 1
            customer.version += 1
            publish_customer(session, customer, now)
    return len(skus) + len(customers)


def search_queries(store: LocalStore, count: int, seed: int) -> list[str]:
    """Prefixes of names, diacritic-free Polish surnames and phone fragments of real customers."""
    rng = random.Random(seed)
    with store.unit(read_only=True) as unit:
        people = unit.customers.page(limit=20_000)
    polish = [p for p in people if fold(p.last_name) != p.last_name.lower()]
    queries: list[str] = []
    for _ in range(count):
        kind = rng.randrange(3)
        person = rng.choice(polish if kind == 1 and polish else people)
        if kind == 0:
            name = rng.choice([person.first_name, person.last_name])
            queries.append(name[: rng.randint(1, 4)].lower())
        elif kind == 1:
            queries.append(fold(person.last_name)[: rng.randint(3, 8)])
        else:
            digits = "".join(ch for ch in person.phone if ch.isdigit())[-9:]
            start = rng.randrange(0, 5)
            queries.append(digits[start : start + rng.randint(3, 5)])
    return queries


def time_searches(store: LocalStore, queries: list[str]) -> list[float]:
    """Milliseconds per search, each in its own read, as the counter screen does it."""
    timings = []
    for query in queries:
        started = time.perf_counter()
        with store.unit(read_only=True) as unit:
            unit.customers.search(query, limit=20)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def db_size_mb(path: Path) -> float:
    """The database and its WAL on disk, in MB."""
    total = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return total / 1_000_000


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; the last stdout line is the JSON figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=20)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--db", help="central database: sqlite:///path (default: cached)")
    parser.add_argument("--keep", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, default=5000, help="feed page size (central's cap)")
    parser.add_argument("--searches", type=int, default=600)
    args = parser.parse_args(argv)
    url, engine, cleanup = prepare(args)
    try:
        with (
            tempfile.TemporaryDirectory() as folder,
            central_process(url, free_port(), Path(folder) / "central.log") as base,
            requests.Session() as http,
        ):
            token = enroll(engine, base, http)
            local_path = Path(folder) / "store.db"
            store = LocalStore.open(f"sqlite:///{local_path}")
            client = CentralClient(base, token)
            sync = SyncEngine(store, client, STORE, batch_size=args.batch)
            log("initial sync of the WAW-01 slice into an empty local store ...")
            started = time.perf_counter()
            initial = sync.pull()
            initial_s = time.perf_counter() - started
            log(f"initial: {initial} entities in {initial_s:.1f} s")

            changed = make_changes(engine, DELTA_CHANGES)
            started = time.perf_counter()
            delta = sync.pull()
            delta_s = time.perf_counter() - started
            log(f"delta: {delta} entities ({changed} changes) in {delta_s * 1000:.0f} ms")

            queries = search_queries(store, args.searches, args.seed)
            time_searches(store, queries[:20])  # warm the page cache, as a running app has
            timings = time_searches(store, queries)
            log(f"search: p95 {percentile(timings, 0.95):.2f} ms over {len(timings)} queries")
            store.close()
            size = db_size_mb(local_path)
        figures = {
            "initial_sync_s": round(initial_s, 2),
            "initial_entities": initial,
            "initial_entities_per_s": round(initial / initial_s),
            "delta_1000_s": round(delta_s, 3),
            "delta_changes": changed,
            "delta_entities": delta,
            "search_p50_ms": round(percentile(timings, 0.5), 2),
            "search_p95_ms": round(percentile(timings, 0.95), 2),
            "search_max_ms": round(max(timings), 2),
            "searches": len(timings),
            "db_size_mb": round(size, 1),
            "scale": args.scale,
        }
    finally:
        engine.dispose()
        cleanup()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
