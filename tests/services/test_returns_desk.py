"""The return desk's services: finding a purchase here or at central (kept for offline), the
policy's verdict per line, the preview the clerk confirms, card refunds pending until central
pays them, and an exchange sold in the same action — locally and against a live central."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.domain.entities import (
    Fulfilment,
    InventoryLevel,
    OrderStatus,
    Product,
    RefundMethod,
    ReturnCondition,
    Tender,
)
from clerk.domain.entities import ReturnReason as Why
from clerk.domain.errors import DomainError
from clerk.domain.money import Money
from clerk.domain.returns import VerdictCode
from clerk.services import ReturnItem, create_return
from clerk.services.returns import Exchange, exchange_due, preview_return
from clerk.services.returns_desk import (
    OFFLINE_NOT_CACHED,
    ORDER_NOT_FOUND,
    Fetched,
    Purchase,
    find_purchase,
    keep_fetched,
    look_up_purchase,
    read_purchase,
)
from clerk.services.sales import SaleLine, Tendered
from clerk.store.slice import ENTITIES
from tests.central.factories import make_order
from tests.services.test_central_e2e import Online
from tests.services.world import NOW, STORE, Tablet, order, product


@dataclass
class FakeLookup:
    order: dict[str, Any] | None
    returns: list[dict[str, Any]] = field(default_factory=list)
    reached: bool = True


@dataclass
class FakeDirectory:
    """Central as the desk sees it: answers one lookup, counts the questions."""

    answer: FakeLookup
    asked: list[dict[str, str | None]] = field(default_factory=list)

    def lookup_order(self, *, order_id: str | None = None, number: str | None = None) -> FakeLookup:
        self.asked.append({"order_id": order_id, "number": number})
        return self.answer


def _sale(tablet: Tablet, sku: str = "SHIRT-M", days_ago: int = 3, **kw: Any) -> str:
    return order(
        tablet,
        [(sku, 2)],
        status=OrderStatus.COMPLETED,
        fulfilment=Fulfilment.CARRY_OUT,
        created_at=NOW - timedelta(days=days_ago),
        **kw,
    ).id


def test_a_purchase_on_the_tablet_is_found_by_id_or_number_with_its_verdicts(
    tablet: Tablet,
) -> None:
    fresh = _sale(tablet, payments=[(Tender.CASH, "259.98")])
    late = _sale(tablet, days_ago=31, payments=[(Tender.CASH, "259.98")])
    final = order(
        tablet,
        [("SALE-1", 1)],
        status=OrderStatus.COMPLETED,
        fulfilment=Fulfilment.CARRY_OUT,
        payments=[(Tender.CASH, "59.00")],
    )
    directory = FakeDirectory(FakeLookup(None))
    found = find_purchase(tablet.ctx, directory, order_id=fresh)
    assert found.source == "tablet" and not directory.asked  # the tablet answers first
    [line] = found.lines
    assert (line.bought, line.already_returned, line.returnable) == (2, 0, 2)
    assert line.verdict.code == VerdictCode.IN_WINDOW
    assert line.verdict.window_ends == NOW - timedelta(days=3) + timedelta(days=30)
    by_number = find_purchase(tablet.ctx, directory, number=f"  {found.order.number.lower()} ")
    assert by_number.order.id == fresh
    assert read_purchase(tablet.ctx, late).lines[0].verdict.code == VerdictCode.WINDOW_PASSED
    assert read_purchase(tablet.ctx, final.id).lines[0].verdict.code == VerdictCode.FINAL_SALE


def test_replacements_are_the_other_sizes_in_stock_here(tablet: Tablet) -> None:
    for sku, size, on_hand in (("SHIRT-L", "L", 2), ("SHIRT-S", "S", 0)):
        tablet.put(
            "product", Product.from_dict({**product("SHIRT-M").to_dict(), "sku": sku, "size": size})
        )
        tablet.put("inventory", InventoryLevel(STORE, sku, on_hand=on_hand))
    found = read_purchase(tablet.ctx, _sale(tablet, payments=[(Tender.CASH, "259.98")]))
    assert [(r.product.sku, r.available) for r in found.lines[0].replacements] == [("SHIRT-L", 2)]


def test_an_order_elsewhere_is_fetched_kept_and_returnable_offline_after(tablet: Tablet) -> None:
    # A web order delivered to the customer, never in this store's slice.
    elsewhere = order(
        tablet,
        [("JEANS-32", 1)],
        status=OrderStatus.DELIVERED,
        fulfilment=Fulfilment.SHIP,
        payments=[(Tender.ONLINE, "249.00")],
    )
    data = elsewhere.to_dict() | {"delivered_at": (NOW - timedelta(days=2)).isoformat()}
    with tablet.store.unit() as unit:  # central has it; the tablet does not
        unit.cache.apply_changes([{"entity": "order", "id": elsewhere.id, "op": "delete"}])
    directory = FakeDirectory(FakeLookup(data, []))
    found = find_purchase(tablet.ctx, directory, number=elsewhere.number)
    assert found.source == "central" and found.lines[0].returnable == 1
    assert directory.asked == [{"order_id": None, "number": elsewhere.number}]
    # Kept: the next look (offline, no directory at all) finds it on the tablet.
    again = find_purchase(tablet.ctx, None, order_id=elsewhere.id)
    assert again.source == "tablet"
    with tablet.store.engine.connect() as conn:
        table = ENTITIES["order"].table
        origin = conn.execute(select(table.c.origin).where(table.c.id == elsewhere.id)).scalar()
    assert origin == "fetched"  # purged after the retention unless used again
    done = create_return(
        tablet.ctx,
        tablet.actor("anna"),
        elsewhere.id,
        [ReturnItem(f"{elsewhere.id}-1", 1, Why.TOO_BIG)],
    )
    assert done.value.refunds[0].tender == Tender.ONLINE


def test_looking_up_only_reads_and_keeping_is_the_one_write(tablet: Tablet) -> None:
    """The two halves the UI runs apart: the look-up on a reader (the tablet, then central),
    keeping what central sent on the writer."""
    elsewhere = order(
        tablet,
        [("JEANS-32", 1)],
        status=OrderStatus.DELIVERED,
        fulfilment=Fulfilment.SHIP,
        payments=[(Tender.ONLINE, "249.00")],
    )
    data = elsewhere.to_dict() | {"delivered_at": (NOW - timedelta(days=2)).isoformat()}
    with tablet.store.unit() as unit:
        unit.cache.apply_changes([{"entity": "order", "id": elsewhere.id, "op": "delete"}])
    directory = FakeDirectory(FakeLookup(data, []))
    fetched = look_up_purchase(tablet.ctx, directory, order_id=elsewhere.id)
    assert isinstance(fetched, Fetched) and fetched.order["id"] == elsewhere.id
    assert tablet.get("order", elsewhere.id) is None  # nothing written yet
    kept = keep_fetched(tablet.ctx, fetched)
    assert kept.source == "central" and kept.order.id == elsewhere.id
    assert tablet.get("order", elsewhere.id) is not None
    # On the tablet now: the look-up answers from it, without asking central again.
    again = look_up_purchase(tablet.ctx, None, order_id=elsewhere.id)
    assert isinstance(again, Purchase) and again.source == "tablet"


def test_offline_and_not_on_the_tablet_says_so_and_unknown_orders_are_unknown(
    tablet: Tablet,
) -> None:
    with pytest.raises(DomainError) as offline:
        find_purchase(
            tablet.ctx, FakeDirectory(FakeLookup(None, reached=False)), number="W26-1234567"
        )
    assert offline.value.code == OFFLINE_NOT_CACHED
    assert "central cannot be reached" in offline.value.message
    with pytest.raises(DomainError) as no_central:
        find_purchase(tablet.ctx, None, order_id="ord-nowhere")
    assert no_central.value.code == OFFLINE_NOT_CACHED
    with pytest.raises(DomainError) as unknown:
        find_purchase(
            tablet.ctx, FakeDirectory(FakeLookup(None, reached=True)), number="W26-1234567"
        )
    assert unknown.value.code == ORDER_NOT_FOUND


def test_the_preview_is_what_confirming_books(tablet: Tablet) -> None:
    order_id = _sale(
        tablet, payments=[(Tender.CARD, "159.98"), (Tender.POINTS, "100.00")], points_earned=238
    )
    items = [ReturnItem(f"{order_id}-1", 1, Why.TOO_SMALL)]
    preview = preview_return(tablet.ctx, order_id, items)
    assert tablet.commands() == []  # the preview writes nothing
    done = create_return(tablet.ctx, tablet.actor("anna"), order_id, items)
    assert done.value.refunds == preview.refunds
    assert done.value.points_reversed == preview.points_to_reverse == 119
    assert str(preview.amount.amount) == "129.99"


def test_card_and_online_refunds_are_pending_until_central_cash_is_done_here(
    tablet: Tablet,
) -> None:
    order_id = _sale(tablet, payments=[(Tender.CARD, "159.98"), (Tender.CASH, "100.00")])
    done = create_return(
        tablet.ctx, tablet.actor("anna"), order_id, [ReturnItem(f"{order_id}-1", 2, Why.OTHER)]
    )
    assert {(r.tender, r.status) for r in done.value.refunds} == {
        (Tender.CARD, "pending"),
        (Tender.CASH, "issued"),
    }
    assert done.value.status == "refund_pending"
    cash_only = _sale(tablet, payments=[(Tender.CASH, "259.98")])
    plain = create_return(
        tablet.ctx, tablet.actor("anna"), cash_only, [ReturnItem(f"{cash_only}-1", 1, Why.OTHER)]
    )
    assert plain.value.status == "completed"


def _variant(tablet: Tablet, sku: str, price: str, on_hand: int = 3) -> None:
    data = product("SHIRT-M").to_dict() | {"sku": sku, "size": sku[6:], "price": price}
    tablet.put("product", Product.from_dict(data))
    tablet.put("inventory", InventoryLevel(STORE, sku, on_hand=on_hand))


def test_an_exchange_is_one_action_one_command_the_difference_paid(tablet: Tablet) -> None:
    _variant(tablet, "SHIRT-XL", "139.99")
    order_id = _sale(tablet, payments=[(Tender.CARD, "259.98")])
    items = [ReturnItem(f"{order_id}-1", 1, Why.TOO_SMALL, ReturnCondition.RESELLABLE)]
    pay, credit = exchange_due(Money.of("129.99"), Money.of("139.99"))
    assert (str(pay.amount), credit.is_zero()) == ("10.00", True)
    exchange = Exchange([SaleLine("SHIRT-XL", 1)], [Tendered(Tender.CASH, pay)], "exch-00000001")
    done = create_return(
        tablet.ctx,
        tablet.actor("anna"),
        order_id,
        items,
        refund_method=RefundMethod.EXCHANGE,
        exchange=exchange,
    )
    assert [(r.tender, r.reference, r.status) for r in done.value.refunds] == [
        (Tender.STORE_CREDIT, "exchange", "issued")
    ]
    assert done.command.body["exchange"] == {
        "id": "exch-00000001",
        "lines": [{"sku": "SHIRT-XL", "qty": 1}],
        "payments": [{"tender": "cash", "amount": "10.00"}],
    }
    sale = tablet.get("order", "exch-00000001")
    assert sale is not None and sale["customer_id"] == "cust-gold"
    assert [(p["tender"], p["amount"]) for p in sale["payments"]] == [
        ("store_credit", "129.99"),
        ("cash", "10.00"),
    ]
    assert tablet.stock("SHIRT-XL") == (2, 0) and tablet.stock("SHIRT-M") == (21, 0)
    assert len(tablet.commands()) == 1
    assert ("order", "exch-00000001") in done.command.touches


def test_an_exchange_needs_the_same_product_paid_in_full(tablet: Tablet) -> None:
    _variant(tablet, "SHIRT-XL", "139.99")
    order_id = _sale(tablet, payments=[(Tender.CARD, "259.98")])
    items = [ReturnItem(f"{order_id}-1", 1, Why.TOO_SMALL)]
    anna = tablet.actor("anna")
    cases = [
        (Exchange([SaleLine("JEANS-32", 1)]), "exchange_other_product"),
        (Exchange([SaleLine("SHIRT-XL", 1)]), "payments_do_not_match_total"),
        (None, "exchange_needs_goods"),
    ]
    for exchange, code in cases:
        with pytest.raises(DomainError) as refused:
            create_return(
                tablet.ctx,
                anna,
                order_id,
                items,
                refund_method=RefundMethod.EXCHANGE,
                exchange=exchange,
            )
        assert refused.value.code == code
    assert tablet.commands() == [] and tablet.stock("SHIRT-M") == (20, 0)


# -- against a live central ---------------------------------------------------------------------


def _web_order_elsewhere(online: Online) -> tuple[str, str, str]:
    """A web order central has and this tablet does not: a customer of another store, shipped
    and delivered three days ago, paid by card: (order id, number, line id)."""
    now = datetime.now(UTC)
    with Session(online.central) as session:
        customer = session.scalars(
            select(m.Customer).where(m.Customer.home_store_id != STORE).limit(1)
        ).one()
        sku, price = session.execute(
            select(m.Product.sku, m.Product.price)
            .where(m.Product.final_sale.is_(False), m.Product.age_restricted.is_(False))
            .order_by(m.Product.sku)
            .limit(1)
        ).one()
        made = make_order(
            session,
            lines=[(sku, 2, str(price))],
            payments=[("card", str(price * 2))],
            customer=customer,
            fulfilment="ship",
            status="delivered",
            created_at=now - timedelta(days=6),
            delivered_at=now - timedelta(days=3),
        )
        session.commit()
        return made.id, made.number, made.lines[0].id


def test_an_order_of_another_channel_is_fetched_returned_and_booked_by_central(
    online: Online,
) -> None:
    order_id, number, line_id = _web_order_elsewhere(online)
    found = find_purchase(online.ctx, online.engine, number=number)
    assert found.source == "central" and found.order.id == order_id
    anna = next(s.id for s in _staff(online) if s.role == "sales")
    done = create_return(
        online.ctx, online.ctx.actor(anna), order_id, [ReturnItem(line_id, 1, Why.TOO_BIG)]
    )
    local = done.value
    online.sync()
    booked = online.local("return", local.id)
    assert booked["status"] == "completed"  # central paid the card/online part out
    assert all(r["status"] == "issued" for r in booked["refunds"])
    assert [r["amount"] for r in booked["refunds"]] == [str(r.amount.amount) for r in local.refunds]
    with Session(online.central) as session:
        row = session.get(m.Return, local.id)
        assert row is not None and row.order_id == order_id
        notes = session.scalars(
            select(m.Notification.template).where(m.Notification.order_id == order_id)
        ).all()
        assert "refund_issued" in notes


def _staff(online: Online) -> list[Any]:
    with online.ctx.store.unit(read_only=True) as unit:
        return list(unit.staff.active_for_store(STORE))


def test_an_exchange_through_central_books_the_sale_and_the_tablet_gets_its_number(
    online: Online,
) -> None:
    now = datetime.now(UTC)
    with Session(online.central) as session:
        customer = session.scalars(
            select(m.Customer).where(m.Customer.home_store_id != STORE).limit(1)
        ).one()
        products = session.scalars(
            select(m.Product).where(
                m.Product.final_sale.is_(False), m.Product.age_restricted.is_(False)
            )
        ).all()
        stock = {
            row.sku: row.on_hand - row.held
            for row in session.scalars(select(m.Inventory).where(m.Inventory.store_id == STORE))
        }
        by_style: dict[str, list[m.Product]] = {}
        for item in products:
            by_style.setdefault(item.style, []).append(item)
        bought, other = next(
            (a, b)
            for group in by_style.values()
            for a in group
            for b in group
            if a.sku != b.sku and stock.get(b.sku, 0) >= 2
        )
        made = make_order(
            session,
            lines=[(bought.sku, 1, str(bought.price))],
            payments=[("online", str(bought.price))],
            customer=customer,
            fulfilment="ship",
            status="delivered",
            created_at=now - timedelta(days=6),
            delivered_at=now - timedelta(days=3),
        )
        session.commit()
        order_id, line_id = made.id, made.lines[0].id
        bought_price, other_price, other_sku = bought.price, other.price, other.sku
        customer_id = customer.id
    find_purchase(online.ctx, online.engine, order_id=order_id)
    pay, _credit = exchange_due(Money(bought_price), Money(other_price))
    exchange = Exchange(
        [SaleLine(other_sku, 1)], [Tendered(Tender.CARD, pay)] if not pay.is_zero() else []
    )
    anna = next(s.id for s in _staff(online) if s.role == "sales")
    done = create_return(
        online.ctx,
        online.ctx.actor(anna),
        order_id,
        [ReturnItem(line_id, 1, Why.TOO_SMALL)],
        refund_method=RefundMethod.EXCHANGE,
        exchange=exchange,
    )
    sale_id = str(done.command.body["exchange"]["id"])
    assert online.local("order", sale_id)["number"] == ""  # central numbers it
    online.sync()
    sale = online.local("order", sale_id)
    assert sale["number"] and sale["lines"][0]["sku"] == other_sku
    assert sale["payments"][0]["tender"] == "store_credit"
    with Session(online.central) as session:
        booked = session.get(m.Order, sale_id)
        assert booked is not None and booked.customer_id == customer_id
        ret = session.get(m.Return, done.value.id)
        assert ret is not None and ret.refund_method == "exchange"


def test_a_cheaper_exchange_through_central_refunds_the_rest_as_the_tablet_said(
    online: Online,
) -> None:
    """The tablet and central settle an exchange the same way: the replacement paid from the
    value returned, the rest back to the original card and cash in proportion."""
    now = datetime.now(UTC)
    with Session(online.central) as session:
        customer = session.scalars(
            select(m.Customer).where(m.Customer.home_store_id != STORE).limit(1)
        ).one()
        stock = {
            row.sku: row.on_hand - row.held
            for row in session.scalars(select(m.Inventory).where(m.Inventory.store_id == STORE))
        }
        products = session.scalars(
            select(m.Product).where(
                m.Product.final_sale.is_(False), m.Product.age_restricted.is_(False)
            )
        ).all()
        bought, other = next(
            (a, b)
            for a in products
            for b in products
            if a.style == b.style and a.sku != b.sku and stock.get(b.sku, 0) >= 2
        )
        paid = Money(other.price) + Money.of("50.00")  # bought dearer than the replacement
        card = Money.of("20.00")
        made = make_order(
            session,
            lines=[(bought.sku, 1, str(paid.amount))],
            payments=[("card", str(card.amount)), ("cash", str((paid - card).amount))],
            customer=customer,
            fulfilment="ship",
            status="delivered",
            created_at=now - timedelta(days=6),
            delivered_at=now - timedelta(days=3),
        )
        session.commit()
        order_id, line_id, other_sku = made.id, made.lines[0].id, other.sku
        price = str(Money(other.price).amount)
    find_purchase(online.ctx, online.engine, order_id=order_id)
    anna = next(s.id for s in _staff(online) if s.role == "sales")
    items = [ReturnItem(line_id, 1, Why.TOO_SMALL)]
    exchange = Exchange([SaleLine(other_sku, 1)])
    preview = preview_return(
        online.ctx,
        order_id,
        items,
        refund_method=RefundMethod.EXCHANGE,
        replacement=exchange.lines,
    )
    done = create_return(
        online.ctx,
        online.ctx.actor(anna),
        order_id,
        items,
        refund_method=RefundMethod.EXCHANGE,
        exchange=exchange,
    )
    told = [(str(r.tender), str(r.amount.amount), r.reference) for r in done.value.refunds]
    assert told == [(str(r.tender), str(r.amount.amount), r.reference) for r in preview.refunds]
    assert told[0] == ("store_credit", price, "exchange")
    assert sum(Decimal(amount) for _t, amount, _r in told[1:]) == Decimal("50.00")
    assert {t for t, _a, _r in told[1:]} == {"card", "cash"}
    online.sync()
    booked = online.local("return", done.value.id)  # central's answer replaced the tablet's
    assert [(r["tender"], r["amount"], r["reference"]) for r in booked["refunds"]] == told
    with Session(online.central) as session:
        row = session.get(m.Return, done.value.id)
        assert row is not None
    sale = online.local("order", str(done.command.body["exchange"]["id"]))
    assert [(p["tender"], p["amount"]) for p in sale["payments"]] == [("store_credit", price)]
