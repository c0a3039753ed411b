"""A tablet that gets killed: clerks' actions at random and syncs, until SIGKILL ends it.

Run by ``tests/reliability/test_crash.py`` again and again on the same local database, either
as a fresh interpreter (``python -m tests.reliability.crash_worker --store ... --central ...``)
or forked by ``python -m tests.reliability.crash_worker serve``, which has done the imports
once (see :func:`serve_lives`). Each life opens the store, prints ``ready``, syncs (which first
puts commands a kill left "sending" back to pending) and then works forever: store sales of
one unit of a few shared SKUs (some for a member, some returned later in the sale's lane),
notes and feedback on a few customers, the pickup desk shelving and handing over orders, with a
sync every few actions. With ``--drain`` it only syncs until the outbox is empty and exits.

What a life says on stdout (flushed line by line, so a kill loses nothing said):
``in-flight N`` (commands the last kill left on the wire), ``ready``, ``replayed KEY`` (central
answered a repeat from its idempotency record: the first answer was lost to a kill).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import requests

from clerk.domain.entities import OrderStatus, ReturnReason, Tender
from clerk.domain.errors import DomainError
from clerk.services import (
    ReturnItem,
    SaleLine,
    ServiceContext,
    SystemClock,
    Tendered,
    Verification,
    add_note,
    create_return,
    mark_ready,
    record_feedback,
    release_pickup,
    store_sale,
)
from clerk.store import LocalStore
from clerk.sync.client import CentralClient
from clerk.sync.engine import SyncEngine

STORE = "WAW-01"
SALES, PICKUP = "STF-WAW01-01", "STF-WAW01-02"
CUSTOMERS = 6  # the first few customers of the slice: their timelines and points collide
DRAIN_ROUNDS = 50
REPLAYED = "Idempotent-Replayed"

# What the clerks do, and how often.
ACTIONS = [("sale", 36), ("return", 10), ("note", 20), ("feedback", 20), ("pickup", 14)]


def say(line: str) -> None:
    """One line for the test, on its way before the next kill."""
    print(line, flush=True)


def _report_replays(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    if response.headers.get(REPLAYED) == "true":
        say(f"replayed {response.request.headers.get('Idempotency-Key')}")


class Clerks:
    """The clerks at the counter and the pickup desk, choosing what to do at random."""

    def __init__(
        self, ctx: ServiceContext, skus: Sequence[str], customers: Sequence[str], seed: int
    ) -> None:
        self.ctx = ctx
        self.skus = list(skus)
        self.customers = list(customers)
        self.rng = random.Random(seed)
        self.sales = ctx.actor(SALES)
        self.desk = ctx.actor(PICKUP)
        kinds, weights = zip(*ACTIONS, strict=True)
        self._kinds: list[str] = list(kinds)
        self._weights: list[int] = list(weights)
        self._do: dict[str, Callable[[], None]] = {
            "sale": self.sell,
            "return": self.take_back,
            "note": self.note,
            "feedback": self.feedback,
            "pickup": self.pickup,
        }

    def act(self) -> None:
        """One action; a refusal the clerk would see is just a moment lost."""
        kind = self.rng.choices(self._kinds, self._weights)[0]
        with contextlib.suppress(DomainError):
            self._do[kind]()

    def sell(self) -> None:
        sku = self.rng.choice(self.skus)
        with self.ctx.store.unit(read_only=True) as unit:
            product = unit.catalog.product(sku)
        if product is None:
            return
        customer = self.rng.choice(self.customers) if self.rng.random() < 0.5 else None
        store_sale(
            self.ctx,
            self.sales,
            customer_id=customer,
            lines=[SaleLine(sku, 1)],
            payments=[Tendered(Tender.CARD, product.price)],
        )

    def take_back(self) -> None:
        """One unit of a recent sale of this tablet comes back (in the sale's lane)."""
        with self.ctx.store.unit(read_only=True) as unit:
            recent = unit.audit.recent(limit=40, action="store_sale")
            sold = [e.detail["order_id"] for e in recent if e.result == "queued"]
            orders = [o for o in (unit.orders.get(i) for i in sold) if o is not None]
        lines = [(o.id, ln.id) for o in orders for ln in o.lines if ln.qty > ln.returned_qty]
        if not lines:
            return
        order_id, line_id = self.rng.choice(lines)
        item = ReturnItem(line_id, 1, ReturnReason.CHANGED_MIND)
        create_return(self.ctx, self.sales, order_id, [item])

    def note(self) -> None:
        customer = self.rng.choice(self.customers)
        add_note(self.ctx, self.sales, customer, f"Asked about size {self.rng.randint(34, 46)}")

    def feedback(self) -> None:
        customer = self.rng.choice(self.customers) if self.rng.random() < 0.7 else None
        record_feedback(self.ctx, self.sales, "sale", self.rng.randint(1, 5), customer_id=customer)

    def pickup(self) -> None:
        """Shelve a placed order, or hand a ready one over (perhaps one shelved just now)."""
        with self.ctx.store.unit(read_only=True) as unit:
            placed = unit.orders.pickups(STORE, [OrderStatus.PLACED, OrderStatus.PICKING])
            ready = unit.orders.pickups(STORE, [OrderStatus.READY])
        if ready and (not placed or self.rng.random() < 0.5):
            order = self.rng.choice(ready)
            verification = Verification("pickup_token", "Anna Nowak", age_checked=True)
            release_pickup(self.ctx, self.desk, order.id, verification)
        elif placed:
            order = self.rng.choice(placed)
            mark_ready(self.ctx, self.desk, order.id, shelf=f"B-{self.rng.randint(1, 9)}")


def _unsettled(store: LocalStore) -> int:
    with store.unit(read_only=True) as unit:
        counts = unit.outbox.counts()
    return counts.pending + counts.sending


def life(argv: Sequence[str]) -> int:
    """One life of the tablet: work until killed (or, with ``--drain``, sync and exit)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", required=True, help="the local store's URL")
    parser.add_argument("--central", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--device-id", required=True)
    parser.add_argument("--skus", required=True, help="comma-separated SKUs to sell")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--drain", action="store_true", help="sync until the outbox is empty")
    args = parser.parse_args(argv)

    store = LocalStore.open(args.store)
    session = requests.Session()
    session.hooks["response"].append(_report_replays)
    client = CentralClient(
        args.central,
        args.token,
        session=session,
        read_timeout=10.0,
        retries=8,
        backoff=0.05,
        backoff_max=0.5,
    )
    engine = SyncEngine(store, client, STORE, clock=SystemClock())
    with store.unit(read_only=True) as unit:
        in_flight = sum(c.state == "sending" for c in unit.outbox.unfinished())
        first_run = unit.sync_state.cursor() == 0
    say(f"in-flight {in_flight}")
    if first_run:  # the morning sync: the slice is there before the clerks start
        report = engine.sync_once()
        if report.error is not None:
            say(f"first sync failed: {report.error}")
            return 1

    if args.drain:
        for _ in range(DRAIN_ROUNDS):
            report = engine.sync_once()
            if report.error is None and _unsettled(store) == 0:
                say("drained")
                return 0
            time.sleep(0.05)
        say(f"not drained: {_unsettled(store)} command(s) left, last error {report.error}")
        return 1

    ctx = ServiceContext(store, args.device_id, STORE, SystemClock())
    with store.unit(read_only=True) as unit:
        customers = [c.id for c in unit.customers.page(limit=CUSTOMERS)]
    clerks = Clerks(ctx, args.skus.split(","), customers, args.seed)
    say("ready")
    while True:  # until killed
        report = engine.sync_once()
        if report.error is not None:
            time.sleep(0.02)
        for _ in range(clerks.rng.randint(1, 4)):
            clerks.act()


def serve_lives() -> int:
    """Start lives on demand, forked from this process, so each starts in milliseconds.

    This process only imports: it opens no database and starts no thread, so a child begins
    as cleanly as a fresh interpreter. On stdin, ``start {"argv": [...], "log": path}``
    forks a life writing to ``log`` and answers ``pid N``; ``wait N`` reaps it and answers
    ``status N CODE`` (``-9`` for SIGKILL).
    """
    for line in sys.stdin:
        verb, _, rest = line.strip().partition(" ")
        if verb == "start":
            request = json.loads(rest)
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                _forked_life(request["log"], request["argv"])
            say(f"pid {pid}")
        elif verb == "wait":
            pid = int(rest)
            _, status = os.waitpid(pid, 0)
            say(f"status {pid} {os.waitstatus_to_exitcode(status)}")
        else:
            say(f"unknown request {line.strip()!r}")
    return 0


def _forked_life(log: str, argv: Sequence[str]) -> NoReturn:
    code = 1
    try:
        out = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.close(out)
        nothing = os.open(os.devnull, os.O_RDONLY)
        os.dup2(nothing, 0)
        os.close(nothing)
        code = life(argv)
    except BaseException:
        traceback.print_exc()
    finally:
        say(f"exited {code}")
        sys.stderr.flush()
        os._exit(code)


def main(argv: Sequence[str]) -> int:
    if list(argv[:1]) == ["serve"]:
        return serve_lives()
    return life(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
