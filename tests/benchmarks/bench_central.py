"""Central service figures over real HTTP: the WAW-01 change feed and the customer 360 profile.

Run as ``uv run python tests/benchmarks/bench_central.py [--scale N] [--db URL]``.

* Seeds a central database at ``--scale`` once and reuses it: by default a SQLite file under
  the system temp dir keyed by scale and seed; with ``--db postgresql://...`` a private
  schema (dropped at the end unless ``--keep``; a kept schema is reused).  When the feed code
  changed since the cached feeds were written, only the feeds are rebuilt.
* Serves the real app with uvicorn on loopback, enrolls a device for WAW-01, pulls its whole
  change feed in pages (``--limit``, 5,000) and reports entities per wall second.
* Fetches the customer 360 profile of ``--profiles`` random slice customers (plus the
  showcase gold customer) and reports p50/p95 latency.

Progress goes to stderr; the last stdout line is one JSON object with the figures.
Targets (issue 2): feed >= 5,000 entities/s, profile p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import Engine, func, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from clerk.central import models as m  # noqa: E402
from clerk.central.app import CentralSettings, create_app  # noqa: E402
from clerk.central.db import make_engine  # noqa: E402
from clerk.central.enrollment import create_enrollment_code  # noqa: E402
from clerk.central.feed import rebuild_store_feed  # noqa: E402
from clerk.central.schema import migrate  # noqa: E402
from clerk.central.seed import DEFAULT_SEED, seed_demo  # noqa: E402
from clerk.central.seed_data import STORE_IDS  # noqa: E402
from clerk.domain.tokens import generate_private_key, public_key_text  # noqa: E402
from tests.support.live import serve_app  # noqa: E402

STORE = "WAW-01"
FEED_SOURCES = ("feed.py", "feed_snapshot.py", "feed_rows.py", "feed_log.py")


def log(message: str) -> None:
    """Progress for the human watching (stderr)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def feed_version() -> str:
    """A fingerprint of the code that writes the feeds (a change means: rebuild them)."""
    digest = hashlib.sha256()
    for name in FEED_SOURCES:
        digest.update((ROOT / "clerk" / "central" / name).read_bytes())
    return digest.hexdigest()[:16]


