"""The demo seed: deterministic, consistent with the domain rules, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.db import make_engine
from clerk.central.schema import migrate
from clerk.central.seed import DEMO_STAFF, SeedError, SeedSummary, seed_demo
from clerk.domain.entities import Tier
from clerk.domain.holds import PickupHoldPolicy
from clerk.domain.loyalty import points_earned
from clerk.domain.money import Money
from clerk.domain.scan import is_valid_ean13, parse_scan

NOW = datetime(2025, 3, 14, 11, 30, tzinfo=UTC)
SMALL = {"customers": 150, "orders": 1200}


def test_demo_data_is_consistent(central_engine: Engine) -> None:
    """Seeded once per backend (seeding costs seconds); each check is one rule."""
    seeded = (central_engine, seed_demo(central_engine, seed=7, now=NOW, **SMALL))
    check_seeding_twice_is_refused(seeded)
    check_money_adds_up(seeded)
    check_returns_never_exceed_what_was_bought(seeded)
    check_points_follow_the_tier_rules(seeded)
    check_inventory_and_holds(seeded)
    check_catalogue_codes_are_valid(seeded)
    check_demo_store_pickup_board_has_every_state(seeded)
    check_staff_pins_verify_and_showcase_exists(seeded)
    check_slices_and_feed(seeded)


def _snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    tables = (m.Customer, m.Order, m.OrderLine, m.Payment, m.Return, m.Refund, m.Product,
              m.LoyaltyTransaction, m.Inventory, m.Staff, m.Reservation, m.Interaction)  # fmt: skip
    out: dict[str, list[tuple[Any, ...]]] = {}
    with Session(engine) as s:
        for model in tables:
            cols = [c for c in model.__table__.columns if c.name != "id" or model is not m.Payment]
            rows = s.execute(select(*cols).order_by(*model.__table__.primary_key.columns))
            out[model.__tablename__] = [tuple(r) for r in rows]
    return out


def test_same_seed_gives_the_same_data(tmp_path: Any) -> None:
    snaps = []
    for name in ("a", "b"):
        engine = make_engine(f"sqlite:///{tmp_path / name}.db")
        migrate(engine)
        seed_demo(engine, seed=11, now=NOW, feed=False, **SMALL)
        snaps.append(_snapshot(engine))
        engine.dispose()
    assert snaps[0] == snaps[1]
    other = make_engine(f"sqlite:///{tmp_path / 'c'}.db")
    migrate(other)
    seed_demo(other, seed=12, now=NOW, feed=False, **SMALL)
    assert _snapshot(other)["customers"] != snaps[0]["customers"]
    other.dispose()


def check_seeding_twice_is_refused(seeded: tuple[Engine, SeedSummary]) -> None:
    engine, _ = seeded
    with pytest.raises(SeedError):
        seed_demo(engine, now=NOW, **SMALL)


def check_money_adds_up(seeded: tuple[Engine, SeedSummary]) -> None:
    engine, summary = seeded
    with Session(engine) as s:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        line = m.OrderLine
        for oid, qty, price, discount in s.execute(
            select(line.order_id, line.qty, line.unit_price, line.discount)
        ):
            totals[oid] += qty * price - discount
        paid: dict[str, Decimal] = defaultdict(Decimal)
        for oid, amount in s.execute(select(m.Payment.order_id, m.Payment.amount)):
            paid[oid] += amount
        assert len(totals) == summary.counts["orders"]
        assert totals == paid
        # Refunds of a return add up to the return's amount and its lines.
        refunds: dict[str, Decimal] = defaultdict(Decimal)
        for rid, amount in s.execute(select(m.Refund.return_id, m.Refund.amount)):
            refunds[rid] += amount
        lines: dict[str, Decimal] = defaultdict(Decimal)
        for rid, amount in s.execute(select(m.ReturnLine.return_id, m.ReturnLine.amount)):
            lines[rid] += amount
        amounts = {k: v for k, v in s.execute(select(m.Return.id, m.Return.amount))}
        assert amounts and refunds == amounts == lines


def check_returns_never_exceed_what_was_bought(seeded: tuple[Engine, SeedSummary]) -> None:
    engine, _ = seeded
    with Session(engine) as s:
        returned: dict[str, int] = defaultdict(int)
        for line_id, qty in s.execute(select(m.ReturnLine.order_line_id, m.ReturnLine.qty)):
            returned[line_id] += qty
        for line in s.scalars(select(m.OrderLine)):
            assert line.returned_qty == returned.get(line.id, 0)
            assert 0 <= line.returned_qty <= line.qty
            assert line.collected_qty <= line.qty
        for order in s.scalars(select(m.Order)):
            assert 0 <= order.points_reversed <= order.points_earned


def check_points_follow_the_tier_rules(seeded: tuple[Engine, SeedSummary]) -> None:
    engine, _ = seeded
    with Session(engine) as s:
        tiers = {k: v for k, v in s.execute(select(m.Customer.id, m.Customer.tier))}
        paid: dict[str, Decimal] = defaultdict(Decimal)
        for oid, tender, amount in s.execute(
            select(m.Payment.order_id, m.Payment.tender, m.Payment.amount)
        ):
            if tender != "points":
                paid[oid] += amount
        for order in s.scalars(select(m.Order).where(m.Order.customer_id.is_not(None))):
            assert order.customer_id is not None
            tier = Tier(tiers[order.customer_id])
            assert order.points_earned == points_earned(Money(paid[order.id]), tier)
        ledger = {
            cid: total
            for cid, total in s.execute(
                select(
                    m.LoyaltyTransaction.customer_id, func.sum(m.LoyaltyTransaction.points)
                ).group_by(m.LoyaltyTransaction.customer_id)
            )
        }
        for cid, balance in s.execute(select(m.Customer.id, m.Customer.points_balance)):
            assert balance == ledger.get(cid, 0)
            assert balance >= 0
        kinds = set(s.scalars(select(m.LoyaltyTransaction.kind).distinct()))
        assert {"earn", "redeem", "reverse", "bonus"} <= kinds


def check_inventory_and_holds(seeded: tuple[Engine, SeedSummary]) -> None:
    engine, _ = seeded
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.Inventory)) == 5 * 800
        bad = s.scalar(
            select(func.count())
            .select_from(m.Inventory)
            .where((m.Inventory.held < 0) | (m.Inventory.on_hand < m.Inventory.held))
        )
        assert bad == 0
        held = s.scalar(select(func.sum(m.Inventory.held)).where(m.Inventory.store_id == "WAW-01"))
        assert held and held > 0


def check_catalogue_codes_are_valid(seeded: tuple[Engine, SeedSummary]) -> None:
    engine, _ = seeded
    with Session(engine) as s:
        eans = list(s.scalars(select(m.Product.ean)))
        cards = list(s.scalars(select(m.Customer.card_number)))
    assert len(eans) == 800 and all(e.startswith("590") and is_valid_ean13(e) for e in eans)
    assert type(parse_scan(eans[0])).__name__ == "ProductScan"
    assert all(type(parse_scan(c)).__name__ == "LoyaltyCardScan" for c in cards[:20])


def check_demo_store_pickup_board_has_every_state(seeded: tuple[Engine, SeedSummary]) -> None:
    engine, summary = seeded
    hold = PickupHoldPolicy()
    board = summary.pickup_board
    assert set(board) == {
        "placed", "picking", "ready", "ready_expiring", "overdue", "collected_today",
        "partially_collected", "expired", "cancelled",
    }  # fmt: skip
    with Session(engine) as s:
        orders = {
            o.id: o for o in s.scalars(select(m.Order).where(m.Order.pickup_store_id == "WAW-01"))
        }
        expiring = orders[board["ready_expiring"][0]]
        assert expiring.status == "ready" and expiring.hold_until is not None
        assert NOW < expiring.hold_until <= NOW + timedelta(days=2)
        assert hold.urgency(expiring.hold_until, NOW) == "expiring"
        overdue = orders[board["overdue"][0]]
        assert overdue.status == "ready" and overdue.hold_until is not None
        assert overdue.hold_until < NOW
        today = orders[board["collected_today"][0]]
        assert today.collected_at is not None
        assert today.collected_at.astimezone(hold_tz()).date() == NOW.astimezone(hold_tz()).date()
        partial = orders[board["partially_collected"][0]]
        assert partial.status == "partially_collected"
        assert s.scalar(select(m.Return.source).where(m.Return.order_id == partial.id)) == (
            "pickup_refusal"
        )
        for order in orders.values():
            if order.ready_at is not None:
                assert order.created_at < order.ready_at <= NOW
                assert order.hold_until == hold.hold_until(order.ready_at)
            if order.collected_at is not None:
                assert order.ready_at is not None and order.ready_at <= order.collected_at <= NOW
        statuses = {o.status for o in orders.values()}
        assert {"placed", "picking", "ready", "collected", "expired", "cancelled"} <= statuses
        res = set(s.scalars(select(m.Reservation.status).where(m.Reservation.store_id == "WAW-01")))
        assert {"active", "expired"} <= res


def hold_tz() -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Warsaw")


def check_staff_pins_verify_and_showcase_exists(seeded: tuple[Engine, SeedSummary]) -> None:
    engine, summary = seeded
    roles = {s.role for s in DEMO_STAFF if "WAW-01" in s.store_ids and s.active}
    assert roles == {"sales", "pickup", "manager"}
    ph = PasswordHasher()
    with Session(engine) as s:
        hashes = {k: v for k, v in s.execute(select(m.Staff.id, m.Staff.pin_hash))}
        for staff in DEMO_STAFF:
            assert ph.verify(hashes[staff.id], staff.pin)
        show = summary.showcase
        gold = s.get(m.Customer, show.gold_customer_id)
        assert gold is not None and gold.tier == "gold" and gold.home_store_id == "WAW-01"
        n_orders = s.scalar(
            select(func.count()).select_from(m.Order).where(m.Order.customer_id == gold.id)
        )
        assert n_orders is not None and n_orders >= 20
        cart = s.get(m.Cart, show.gold_cart_id)
        assert cart is not None and cart.status == "active" and cart.lines
        ready = s.get(m.Order, show.ready_pickup_order_id)
        assert ready is not None and ready.status == "ready" and ready.pickup_store_id == "WAW-01"
        assert ready.pickup_code == show.ready_pickup_code
        to_return = s.get(m.Order, show.return_order_id)
        assert to_return is not None and to_return.store_id == "WAW-01"
        assert all(line.returned_qty == 0 for line in to_return.lines)


def check_slices_and_feed(seeded: tuple[Engine, SeedSummary]) -> None:
    engine, summary = seeded
    assert summary.slice_customers["WAW-01"] == SMALL["customers"]
    with Session(engine) as s:
        for store, size in summary.slice_customers.items():
            count = s.scalar(
                select(func.count())
                .select_from(m.StoreCustomer)
                .where(m.StoreCustomer.store_id == store)
            )
            assert count == size
            homes = s.scalar(
                select(func.count())
                .select_from(m.Customer)
                .where(m.Customer.home_store_id == store)
            )
            assert homes is not None and size >= homes
        assert s.scalar(select(func.count()).select_from(m.SigningKey)) == 1
        for store, entries in summary.feed_entries.items():
            stored = s.scalar(
                select(func.count()).select_from(m.Change).where(m.Change.store_id == store)
            )
            assert entries > 0 and stored is not None and stored >= 1
        tickets = s.scalar(
            select(func.count())
            .select_from(m.Interaction)
            .where(m.Interaction.kind == "ticket", m.Interaction.thread_id != m.Interaction.id)
        )
        assert tickets is not None and tickets > 0
