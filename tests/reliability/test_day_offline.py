"""A day offline: 5,000 commands queued while central is unreachable all drain once it is back,
each exactly once and, per order, in the order the clerks made them.

The day: store sales (half of them partly returned later the same day, in the sale's lane),
notes and feedback on customers, and the pickup desk shelving placed orders and handing over
ready ones (a shelved order released later in its lane). Central runs as its own process
(``clerk-central serve``): after the morning sync it is stopped; the tablet keeps trying all day,
reports itself offline and keeps every command. Then central comes back on the same address
and the outbox drains. Central's idempotency records (one per command, stamped on arrival)
prove the order per lane; its sales, returns, notes and feedback prove exactly once.
"""

from __future__ import annotations

import random
import shutil
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.db import make_engine
from clerk.domain.entities import ReturnReason, Tender
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
from clerk.store import LocalStore, OutboxCommand
from clerk.sync.engine import SyncEngine
from clerk.sync.events import Connectivity
from tests.reliability.central_view import on_hand, sellable_skus
from tests.support.central_process import central_process, free_port
from tests.sync.conftest import LiveCentral, enroll_device

SALES, PICKUP = "STF-WAW01-01", "STF-WAW01-02"
COMMANDS = 5000
SALES_COUNT = 1200


@pytest.mark.timeout(900)
def test_a_day_offline_drains_in_order_exactly_once(
    reliability_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "central.db"
    shutil.copyfile(reliability_template, path)
    db_url = f"sqlite:///{path}"
    central = make_engine(db_url)
    port = free_port()
    store = LocalStore.open(f"sqlite:///{tmp_path / 'tablet.db'}")
    rng = random.Random(5000)
    store_id = "WAW-01"

    with central_process(
        db_url, port, tmp_path / "central.log"
    ) as url:  # the morning: enroll and sync
        enrolled = enroll_device(url, central)
        live = LiveCentral(url, central, enrolled["token"], enrolled["device_id"])
        client = live.client(retries=1)
        engine = SyncEngine(store, client, store_id, clock=SystemClock())
        assert engine.sync_once().error is None
    # Central is down for the rest of the day.

    started_at = datetime.now(UTC)
    ctx = ServiceContext(store, live.device_id, store_id, SystemClock())
    sales, pickup = ctx.actor(SALES), ctx.actor(PICKUP)
    with store.unit(read_only=True) as unit:
        customers = [c.id for c in unit.customers.page(limit=60)]
        placed = unit.orders.pickups(store_id, ["placed", "picking"])
        ready = unit.orders.pickups(store_id, ["ready"])
    # Sales take stock that no pickup order here holds, so the stock counts are the sales'.
    skus = sellable_skus(central, store_id, units=5, count=400)
    before = on_hand(central, store_id, skus)
    assert len(skus) >= 300 and placed and ready

    made: list[OutboxCommand] = []  # in the order the clerks made them
    ids: dict[str, set[str]] = defaultdict(set)  # what central must hold, by command kind
    sold: Counter[str] = Counter()
    to_return: list[tuple[str, str]] = []  # (sale id, its sku)
    verify = Verification("pickup_token", "Anna Nowak", age_checked=True)
    day = ["sale"] * SALES_COUNT + ["return"] * (SALES_COUNT // 2)
    day += ["pickup"] * (2 * len(placed) + len(ready))
    day += ["note", "feedback"] * ((COMMANDS - len(day)) // 2)
    day += ["note"] * (COMMANDS - len(day))
    rng.shuffle(day)
    shelved: list[str] = []
    queued_at = time.perf_counter()
    for kind in day:
        if kind == "return" and not to_return:
            kind = "note"
        if kind == "pickup" and not (placed or ready or shelved):
            kind = "feedback"
        customer = rng.choice(customers)
        if kind == "sale":
            sku = rng.choice([s for s in skus if sold[s] < 3])
            with store.unit(read_only=True) as unit:
                product = unit.catalog.product(sku)
            assert product is not None
            payment = Tendered(Tender.CASH, product.price)
            outcome = store_sale(ctx, sales, lines=[SaleLine(sku, 1)], payments=[payment])
            sold[sku] += 1
            to_return.append((outcome.value.id, sku))
            command, entity_id = outcome.command, outcome.value.id
        elif kind == "return":
            sale_id, sku = to_return.pop(rng.randrange(len(to_return)))
            item = ReturnItem(f"{sale_id}-1", 1, ReturnReason.CHANGED_MIND)
            back = create_return(ctx, sales, sale_id, [item])
            sold[sku] -= 1  # resellable: back on the shelf
            command, entity_id = back.command, back.value.id
        elif kind == "pickup":
            if shelved and (not placed or rng.random() < 0.5):
                order_id = shelved.pop()
                command = release_pickup(ctx, pickup, order_id, verify).command
            elif placed:
                order_id = placed.pop().id
                command = mark_ready(ctx, pickup, order_id, shelf="A-1").command
                shelved.append(order_id)  # released later, in the same lane
            else:
                order_id = ready.pop().id
                command = release_pickup(ctx, pickup, order_id, verify).command
            entity_id = order_id
        elif kind == "note":
            note = add_note(ctx, sales, customer, "Asked about the winter range")
            command, entity_id = note.command, note.value.id
        else:
            score = rng.randint(1, 5)
            fb = record_feedback(ctx, sales, "sale", score, customer_id=customer)
            assert fb.value is not None
            command, entity_id = fb.command, fb.value.id
        ids[command.kind].add(entity_id)
        made.append(command)
        if len(made) % 500 == 0:  # the tablet keeps trying all day
            report = engine.sync_once()
            assert report.error is not None and report.pushed == 0
            assert engine.connectivity is Connectivity.OFFLINE
    queued_s = time.perf_counter() - queued_at
    assert len(made) == COMMANDS
    with store.unit(read_only=True) as unit:
        waiting = unit.outbox.counts()
    assert waiting.pending == COMMANDS and waiting.done == 0, waiting

    with central_process(
        db_url, port, tmp_path / "central.log"
    ):  # central is back, on the same address
        drain_started = time.perf_counter()
        rounds = 0
        while True:
            rounds += 1
            report = engine.sync_once()
            assert report.error is None, report
            with store.unit(read_only=True) as unit:
                counts = unit.outbox.counts()
            if counts.pending == counts.sending == 0 or rounds == 50:
                break
        drain_s = time.perf_counter() - drain_started
    client.close()
    print(
        f"\na day offline: {COMMANDS} commands queued in {queued_s:.1f} s; central back, "
        f"drained in {drain_s:.1f} s ({COMMANDS / drain_s:.0f} commands/s, {rounds} rounds)"
    )
    assert counts.done == COMMANDS and counts.attention == 0, counts

    with Session(central) as session:
        # Every command reached central once, and per lane in the order it was made.
        arrived = session.scalars(
            select(m.IdempotencyRecord.key)
            .where(m.IdempotencyRecord.device_id == live.device_id)
            .order_by(m.IdempotencyRecord.created_at)
        ).all()
        assert sorted(arrived) == sorted(c.id for c in made)
        arrival = {key: n for n, key in enumerate(arrived)}
        lanes: dict[str, list[str]] = defaultdict(list)
        for command in made:
            if command.lane is not None:
                lanes[command.lane].append(command.id)
        assert sum(len(keys) > 1 for keys in lanes.values()) >= SALES_COUNT // 2
        for keys in lanes.values():
            assert [arrival[k] for k in keys] == sorted(arrival[k] for k in keys)

        # Central holds each sale, return, note and feedback once, under the tablet's id.
        def since_morning(model: Any, *where: Any) -> set[str]:
            return set(
                session.scalars(select(model.id).where(model.created_at >= started_at, *where))
            )

        assert since_morning(m.Order, m.Order.channel == "store") == ids["store_sale"]
        assert since_morning(m.Return) == ids["create_return"]
        assert since_morning(m.Interaction, m.Interaction.kind == "note") == ids["add_note"]
        assert since_morning(m.Feedback) == ids["record_feedback"]
        assert len(ids["store_sale"]) == SALES_COUNT
        left = session.scalar(
            select(func.count())
            .select_from(m.Order)
            .where(
                m.Order.pickup_store_id == store_id,
                m.Order.id.in_(ids["mark_ready"] | ids["release_pickup"]),
                m.Order.status.not_in(["collected"]),
            )
        )
        assert left == 0  # every order the desk touched was handed over
    after = on_hand(central, store_id, skus)
    assert {s: before[s] - after[s] for s in skus} == {s: sold[s] for s in skus}
    with store.unit(read_only=True) as unit:
        local = {s: level.on_hand for s in skus if (level := unit.catalog.stock(s))}
    assert local == after
    store.close()
    central.dispose()
