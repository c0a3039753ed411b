"""The Counter's figures: a loyalty scan to the customer 360 on screen, against a raw floor.

Run as ``uv run python -m tests.benchmarks.bench_counter [--customers N] [--scans N]``.

* Central: the cached, seeded database of ``bench_central.py`` (``--customers`` / 5,000 is its
  scale; 100,000 customers and ~800,000 orders by default).  The benchmark works on a copy of
  it (the cache stays as seeded): the seed puts *every* customer in WAW-01's slice, so in the
  copy ``--uncached`` + 1 customers with a history elsewhere and none at WAW-01 (home store
  elsewhere; no order sold or picked up, reservation, return or visit at WAW-01) are taken out
  of WAW-01's ``store_customers`` and WAW-01's change feed is written afresh from the slice
  rule (``rebuild_store_feed`` on an emptied feed).  Served by ``clerk-central serve`` in its
  own process on loopback.
* Tablet: enrolled to WAW-01 and synced as ``bench_app.py`` does it (``enroll_tablet``, the
  real app syncing in a child process).  A slice carries only recent orders, so the older
  orders of every customer on the tablet are then written into its store as the feed would
  deliver them (``counter_history.py``; ``order_history_written``; ``--slice-only`` skips
  it): about 800,000 orders at the default size.  ``local_customers`` and ``local_orders``
  are counted in its local database.
* The customer: the slice customer with the most timeline rows in the local store (orders,
  returns, reservations, loyalty, interactions).  When the 360 shows fewer than
  ``--min-entries`` (200) for them, they buy more: store sales (``POST /v1/orders``, one card
  payment each, booked by central with their loyalty earn) through the tablet's own client,
  then one sync round (``topped_up_sales``).  ``timeline_entries``: the rows of the 360's
  timeline as the scans show them (the first page: up to 200 orders and the other sources of
  the same span).
* Scans, in this process: the app as ``run_app`` builds it (``make_application``,
  ``build_tablet``, ``Shell`` shown at 1280x800 with its sync runner started), a sales clerk
  signed in.  Each scan is a fresh signed ``L`` code of that customer handed to
  ``shell.router.submit``; timed from the submit until the Counter's ``customerShown`` fired
  and the window was painted synchronously right after it (posted layout requests sent, then
  ``window.repaint()``), with the Qt event loop running in between (the scan is resolved and
  the 360 read with it on a reader thread of the bridge, the router's preview).  The store
  visit and the other stores' stock are asked a moment after the 360 is shown (the Counter's
  follow-ups), so outside the span.  Between scans, outside the timed span, the Counter goes
  back to its find page (``close_customer``), the window is painted, and the follow-ups,
  the bridge and the sync runner are let finish.  ``--warmup`` (5) unrecorded scans go first: the
  first of them records today's store visit (a write and a command sent to central, with
  the visit bonus); every later scan of the day finds the visit and writes nothing.
  ``scan_phases_p50_ms`` splits a scan by when each step reaches the UI thread (the rig
  wraps the Counter's ``show_customer_scan``, ``_local_answer`` and ``_remote_answer`` on the
  instance to note the time): ``resolve`` (the scan resolved and the 360 read from the local
  store with it, handed to the Counter), ``load`` (the Counter taking the 360 it was handed:
  next to nothing, a read of its own only when the router had not read it), ``show`` (the
  Counter filled, up to ``customerShown``), ``paint`` (the synchronous paint), and ``gc``
  (the collector's passes within the span, which stop every thread).  A window that is not
  exposed paints nothing, so every timed paint is checked to be on an exposed window.
* Floor, in the same process and run, as many runs as scans: the customer row and the same
  timeline rows read with plain SQL through the ``sqlite3`` module (the queries of
  ``clerk/store/timeline.py``), decoded, cut and sorted the same way, put into a plain
  ``QTableWidget`` (one row per entry, five text columns, the 360's row height so that as
  many rows are on screen) in a 1280x800 window of its own, shown for these runs only, then
  the same synchronous paint.  The table is emptied and painted between runs, outside the
  span.  ``floor_phases_p50_ms``: ``read`` (SQL, decode, cut, sort), ``fill``, ``paint``.
  ``floor_ratio = scan_p95_ms / floor_p95_ms``.
* Uncached: the customers taken out of the slice, each scanned once on the Counter (a fresh
  ``L`` code; the tablet asks central for their profile over loopback); timed the same way
  (``uncached_p*``, phases ``resolve`` (with the local store found not to hold them),
  ``local_miss`` (the Counter's turn to ask central), ``fetch``, ``show``, ``paint``),
  after one unrecorded such scan.  Every one of them must come from central
  (``source == "central"``); after each, its store visit reaches central before the next.

Progress goes to stderr; the last stdout line is one JSON object with the figures.
Targets (issue 5): ``scan_p95_ms <= 16``, ``floor_ratio <= 4``, ``uncached_p95_ms <= 150``.
They are reported (``targets``, ``targets_met``), not asserted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, and_, delete, exists, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from clerk.central import models as m  # noqa: E402
from tests.benchmarks.bench_app import (  # noqa: E402
    child_env,
    enroll_tablet,
    log,
    percentile,
    run_sync_child,
)
from tests.benchmarks.counter_history import fill_order_history  # noqa: E402

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from clerk.app import Tablet
    from tests.benchmarks.counter_rig import CounterRig

TARGETS = {"scan_p95_ms": 16.0, "floor_ratio": 4.0, "uncached_p95_ms": 150.0}
STORE = "WAW-01"


# --- central: the working copy -----------------------------------------------------------


def working_copy(url: str, folder: Path) -> Path:
    """A copy of the (closed) SQLite database at ``url`` in ``folder``."""
    source = Path(url.removeprefix("sqlite:///"))
    target = folder / "central.db"
    shutil.copyfile(source, target)
    wal = source.with_name(source.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    return target


def take_out_of_slice(engine: Engine, count: int, seed: int) -> list[str]:
    """Take ``count`` customers who never dealt with WAW-01 out of its slice and write its
    change feed afresh; their ids (fewer when the brand has fewer such customers)."""
    from clerk.central.feed import rebuild_store_feed

    c, o = m.Customer, m.Order
    elsewhere = and_(
        c.home_store_id.is_not(None),
        c.home_store_id != STORE,
        exists().where(o.customer_id == c.id),
        ~exists().where(
            o.customer_id == c.id, (o.store_id == STORE) | (o.pickup_store_id == STORE)
        ),
        ~exists().where(m.Reservation.customer_id == c.id, m.Reservation.store_id == STORE),
        ~exists().where(m.Interaction.customer_id == c.id, m.Interaction.store_id == STORE),
        ~exists().where(
            m.Return.order_id == o.id, o.customer_id == c.id, m.Return.store_id == STORE
        ),
    )
    with Session(engine) as session, session.begin():
        candidates = sorted(session.scalars(select(c.id).where(elsewhere).limit(20 * count)))
        picked = random.Random(seed).sample(candidates, min(count, len(candidates)))
        session.execute(
            delete(m.StoreCustomer).where(
                m.StoreCustomer.store_id == STORE, m.StoreCustomer.customer_id.in_(picked)
            )
        )
        # A rebuild keeps the newest entry of every entity it does not rewrite: start empty.
        session.execute(delete(m.Change).where(m.Change.store_id == STORE))
        rebuild_store_feed(session, STORE, datetime.now(UTC))
    return picked


def signing_key(engine: Engine) -> tuple[str, Ed25519PrivateKey]:
    """Central's active token-signing key (it signs the customers' app codes)."""
    from clerk.central.keys import active_signing_key

    with Session(engine) as session:
        return active_signing_key(session)


def sale_products(engine: Engine, units: int) -> list[tuple[str, str]]:
    """(SKU, price) of ``units`` units of ordinary products in stock at WAW-01, for the
    top-up sales (central refuses to sell what the store does not have)."""
    p, inv = m.Product, m.Inventory
    available = inv.on_hand - inv.held
    with Session(engine) as session:
        rows = session.execute(
            select(p.sku, p.price, available)
            .join(inv, and_(inv.sku == p.sku, inv.store_id == STORE))
            .where(p.final_sale.is_(False), p.age_restricted.is_(False), available > 0)
            .order_by(available.desc(), p.sku)
            .limit(units)
        ).all()
    stock = [(str(sku), str(price)) for sku, price, count in rows for _ in range(int(count))]
    return stock[:units]


# --- the tablet's local store --------------------------------------------------------------


def local_counts(db: Path) -> tuple[int, int]:
    """(customers, orders) in the tablet's local database."""
    with closing(sqlite3.connect(db)) as conn:
        customers = conn.execute("SELECT count(*) FROM customers").fetchone()[0]
        orders = conn.execute("SELECT count(*) FROM orders").fetchone()[0]
    return int(customers), int(orders)


