"""Rows of the central database → domain entities → the one JSON shape of the API and feed.

The ``*_to_domain`` builders read attributes only, so they accept ORM objects and, for bulk
paths such as :func:`clerk.central.feed.rebuild_store_feed`, plain result rows with the same
column names (lines and payments passed separately).  The ``*_dict`` shortcuts are the
domain entity's ``to_dict()``: change feed data and API bodies use exactly these.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Literal, cast

from clerk.central import models as m
from clerk.domain._codec import encode
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
    OrderStatus,
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

_FIELDS: dict[type, tuple[str, ...]] = {}


def _encode(value: Any) -> Any:
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool:
        return value
    if isinstance(value, Enum):
        return value.value
    if kind is Money or kind is Decimal:
        return str(value)
    if kind is datetime:
        return value.astimezone(UTC).isoformat()
    if kind is list or kind is tuple:
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    names = _FIELDS.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(value):
            return encode(value)  # anything unusual: the domain's own encoder decides
        names = tuple(f.name for f in dataclasses.fields(value))
        _FIELDS[kind] = names
    return {name: _encode(getattr(value, name)) for name in names}


def entity_dict(entity: Any) -> dict[str, Any]:
    """``entity.to_dict()``, computed faster (bulk feed writes); same output, tested so."""
    data: dict[str, Any] = _encode(entity)
    return data


def _money(value: Decimal | str | int) -> Money:
    return Money.of(value)


def store_to_domain(row: Any) -> Store:
    """A store (its settings travel with it)."""
    return Store(
        id=row.id,
        name=row.name,
        city=row.city,
        timezone=row.timezone,
        currency=row.currency,
        pickup_hold_days=row.pickup_hold_days,
        reservation_hold_hours=row.reservation_hold_hours,
    )


def staff_to_domain(row: Any, store_ids: Sequence[str]) -> Staff:
    """A staff member with the stores they work in (PIN hash included: tablets sign in offline)."""
    return Staff(
        id=row.id,
        name=row.name,
        role=Role(row.role),
        store_ids=sorted(store_ids),
        pin_hash=row.pin_hash,
        active=bool(row.active),
    )


def customer_to_domain(row: Any) -> Customer:
    """A customer profile."""
    return Customer(
        id=row.id,
        first_name=row.first_name,
        last_name=row.last_name,
        email=row.email,
        phone=row.phone,
        card_number=row.card_number,
        tier=Tier(row.tier),
        points_balance=row.points_balance,
        preferred_channel=ContactChannel(row.preferred_channel),
        preferences=dict(row.preferences or {}),
        consents=dict(row.consents or {}),
        home_store_id=row.home_store_id,
        created_at=row.created_at,
        version=row.version,
    )


def product_to_domain(row: Any) -> Product:
    """A product (one size/colour of a style)."""
    return Product(
        sku=row.sku,
        ean=row.ean,
        name=row.name,
        brand=row.brand,
        category=row.category,
        size=row.size,
        colour=row.colour,
        style=row.style,
        price=_money(row.price),
        vat_rate=Decimal(row.vat_rate),
        final_sale=bool(row.final_sale),
        age_restricted=bool(row.age_restricted),
    )


def inventory_to_domain(row: Any) -> InventoryLevel:
    """Stock of one SKU in one store."""
    return InventoryLevel(store_id=row.store_id, sku=row.sku, on_hand=row.on_hand, held=row.held)


def order_line_to_domain(row: Any) -> OrderLine:
    """One order line."""
    return OrderLine(
        id=row.id,
        line_no=row.line_no,
        sku=row.sku,
        name=row.name,
        qty=row.qty,
        unit_price=_money(row.unit_price),
        discount=_money(row.discount),
        collected_qty=row.collected_qty,
        returned_qty=row.returned_qty,
        short_qty=row.short_qty,
    )


def payment_to_domain(row: Any) -> Payment:
    """One payment of an order."""
    return Payment(tender=Tender(row.tender), amount=_money(row.amount), reference=row.reference)


def order_to_domain(
    row: Any, lines: Iterable[Any] | None = None, payments: Iterable[Any] | None = None
) -> Order:
    """An order of any channel; ``lines``/``payments`` default to the ORM relationships."""
    line_rows = row.lines if lines is None else lines
    payment_rows = row.payments if payments is None else payments
    pickup = None
    if row.fulfilment == Fulfilment.PICKUP.value or row.pickup_code is not None:
        pickup = PickupDetails(
            pickup_code=row.pickup_code,
            ready_at=row.ready_at,
            hold_until=row.hold_until,
            shelf=row.shelf,
            collected_at=row.collected_at,
            collected_by=row.collected_by,
            verification=dict(row.verification) if row.verification else None,
        )
    return Order(
        id=row.id,
        number=row.number,
        channel=Channel(row.channel),
        customer_id=row.customer_id,
        fulfilment=Fulfilment(row.fulfilment),
        store_id=row.store_id,
        pickup_store_id=row.pickup_store_id,
        status=OrderStatus(row.status),
        created_at=row.created_at,
        lines=[order_line_to_domain(line) for line in line_rows],
        payments=[payment_to_domain(p) for p in payment_rows],
        pickup=pickup,
        points_earned=row.points_earned,
        points_reversed=row.points_reversed,
        delivered_at=row.delivered_at,
        cart_id=row.cart_id,
        version=row.version,
    )


def cart_to_domain(row: Any, lines: Iterable[Any] | None = None) -> Cart:
    """A customer's online cart."""
    line_rows = row.lines if lines is None else lines
    return Cart(
        id=row.id,
        customer_id=row.customer_id,
        lines=[CartLine(sku=line.sku, qty=line.qty) for line in line_rows],
        updated_at=row.updated_at,
        status=cast(Literal["active", "consumed"], row.status),
    )


