"""Small builders of domain entities for the domain tests."""

from __future__ import annotations

from datetime import UTC, datetime

from clerk.domain.entities import (
    Channel,
    Fulfilment,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PickupDetails,
    Tender,
)
from clerk.domain.money import Money

T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def line(
    line_id: str = "l1",
    qty: int = 1,
    unit_price: str = "100.00",
    discount: str = "0.00",
    *,
    collected_qty: int = 0,
    returned_qty: int = 0,
    short_qty: int = 0,
    sku: str | None = None,
) -> OrderLine:
    """An order line with sensible defaults."""
    return OrderLine(
        id=line_id,
        line_no=int(line_id[1:]) if line_id[1:].isdigit() else 1,
        sku=sku or f"SKU-{line_id}",
        name=f"Item {line_id}",
        qty=qty,
        unit_price=Money.of(unit_price),
        discount=Money.of(discount),
        collected_qty=collected_qty,
        returned_qty=returned_qty,
        short_qty=short_qty,
    )


def order(
    lines: list[OrderLine],
    payments: list[tuple[Tender, str]] | None = None,
    *,
    fulfilment: Fulfilment = Fulfilment.CARRY_OUT,
    created_at: datetime = T0,
    collected_at: datetime | None = None,
    delivered_at: datetime | None = None,
    points_earned: int = 0,
    points_reversed: int = 0,
) -> Order:
    """An order; paid in full by card unless ``payments`` says otherwise."""
    total = sum((ln.total for ln in lines), Money.zero())
    pays = payments if payments is not None else [(Tender.CARD, str(total))]
    pickup = None
    if fulfilment == Fulfilment.PICKUP:
        pickup = PickupDetails(pickup_code="123456", ready_at=created_at, collected_at=collected_at)
    return Order(
        id="o1",
        number="WAW-0001",
        channel=Channel.STORE if fulfilment == Fulfilment.CARRY_OUT else Channel.WEB,
        customer_id="c1",
        fulfilment=fulfilment,
        store_id="WAW-01" if fulfilment == Fulfilment.CARRY_OUT else None,
        pickup_store_id="WAW-01" if fulfilment == Fulfilment.PICKUP else None,
        status=OrderStatus.COMPLETED,
        created_at=created_at,
        lines=lines,
        payments=[Payment(t, Money.of(a), f"ref-{t}") for t, a in pays],
        pickup=pickup,
        points_earned=points_earned,
        points_reversed=points_reversed,
        delivered_at=delivered_at,
    )