def busiest_customer(db: Path) -> str:
    """The local customer with the most timeline rows of every source."""
    query = """
        SELECT customer_id FROM (
            SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id
            UNION ALL
            SELECT o.customer_id, count(*) FROM returns r JOIN orders o ON o.id = r.order_id
            GROUP BY o.customer_id
            UNION ALL SELECT customer_id, count(*) FROM reservations GROUP BY customer_id
            UNION ALL SELECT customer_id, count(*) FROM loyalty_transactions GROUP BY customer_id
            UNION ALL SELECT customer_id, count(*) FROM interactions GROUP BY customer_id
        )
        WHERE customer_id IN (SELECT id FROM customers)
        GROUP BY customer_id ORDER BY sum(n) DESC, customer_id LIMIT 1
    """
    with closing(sqlite3.connect(db)) as conn:
        row = conn.execute(query).fetchone()
    if row is None:
        raise RuntimeError("the tablet holds no customer with a timeline")
    return str(row[0])


def shown_entries(tablet: Tablet, customer_id: str) -> int:
    """How many timeline rows the 360 shows for the customer (its first page)."""
    from clerk.services.customers import local_360

    view = local_360(tablet.ctx, customer_id)
    return 0 if view is None else len(view.timeline)


def top_up(
    tablet: Tablet,
    customer_id: str,
    want: int,
    products: Sequence[tuple[str, str]],
    staff_id: str,
) -> tuple[int, int]:
    """Store sales to the customer through the tablet's client until the 360 shows ``want``
    rows (each sale adds an order and its loyalty earn); (sales made, rows shown)."""
    shown = shown_entries(tablet, customer_id)
    sales = 0
    for _round in range(5):
        if shown >= want:
            break
        needed = (want - shown + 1) // 2
        for _ in range(needed):
            if sales >= len(products):
                raise RuntimeError("WAW-01 has too little stock left for the top-up sales")
            sku, price = products[sales]
            body = {
                "staff_id": staff_id,
                "customer_id": customer_id,
                "lines": [{"sku": sku, "qty": 1}],
                "payments": [{"tender": "card", "amount": price}],
            }
            tablet.client.send("POST", "/v1/orders", body, idempotency_key=str(uuid.uuid4()))
            sales += 1
        tablet.engine.sync_once()
        shown = shown_entries(tablet, customer_id)
    if shown < want:
        raise RuntimeError(f"the customer's 360 shows {shown} rows after {sales} sales")
    return sales, shown


