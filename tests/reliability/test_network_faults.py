"""500 commands through a faulty network arrive at central exactly once each; none is lost.

A fault-injecting proxy sits between the tablet and the real central service. At random it
hangs up without forwarding, answers only after the client's read timeout, forwards a request
and then cuts the connection so the answer is lost (central has committed), or answers 502. The
tablet queues notes, feedback and store sales (each sale takes one unit of stock from a few
shared SKUs), then syncs until its outbox is empty. Central must then hold every command once —
no sale twice (stock and order count), no note missing — and nothing this tablet did not queue.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from clerk.central import models as m
from clerk.domain.entities import Tender
from clerk.services import (
    SaleLine,
    ServiceContext,
    SystemClock,
    Tendered,
    add_note,
    record_feedback,
    store_sale,
)
from clerk.store import LocalStore
from clerk.sync.engine import SyncEngine
from tests.reliability.central_view import on_hand, sellable_skus
from tests.support.faults import FaultProxy, Seen
from tests.sync.conftest import LiveCentral
from tests.sync.rig import sync_directly

SALES = "STF-WAW01-01"
COMMANDS = 500
NOTES, FEEDBACK = 250, 150
SALES_COUNT = COMMANDS - NOTES - FEEDBACK

# What the network does to a request (see tests.support.faults): about one in three goes wrong.
# "hangup": never reaches central; "drop": central commits, the answer is lost; "late": the
# answer comes after the client's read timeout; "502": the gateway fails.
FAULTS = [("pass", 0.64), ("hangup", 0.08), ("late", 0.04), ("drop", 0.14), ("502", 0.10)]


@pytest.mark.timeout(600)
def test_500_commands_through_a_faulty_network_arrive_exactly_once(
    local_store: LocalStore, central: LiveCentral
) -> None:
    rng = random.Random(20261128)
    faults, weights = zip(*FAULTS, strict=True)

    def plan(seen: Seen) -> str:
        return rng.choices(faults, weights)[0]

    started_at = datetime.now(UTC)
    sync_directly(local_store, central)  # the slice, before the network turns bad
    proxy = FaultProxy(central.url, plan, late_delay=0.4)
    with proxy.running() as url:
        # A short read timeout, so a delayed request times out on the client while central
        # still commits it; retries do not really sleep.
        client = central.client(url, read_timeout=0.25, retries=3)
        engine = SyncEngine(local_store, client, central.store_id, clock=SystemClock())
        ctx = ServiceContext(local_store, central.device_id, central.store_id, SystemClock())
        actor = ctx.actor(SALES)
        with local_store.unit(read_only=True) as unit:
            customers = [c.id for c in unit.customers.page(limit=60)]
        assert len(customers) >= 20
        skus = sellable_skus(central.engine, central.store_id, units=8, count=40)
        before = on_hand(central.engine, central.store_id, skus)

        kinds = ["note"] * NOTES + ["feedback"] * FEEDBACK + ["sale"] * SALES_COUNT
        rng.shuffle(kinds)
        queued: dict[str, set[str]] = {"note": set(), "feedback": set(), "sale": set()}
        sold: Counter[str] = Counter()
        for number, kind in enumerate(kinds):
            customer = rng.choice(customers)
            if kind == "note":
                outcome = add_note(ctx, actor, customer, f"Note {number} through a bad network")
                queued["note"].add(outcome.value.id)
            elif kind == "feedback":
                score = rng.randint(1, 5)
                fb = record_feedback(ctx, actor, "sale", score, customer_id=customer)
                assert fb.value is not None
                queued["feedback"].add(fb.value.id)
            else:
                # A few units of each SKU, so sales of the same stock interleave.
                sku = rng.choice([s for s in skus if sold[s] < 5])
                with local_store.unit(read_only=True) as unit:
                    product = unit.catalog.product(sku)
                assert product is not None
                sale = store_sale(
                    ctx,
                    actor,
                    lines=[SaleLine(sku, 1)],
                    payments=[Tendered(Tender.CARD, product.price)],
                )
                queued["sale"].add(sale.value.id)
                sold[sku] += 1
            if number % 25 == 24:  # the tablet syncs now and then while the clerk works
                engine.sync_once()

        drain_started = time.perf_counter()
        for _ in range(400):
            engine.sync_once()
            with local_store.unit(read_only=True) as unit:
                counts = unit.outbox.counts()
            if counts.pending == counts.sending == 0:
                break
        drain_s = time.perf_counter() - drain_started
        client.close()
        exercised = Counter(fate for _seen, fate in proxy.seen)

    # Every fault really happened, many times.
    for fault, _weight in FAULTS:
        assert exercised[fault] >= 10, exercised
    # The outbox is empty: every command done, none refused, none waiting.
    assert counts.done == COMMANDS and counts.attention == 0 and counts.pending == 0, counts

    with central.session() as session:
        # Each note and feedback once, under the tablet's id, and nothing else from this clerk.
        notes = session.scalars(
            select(m.Interaction.id).where(
                m.Interaction.staff_id == SALES,
                m.Interaction.kind == "note",
                m.Interaction.created_at >= started_at,
            )
        ).all()
        assert sorted(notes) == sorted(queued["note"])
        feedback = session.scalars(
            select(m.Feedback.id).where(
                m.Feedback.staff_id == SALES, m.Feedback.created_at >= started_at
            )
        ).all()
        assert sorted(feedback) == sorted(queued["feedback"])
        # Each sale once: the orders under the tablet's ids, and the stock taken once per unit.
        sales = session.scalars(
            select(m.Order.id).where(m.Order.channel == "store", m.Order.id.in_(queued["sale"]))
        ).all()
        assert sorted(sales) == sorted(queued["sale"])
        store_orders = session.scalar(
            select(func.count())
            .select_from(m.Order)
            .where(m.Order.channel == "store", m.Order.created_at >= started_at)
        )
        assert store_orders == SALES_COUNT
    after = on_hand(central.engine, central.store_id, skus)
    assert {sku: before[sku] - after[sku] for sku in skus} == {sku: sold[sku] for sku in skus}

    # Once the network is healthy, the tablet shows central's truth: its stock is central's.
    sync_directly(local_store, central)
    with local_store.unit(read_only=True) as unit:
        local = {}
        for sku in skus:
            level = unit.catalog.stock(sku)
            assert level is not None
            local[sku] = level.on_hand
    assert local == after
    print(f"\n500 commands through faults {dict(exercised)}: drained in {drain_s:.1f} s")
