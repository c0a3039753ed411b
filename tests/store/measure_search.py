"""Customer search latency in a store holding many customers (a measurement, not a test).

uv run python -m tests.store.measure_search [--customers 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from clerk.store import LocalStore
from tests.store.feed import change, customer

FIRST = ["Łukasz", "Anna", "Zofia", "Krzysztof", "Małgorzata", "Jędrzej", "Iga", "Wojciech", "Ewa"]
LAST = [
    "Wójcik",
    "Świątek",
    "Nowak-Kowalska",
    "Zieliński",
    "Żółć",
    "Kamińska",
    "Lewandowski",
    "Szymańska",
    "Dąbrowski",
    "Kozłowska",
    "Jankowski",
    "Mazur",
    "Krawczyk",
    "Piotrowska",
]
QUERIES = [
    "a",
    "k",
    "z",
    "lu",
    "sw",
    "wo",
    "kow",
    "swi",
    "zol",
    "lewa",
    "dabr",
    "kozl",
    "lukasz",
    "swiatek",
    "wojcik",
    "malgorzata kaminska",
    "jedrzej",
    "754",
    "600 1",
    "512 34",
    "+48 5",
    "anna n",
    "ewa maz",
    "zielinski",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(7)
    people = [
        customer(
            f"C{n:07d}",
            rng.choice(FIRST),
            rng.choice(LAST) + ("" if n % 3 else f"{n % 97}"),
            phone=f"+48 {rng.randint(500_000_000, 899_999_999)}",
        )
        for n in range(args.customers)
    ]
    with tempfile.TemporaryDirectory() as folder:
        store = LocalStore.open(f"sqlite:///{Path(folder) / 'store.db'}")
        for start in range(0, len(people), 5000):
            with store.unit() as unit:
                unit.cache.apply_changes(
                    [change("customer", c["id"], c) for c in people[start : start + 5000]]
                )
        timings: dict[str, list[float]] = {q: [] for q in QUERIES}
        for _ in range(args.rounds):
            for query in QUERIES:
                with store.unit(read_only=True) as unit:
                    started = time.perf_counter()
                    unit.customers.search(query, 20)
                    timings[query].append((time.perf_counter() - started) * 1000)
        size_mb = (Path(folder) / "store.db").stat().st_size / 1e6
        store.close()
    every = sorted(t for ts in timings.values() for t in ts)
    worst = sorted(((statistics.median(ts), q) for q, ts in timings.items()), reverse=True)[:5]
    print(
        json.dumps(
            {
                "customers": args.customers,
                "search_p50_ms": round(every[len(every) // 2], 2),
                "search_p95_ms": round(every[int(len(every) * 0.95)], 2),
                "slowest_median_ms": [[q, round(t, 2)] for t, q in worst],
                "db_size_mb": round(size_mb, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