# --- the figures ---------------------------------------------------------------------------


def summary(values: Sequence[float]) -> dict[str, float]:
    """p50, p95 and max of milliseconds, rounded."""
    return {
        "p50": round(statistics.median(values), 2),
        "p95": round(percentile(list(values), 0.95), 2),
        "max": round(max(values), 2),
    }


def phase_medians(phases: Sequence[dict[str, float]]) -> dict[str, float]:
    """The median of each phase over the scans."""
    names = [name for name in phases[0] if name != "rows"] if phases else []
    return {name: round(statistics.median(p[name] for p in phases), 2) for name in names}


def measure(
    rig: CounterRig,
    customer_id: str,
    uncached: list[str],
    token: Callable[[str], str],
    args: argparse.Namespace,
) -> dict[str, Any]:
    """Scans, floor and uncached scans on the running app; their figures."""
    log(f"{args.warmup} warm-up scans of {customer_id} (the first records today's visit) ...")
    for _ in range(args.warmup):
        rig.scan(token(customer_id), "local")
        rig.next_customer(write_expected=True)
    log(f"timing {args.scans} scans ...")
    scans = []
    for _ in range(args.scans):
        scans.append(rig.scan(token(customer_id), "local"))
        rig.next_customer()
    entries = rig.shown_rows
    for slow in sorted(scans, key=lambda s: s["total"], reverse=True)[:5]:
        log(f"a slow scan: {slow}")
    log(f"timing {args.scans} floor runs ...")
    floor = rig.floor(customer_id, args.scans)
    log(f"timing {len(uncached) - 1} customers outside the slice (after one unrecorded) ...")
    remote = []
    for number, other in enumerate(uncached):
        if rig.on_tablet(other):
            raise RuntimeError(f"{other} is on the tablet; it was meant to be outside the slice")
        timing = rig.scan(token(other), "central")
        rig.next_customer(write_expected=True)
        if number:
            remote.append(timing)
    scan_ms = [s["total"] for s in scans]
    floor_ms = [f["total"] for f in floor]
    remote_ms = [r["total"] for r in remote]
    scan, floor_s, remote_s = summary(scan_ms), summary(floor_ms), summary(remote_ms)
    return {
        "scan_p50_ms": scan["p50"],
        "scan_p95_ms": scan["p95"],
        "scan_max_ms": scan["max"],
        "floor_p50_ms": floor_s["p50"],
        "floor_p95_ms": floor_s["p95"],
        "floor_max_ms": floor_s["max"],
        "floor_ratio": round(scan["p95"] / floor_s["p95"], 2),
        "uncached_p50_ms": remote_s["p50"],
        "uncached_p95_ms": remote_s["p95"],
        "uncached_max_ms": remote_s["max"],
        "scan_phases_p50_ms": phase_medians(scans),
        "floor_phases_p50_ms": phase_medians(floor),
        "uncached_phases_p50_ms": phase_medians(remote),
        "timeline_entries": entries,
        "floor_rows": floor[-1]["rows"] if floor else 0,
        "uncached_timeline_rows_p50": statistics.median(r["rows"] for r in remote),
        "scans": len(scans),
        "floor_runs": len(floor),
        "uncached_customers": len(remote),
        "warmup_scans": args.warmup,
        "visits_written": rig.visits_written,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Prepare central and the tablet, then measure; the figures."""
    from clerk.central.db import make_engine
    from clerk.central.seed import CUSTOMERS_PER_SCALE, DEFAULT_SEED
    from clerk.services.settings import SETTINGS_FILE, AppSettings, save_settings
    from tests.benchmarks.bench_central import prepare
    from tests.gui.app_rig import SALES
    from tests.support.central_process import central_process, free_port

    durations: dict[str, float] = {}
    started = time.perf_counter()
    seed = DEFAULT_SEED if args.seed is None else args.seed
    url, cached, cleanup = prepare(
        argparse.Namespace(
            scale=args.customers / CUSTOMERS_PER_SCALE, seed=seed, db=args.db, keep=False
        )
    )
    cached.dispose()
    cleanup()
    durations["prepare_s"] = round(time.perf_counter() - started, 1)
    with tempfile.TemporaryDirectory(prefix="clerk-bench-counter-") as tmp:
        folder = Path(tmp)
        lap = time.perf_counter()
        copy = working_copy(url, folder)
        central_url = f"sqlite:///{copy}"
        central_engine = make_engine(central_url)
        log(f"copied central to {copy}; taking {args.uncached + 1} customers out of the slice")
        outside = take_out_of_slice(central_engine, args.uncached + 1, seed)
        if len(outside) < 2:
            raise RuntimeError("central has no customers outside WAW-01's slice to open")
        key_id, private = signing_key(central_engine)
        products = sale_products(central_engine, args.min_entries)
        durations["copy_and_slice_s"] = round(time.perf_counter() - lap, 1)
        env = child_env(folder)
        settings_path = folder / "config" / "clerk" / SETTINGS_FILE
        settings = AppSettings(language=args.language, idle_lock_minutes=60)
        save_settings(settings_path, settings)
        data_dir = folder / "tablet"
        try:
            with central_process(central_url, free_port(), folder / "central.log") as base:
                device = enroll_tablet(central_engine, base, data_dir)
                log(f"enrolled {device} to {STORE}; syncing its slice in a child process ...")
                lap = time.perf_counter()
                sync_args = argparse.Namespace(tick_ms=5, trace_stalls=None, timeout=args.timeout)
                synced = run_sync_child(data_dir, settings_path, env, sync_args, folder / "s.log")
                durations["sync_wall_s"] = round(time.perf_counter() - lap, 1)
                log(f"synced {synced['entities_synced']} entities in {synced['sync_s']} s")
                history = 0
                if not args.slice_only:
                    log("writing the older orders of the tablet's customers into its store ...")
                    lap = time.perf_counter()
                    history = fill_order_history(central_engine, data_dir / "store.db")
                    durations["order_history_s"] = round(time.perf_counter() - lap, 1)
                    log(f"wrote {history} older orders")

                def token(customer_id: str) -> str:
                    from clerk.domain.tokens import loyalty_token

                    return loyalty_token(customer_id, private, key_id, datetime.now(UTC))

                figures = measure_app(
                    args, data_dir, settings, settings_path, products, outside, token, SALES
                )
        finally:
            central_engine.dispose()
        figures.update(
            sync_s=synced["sync_s"],
            entities_synced=synced["entities_synced"],
            sync_exit_code=synced["exit_code"],
            order_history_written=history,
            central_customers=args.customers,
        )
    durations["total_s"] = round(time.perf_counter() - started, 1)
    figures["durations"] = {**durations, **figures.pop("app_durations")}
    return figures


def measure_app(
    args: argparse.Namespace,
    data_dir: Path,
    settings: Any,
    settings_path: Path,
    products: list[tuple[str, str]],
    outside: list[str],
    token: Callable[[str], str],
    staff: tuple[str, str],
) -> dict[str, Any]:
    """The app in this process: top the customer up, sign in, measure."""
    from tests.benchmarks.counter_rig import CounterRig, open_tablet

    db = data_dir / "store.db"
    store, tablet = open_tablet(data_dir, args.sync_interval)
    try:
        lap = time.perf_counter()
        customer_id = busiest_customer(db)
        before = shown_entries(tablet, customer_id)
        log(f"busiest local customer {customer_id}: {before} timeline rows")
        sales, shown = top_up(tablet, customer_id, args.min_entries, products, staff[0])
        if sales:
            log(f"topped up with {sales} store sales: the 360 shows {shown} rows")
        topped_s = round(time.perf_counter() - lap, 1)
        local_customers, local_orders = local_counts(db)
        rig = CounterRig(tablet, settings, settings_path, db, args.language)
        try:
            rig.start(staff)
            lap = time.perf_counter()
            figures = measure(rig, customer_id, outside, token, args)
            measure_s = round(time.perf_counter() - lap, 1)
        finally:
            rig.close()
    finally:
        tablet.close()
        store.close()
    figures.update(
        customer_id=customer_id,
        timeline_entries_before_top_up=before,
        topped_up_sales=sales,
        local_customers=local_customers,
        local_orders=local_orders,
        app_durations={"top_up_s": topped_s, "measure_s": measure_s},
    )
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the last stdout line is the JSON figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--customers", type=int, default=100_000, help="central's customers (100,000)"
    )
    parser.add_argument("--scans", type=int, default=200, help="timed scans and floor runs")
    parser.add_argument("--warmup", type=int, default=5, help="unrecorded scans first (5)")
    parser.add_argument("--uncached", type=int, default=50, help="customers outside the slice")
    parser.add_argument("--min-entries", type=int, default=200, help="timeline rows wanted")
    parser.add_argument("--seed", type=int, help="central's seed (the demo default)")
    parser.add_argument("--db", help="central database: sqlite:///path (default: cached)")
    parser.add_argument(
        "--language", default="pl", choices=("pl", "en"), help="the app's language (pl)"
    )
    parser.add_argument("--sync-interval", type=float, default=30.0, help="seconds (30)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds for the sync child")
    parser.add_argument(
        "--slice-only",
        action="store_true",
        help="keep the tablet's store as the slice left it (no older orders written)",
    )
    args = parser.parse_args(argv)
    if args.db and not args.db.startswith("sqlite:///"):
        parser.error("--db: the benchmark works on a copy of a SQLite central (sqlite:///path)")
    if args.scans < 1 or args.uncached < 1:
        parser.error("--scans and --uncached must be at least 1")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    figures = run(args)
    figures["targets"] = TARGETS
    figures["targets_met"] = {
        name: figures[name] is not None and figures[name] <= limit
        for name, limit in TARGETS.items()
    }
    print(json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
