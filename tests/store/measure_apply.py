"""How fast ``apply_changes`` takes feed pages into an empty SQLite store (not a test).

    uv run python -m tests.store.measure_apply [--entities N] [--page N] [--feed F] [--url URL]

Without ``--feed`` the entries are made to look like a store's slice (products and stock, customers,
orders with lines, loyalty). With ``--feed`` a JSON list of real feed entries is repeated under
fresh ids up to ``--entities``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from clerk.store import LocalStore
from tests.store.feed import NOW, change, customer, inventory, order, product

FIRST = ["Łukasz", "Anna", "Zofia", "Krzysztof", "Małgorzata", "Jędrzej", "Iga", "Wojciech"]
LAST = ["Wójcik", "Świątek", "Nowak-Kowalska", "Zieliński", "Żółć", "Kamińska", "Lewandowski"]


def synthetic(count: int) -> Iterator[dict[str, Any]]:
    n = 0
    while True:
        n += 1
        sku = f"KOS{n:05d}-RED-M"
        yield change("product", sku, product(sku, ean=f"59{n:011d}", style=f"KOS{n:05d}"))
        yield change("inventory", sku, inventory(sku, n % 9))
        cid = f"C{n:07d}"
        yield change(
            "customer",
            cid,
            customer(cid, FIRST[n % 8], LAST[n % 7], phone=f"+48 {500000000 + n * 7919:9d}"),
        )
        yield change("order", f"O{n:08d}", order(f"O{n:08d}", customer_id=cid))
        yield change(
            "loyalty",
            f"LT{n:09d}",
            {
                "id": f"LT{n:09d}",
                "customer_id": cid,
                "kind": "earn",
                "points": 120,
                "order_id": f"O{n:08d}",
                "return_id": None,
                "channel": "web",
                "store_id": "WAW-01",
                "created_at": NOW.isoformat(),
                "note": "Punkty za zakupy",
            },
        )
        if n * 5 >= count:
            return


def repeated(dump: list[dict[str, Any]], count: int) -> Iterator[dict[str, Any]]:
    made, round_ = 0, 0
    while made < count:
        round_ += 1
        for entry in dump:
            data = dict(entry["data"]) if entry.get("data") else None
            new_id = f"{entry['id']}~{round_}"
            if data is not None:
                for key in ("id", "sku", "key_id", "store_id"):
                    if key in data and str(data[key]) == str(entry["id"]):
                        data[key] = new_id
            yield {**entry, "id": new_id, "data": data}
            made += 1
            if made >= count:
                return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entities", type=int, default=60_000)
    parser.add_argument("--page", type=int, default=5_000)
    parser.add_argument("--feed", type=Path)
    parser.add_argument("--url", help="an empty database instead of a temporary SQLite file")
    args = parser.parse_args()
    if args.feed:
        entries = list(repeated(json.loads(args.feed.read_text()), args.entities))
    else:
        entries = list(synthetic(args.entities))
    with tempfile.TemporaryDirectory() as folder:
        store = LocalStore.open(args.url or f"sqlite:///{Path(folder) / 'store.db'}")
        started = time.perf_counter()
        for start in range(0, len(entries), args.page):
            with store.unit() as unit:
                unit.cache.apply_changes(entries[start : start + args.page])
                unit.sync_state.set_cursor(start)
        elapsed = time.perf_counter() - started
        store.close()
    print(
        json.dumps(
            {
                "entities": len(entries),
                "seconds": round(elapsed, 3),
                "entities_per_s": round(len(entries) / elapsed),
            }
        )
    )


if __name__ == "__main__":
    main()
