"""Entities: JSON-safe to_dict/from_dict roundtrips, helpers, aware datetimes only."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from clerk.domain.entities import (
    Cart,
    CartLine,
    Channel,
    ContactChannel,
    Customer,
    Fulfilment,
    Interaction,
    InteractionKind,
    InventoryLevel,
    LoyaltyKind,
    LoyaltyTransaction,
    Order,
    OrderLine,
    Payment,
    PickupDetails,
    Product,
    Refund,
    RefundMethod,
    Reservation,
    ReservationStatus,
    Return,
    ReturnCondition,
    ReturnLine,
    ReturnReason,
    Role,
    Staff,
    Store,
    Tender,
    Tier,
)
from clerk.domain.money import Money

from .factories import T0, line, order

WARSAW_SUMMER = timezone(timedelta(hours=2))


def _samples() -> list[Any]:
    return [
        Store(id="WAW-01", name="Warszawa Złote Tarasy", city="Warszawa"),
        Staff(id="s1", name="Anna", role=Role.MANAGER, store_ids=["WAW-01"], pin_hash="x"),
        Customer(
            id="c1",
            first_name="Łucja",
            last_name="Żółć",
            email="l@example.pl",
            phone="+48 600 100 200",
            card_number="2990000000015",
            tier=Tier.GOLD,
            points_balance=1234,
            preferred_channel=ContactChannel.SMS,
            preferences={"sizes": ["M", "38"], "categories": ["shoes"]},
            consents={"marketing_email": True, "marketing_sms": False, "profiling": False},
            home_store_id=None,
            created_at=T0,
            version=3,
        ),
        Product(
            sku="SKU1",
            ean="5901234123457",
            name="Trampki",
            brand="B",
            category="shoes",
            size="42",
            colour="white",
            style="TR-1",
            price=Money.of("249.99"),
            vat_rate=Decimal("0.23"),
            final_sale=True,
            age_restricted=False,
        ),
        InventoryLevel(store_id="WAW-01", sku="SKU1", on_hand=5, held=2),
        Cart(id="cart1", customer_id="c1", lines=[CartLine("SKU1", 2)], updated_at=T0),
        Return(
            id="r1",
            order_id="o1",
            store_id="WAW-01",
            staff_id="s1",
            created_at=T0,
            lines=[
                ReturnLine(
                    "l1", 1, ReturnReason.TOO_BIG, ReturnCondition.RESELLABLE, Money.of("10.00")
                )
            ],
            refund_method=RefundMethod.ORIGINAL,
            refunds=[
                Refund(Tender.CARD, Money.of("8.00")),
                Refund(Tender.POINTS, Money.of("2.00"), points=40, status="pending"),
            ],
            points_reversed=8,
            override_manager_id="s2",
            override_reason="goodwill",
            source="pickup_refusal",
            status="refund_pending",
        ),
        Reservation(
            id="res1",
            customer_id="c1",
            store_id="WAW-01",
            status=ReservationStatus.ACTIVE,
            created_at=T0,
            hold_until=T0 + timedelta(hours=48),
            lines=[CartLine("SKU1", 1)],
        ),
        LoyaltyTransaction(
            id="lt1",
            customer_id="c1",
            kind=LoyaltyKind.REVERSE,
            points=-12,
            order_id="o1",
            return_id="r1",
            channel=Channel.STORE,
            store_id="WAW-01",
            created_at=T0,
            note="return",
        ),
        Interaction(
            id="i1",
            customer_id="c1",
            kind=InteractionKind.TICKET,
            channel=Channel.PHONE,
            subject="Gdzie paczka?",
            body="…",
            thread_id=None,
            status="open",
            staff_id=None,
            store_id=None,
            created_at=T0,
        ),
        order(
            [line("l1", 2, "10.00", "1.00", collected_qty=2), line("l2", 1, "5.00")],
            [(Tender.CARD, "20.00"), (Tender.POINTS, "4.00")],
            fulfilment=Fulfilment.PICKUP,
            collected_at=T0 + timedelta(days=1),
        ),
    ]


@pytest.mark.parametrize("entity", _samples(), ids=lambda e: type(e).__name__)
def test_roundtrip_through_json(entity: Any) -> None:
    data = entity.to_dict()
    text = json.dumps(data)  # JSON-safe: no Decimal, datetime or enum objects left
    again = type(entity).from_dict(json.loads(text))
    assert again == entity
    assert again.to_dict() == data


def test_wire_format_of_money_datetimes_and_enums() -> None:
    o = order([line("l1", 1, "12.3")], delivered_at=datetime(2026, 3, 2, 12, tzinfo=WARSAW_SUMMER))
    data = o.to_dict()
    assert data["lines"][0]["unit_price"] == "12.30"
    assert data["lines"][0]["discount"] == "0.00"
    assert data["created_at"] == "2026-03-01T10:00:00+00:00"
    assert data["delivered_at"] == "2026-03-02T10:00:00+00:00"  # normalised to UTC
    assert data["channel"] == "store"
    assert data["payments"][0] == {"tender": "card", "amount": "12.30", "reference": "ref-card"}


def test_product_vat_rate_is_a_decimal_string() -> None:
    product = _samples()[3]
    assert product.to_dict()["vat_rate"] == "0.23"


def test_from_dict_refuses_naive_datetimes_and_missing_fields() -> None:
    data = _samples()[0].to_dict()
    del data["name"]
    with pytest.raises(ValueError, match="name"):
        Store.from_dict(data)
    res = _samples()[7].to_dict()
    res["created_at"] = "2026-03-01T10:00:00"
    with pytest.raises(ValueError, match="aware"):
        Reservation.from_dict(res)


def test_from_dict_refuses_wrong_types() -> None:
    data = InventoryLevel("WAW-01", "S", 1, 0).to_dict()
    with pytest.raises(ValueError):
        InventoryLevel.from_dict({**data, "on_hand": "1"})
    with pytest.raises(ValueError):
        InventoryLevel.from_dict({**data, "on_hand": True})
    product = _samples()[3].to_dict()
    with pytest.raises(ValueError):
        Product.from_dict({**product, "price": "NaN"})
    with pytest.raises(ValueError):
        Product.from_dict({**product, "price": 1.5})
    with pytest.raises(ValueError):
        Product.from_dict({**product, "final_sale": "yes"})


def test_from_dict_ignores_unknown_keys_and_fills_defaults() -> None:
    store = Store.from_dict({"id": "KRK-01", "name": "Kraków", "city": "Kraków", "new": 1})
    assert store.pickup_hold_days == 7
    assert store.reservation_hold_hours == 48
    assert store.timezone == "Europe/Warsaw"


def test_naive_datetime_refused_at_construction() -> None:
    with pytest.raises(ValueError, match="aware"):
        Cart(id="c", customer_id="c1", lines=[], updated_at=datetime(2026, 1, 1))


def test_enum_values_are_lowercase_strings() -> None:
    assert Tender.STORE_CREDIT == "store_credit"
    assert Fulfilment.CARRY_OUT == "carry_out"
    assert [s.value for s in ReservationStatus] == ["active", "collected", "cancelled", "expired"]


def test_order_line_total_and_inventory_available() -> None:
    assert line("l1", 3, "19.99", "5.00").total == Money.of("54.97")
    assert InventoryLevel("WAW-01", "S", on_hand=5, held=2).available == 3


def test_order_totals_and_paid_by_tender() -> None:
    o = order(
        [line("l1", 2, "10.00"), line("l2", 1, "5.50", "0.50")],
        [(Tender.CARD, "10.00"), (Tender.POINTS, "5.00"), (Tender.CARD, "10.00")],
    )
    assert o.total == Money.of("25.00")
    assert o.paid_total == Money.of("25.00")
    paid = o.paid_by_tender()
    assert paid == {Tender.CARD: Money.of("20.00"), Tender.POINTS: Money.of("5.00")}
    assert list(paid) == [Tender.CARD, Tender.POINTS]
    assert o.line("l2") is o.lines[1]
    assert o.line("nope") is None


def test_return_window_start() -> None:
    lines = [line()]
    assert order(lines).return_window_start == T0
    collected = T0 + timedelta(days=3)
    assert order(lines, fulfilment=Fulfilment.PICKUP).return_window_start is None
    picked = order(lines, fulfilment=Fulfilment.PICKUP, collected_at=collected)
    assert picked.return_window_start == collected
    assert order(lines, fulfilment=Fulfilment.SHIP).return_window_start is None
    shipped = order(lines, fulfilment=Fulfilment.SHIP, delivered_at=collected)
    assert shipped.return_window_start == collected


def test_fully_returned() -> None:
    assert not order([line("l1", 2, returned_qty=1)]).fully_returned
    assert order([line("l1", 2, returned_qty=1, short_qty=1)]).fully_returned


def test_return_amount_and_customer_name() -> None:
    ret = _samples()[6]
    assert ret.amount == Money.of("10.00")
    assert _samples()[2].full_name == "Łucja Żółć"


def test_pickup_details_verification_is_free_form() -> None:
    details = PickupDetails(
        pickup_code="1", verification={"method": "token", "checked": ["id", "code"]}
    )
    assert PickupDetails.from_dict(json.loads(json.dumps(details.to_dict()))) == details


def test_payment_reference_optional() -> None:
    assert Payment.from_dict({"tender": "cash", "amount": "1.00"}).reference is None


def test_date_fields_encode_iso() -> None:
    from clerk.domain._codec import decode, encode

    assert encode(date(2026, 1, 2)) == "2026-01-02"
    assert decode(date, "2026-01-02") == date(2026, 1, 2)
    assert decode(datetime, "2026-01-02T03:04:05Z") == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_order_line_defaults() -> None:
    plain = OrderLine(id="x", line_no=1, sku="s", name="n", qty=1, unit_price=Money.of(1))
    assert plain.discount == Money.zero()
    assert OrderLine.from_dict(plain.to_dict()) == plain


def test_orders_compare_by_value() -> None:
    assert Order.from_dict(_samples()[-1].to_dict()) == _samples()[-1]