def return_to_domain(
    row: Any, lines: Iterable[Any] | None = None, refunds: Iterable[Any] | None = None
) -> Return:
    """A return with its lines and refunds."""
    line_rows = row.lines if lines is None else lines
    refund_rows = row.refunds if refunds is None else refunds
    return Return(
        id=row.id,
        order_id=row.order_id,
        store_id=row.store_id,
        staff_id=row.staff_id or "",
        created_at=row.created_at,
        lines=[
            ReturnLine(
                order_line_id=line.order_line_id,
                qty=line.qty,
                reason=ReturnReason(line.reason),
                condition=ReturnCondition(line.condition),
                amount=_money(line.amount),
            )
            for line in line_rows
        ],
        refund_method=RefundMethod(row.refund_method),
        refunds=[
            Refund(
                tender=Tender(r.tender),
                amount=_money(r.amount),
                points=r.points,
                reference=r.reference,
                status=cast(Literal["issued", "pending"], r.status),
            )
            for r in refund_rows
        ],
        points_reversed=row.points_reversed,
        override_manager_id=row.override_manager_id,
        override_reason=row.override_reason,
        source=cast(Literal["counter", "pickup_refusal"], row.source),
        status=cast(Literal["completed", "refund_pending"], row.status),
    )


def reservation_to_domain(row: Any, lines: Iterable[Any] | None = None) -> Reservation:
    """A reserve-in-store request."""
    line_rows = row.lines if lines is None else lines
    return Reservation(
        id=row.id,
        customer_id=row.customer_id,
        store_id=row.store_id,
        status=ReservationStatus(row.status),
        created_at=row.created_at,
        hold_until=row.hold_until,
        lines=[CartLine(sku=line.sku, qty=line.qty) for line in line_rows],
        version=row.version,
    )


def loyalty_to_domain(row: Any) -> LoyaltyTransaction:
    """One loyalty transaction."""
    return LoyaltyTransaction(
        id=row.id,
        customer_id=row.customer_id,
        kind=LoyaltyKind(row.kind),
        points=row.points,
        order_id=row.order_id,
        return_id=row.return_id,
        channel=Channel(row.channel),
        store_id=row.store_id,
        created_at=row.created_at,
        note=row.note,
    )


def interaction_to_domain(row: Any) -> Interaction:
    """A ticket message, note, visit, feedback or contact."""
    return Interaction(
        id=row.id,
        customer_id=row.customer_id,
        kind=InteractionKind(row.kind),
        channel=Channel(row.channel),
        subject=row.subject,
        body=row.body,
        thread_id=row.thread_id,
        status=cast(Literal["open", "closed"] | None, row.status),
        staff_id=row.staff_id,
        store_id=row.store_id,
        created_at=row.created_at,
    )


def store_dict(row: m.Store) -> dict[str, Any]:
    """The feed/API shape of a store, with its address (shown on pickup notices)."""
    data = entity_dict(store_to_domain(row))
    data.setdefault("address", row.address)
    return data


def staff_dict(row: m.Staff, store_ids: Sequence[str]) -> dict[str, Any]:
    """The feed shape of a staff member."""
    return entity_dict(staff_to_domain(row, store_ids))


def customer_dict(row: m.Customer) -> dict[str, Any]:
    """The feed/API shape of a customer."""
    return entity_dict(customer_to_domain(row))


def product_dict(row: m.Product) -> dict[str, Any]:
    """The feed/API shape of a product."""
    return entity_dict(product_to_domain(row))


def inventory_dict(row: m.Inventory) -> dict[str, Any]:
    """The feed/API shape of a stock level."""
    return entity_dict(inventory_to_domain(row))


def order_dict(row: m.Order) -> dict[str, Any]:
    """The feed/API shape of an order."""
    return entity_dict(order_to_domain(row))


def cart_dict(row: m.Cart) -> dict[str, Any]:
    """The feed/API shape of a cart."""
    return entity_dict(cart_to_domain(row))


def return_dict(row: m.Return) -> dict[str, Any]:
    """The feed/API shape of a return."""
    return entity_dict(return_to_domain(row))


def reservation_dict(row: m.Reservation) -> dict[str, Any]:
    """The feed/API shape of a reservation."""
    return entity_dict(reservation_to_domain(row))


def loyalty_dict(row: m.LoyaltyTransaction) -> dict[str, Any]:
    """The feed/API shape of a loyalty transaction."""
    return entity_dict(loyalty_to_domain(row))


def interaction_dict(row: m.Interaction) -> dict[str, Any]:
    """The feed/API shape of an interaction."""
    return entity_dict(interaction_to_domain(row))


def etag(version: int) -> str:
    """The ``ETag`` header value of an entity version (orders, reservations)."""
    return f'"{version}"'


def parse_if_match(value: str | None) -> int | None:
    """The version an ``If-Match`` header names (``"3"``, ``W/"3"`` or ``3``); None if absent.

    Raises ``ValueError`` for a header that names no version.
    """
    if value is None or not value.strip() or value.strip() == "*":
        return None
    text = value.strip()
    if text.startswith("W/"):
        text = text[2:]
    return int(text.strip('"'))