def _pg_url(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


def prepare(args: argparse.Namespace) -> tuple[str, Engine, Any]:
    """The database URL to serve, its engine, and a cleanup callable."""
    scale_tag = f"s{str(args.scale).replace('.', '_')}-seed{args.seed}"
    if args.db and args.db.startswith("postgres"):
        schema = "clerk_bench_" + scale_tag.replace("-", "_")
        admin = make_engine(args.db, pool_size=1, max_overflow=0)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        url = _pg_url(args.db, schema)

        def cleanup() -> None:
            if not args.keep:
                log(f"dropping schema {schema}")
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()

        marker: Path | None = None
    else:
        folder = Path(tempfile.gettempdir()) / "clerk-bench"
        folder.mkdir(exist_ok=True)
        path = Path(args.db.removeprefix("sqlite:///")) if args.db else folder / f"{scale_tag}.db"
        url = f"sqlite:///{path}"
        marker = path.with_suffix(".feed")

        def cleanup() -> None:
            return None

    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        seeded = bool(session.scalar(select(func.count()).select_from(m.Store)))
    version = feed_version()
    if not seeded:
        log(f"seeding scale {args.scale} (seed {args.seed}) into {url.split('?')[0]} ...")
        started = time.perf_counter()
        summary = seed_demo(engine, scale=args.scale, seed=args.seed)
        log(f"seeded in {time.perf_counter() - started:.0f} s: {summary.durations}")
        log(f"feed entries per store: {summary.feed_entries}")
    elif marker is None or not marker.exists() or marker.read_text() != version:
        log("feed code changed since the cached feeds were written: rebuilding them")
        now = datetime.now(UTC)
        for store_id in STORE_IDS:
            started = time.perf_counter()
            with Session(engine) as session, session.begin():
                written = rebuild_store_feed(session, store_id, now)
            log(f"  {store_id}: {written} entries in {time.perf_counter() - started:.1f} s")
    else:
        log(f"reusing {url}")
    if marker is not None:
        marker.write_text(version)
    return url, engine, cleanup


def enroll(engine: Engine, base: str, http: requests.Session) -> str:
    """Enroll a bench device for WAW-01 over HTTP; returns its bearer token."""
    with Session(engine) as session, session.begin():
        code = create_enrollment_code(session, STORE, datetime.now(UTC))
    public = public_key_text(generate_private_key().public_key())
    answer = http.post(
        f"{base}/v1/devices/enroll",
        json={"code": code, "device_name": "bench", "public_key": public},
        timeout=30,
    )
    answer.raise_for_status()
    token: str = answer.json()["token"]
    return token


def pull_feed(base: str, http: requests.Session, limit: int) -> tuple[int, float, int]:
    """Pull the whole feed from 0; returns (entities, seconds, pages)."""
    after, entities, pages = 0, 0, 0
    started = time.perf_counter()
    while True:
        answer = http.get(
            f"{base}/v1/stores/{STORE}/changes",
            params={"after": after, "limit": limit},
            timeout=120,
        )
        answer.raise_for_status()
        body = answer.json()
        entities += len(body["changes"])
        pages += 1
        after = body["next_after"]
        if pages % 10 == 0:
            log(f"  feed: {entities} entities, {time.perf_counter() - started:.1f} s")
        if not body["has_more"]:
            return entities, time.perf_counter() - started, pages


def pick_customers(engine: Engine, count: int, seed: int) -> list[str]:
    """``count`` random customers of WAW-01's slice, the showcase gold customer first."""
    with Session(engine) as session:
        members = sorted(
            session.scalars(
                select(m.StoreCustomer.customer_id).where(m.StoreCustomer.store_id == STORE)
            )
        )
        gold = session.scalar(
            select(m.Customer.id).where(m.Customer.tier == "gold").order_by(m.Customer.id).limit(1)
        )
    picked = random.Random(seed).sample(members, min(count, len(members)))
    return ([gold] if gold else []) + picked


def time_profiles(base: str, http: requests.Session, ids: list[str]) -> list[float]:
    """Milliseconds per profile request (after a short warm-up)."""
    for customer_id in ids[:5]:
        http.get(f"{base}/v1/customers/{customer_id}/profile", timeout=30).raise_for_status()
    timings = []
    for customer_id in ids:
        started = time.perf_counter()
        answer = http.get(f"{base}/v1/customers/{customer_id}/profile", timeout=30)
        answer.raise_for_status()
        answer.json()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (nearest rank)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; the last stdout line is the JSON figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=20)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--db", help="sqlite:///path or postgresql://... (private schema)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL schema")
    parser.add_argument("--limit", type=int, default=5000, help="feed page size")
    parser.add_argument("--profiles", type=int, default=300)
    args = parser.parse_args(argv)
    url, engine, cleanup = prepare(args)
    try:
        app = create_app(CentralSettings(db_url=url, send_notifications=False, feed_batch_max=5000))
        with serve_app(app) as base, requests.Session() as http:
            token = enroll(engine, base, http)
            http.headers["Authorization"] = f"Bearer {token}"
            log(f"pulling the {STORE} feed in pages of {args.limit} ...")
            entities, seconds, pages = pull_feed(base, http, args.limit)
            rate = entities / seconds
            log(f"feed: {entities} entities in {seconds:.1f} s ({pages} pages): {rate:.0f}/s")
            ids = pick_customers(engine, args.profiles, args.seed)
            log(f"timing {len(ids)} customer profiles ...")
            timings = time_profiles(base, http, ids)
        figures = {
            "feed_entities_per_s": round(rate),
            "feed_entities": entities,
            "feed_seconds": round(seconds, 2),
            "feed_pages": pages,
            "profile_p50_ms": round(statistics.median(timings), 1),
            "profile_p95_ms": round(percentile(timings, 0.95), 1),
            "profile_max_ms": round(max(timings), 1),
            "profiles": len(timings),
            "scale": args.scale,
            "db": engine.dialect.name,
        }
        log(f"profile: p50 {figures['profile_p50_ms']} ms, p95 {figures['profile_p95_ms']} ms")
    finally:
        engine.dispose()
        cleanup()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
