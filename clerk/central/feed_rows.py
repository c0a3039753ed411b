"""Feed dicts built straight from result rows, for bulk snapshots of a store's slice.

Each builder returns exactly what the matching :mod:`clerk.central.serialize` ``*_dict``
(the domain entity's ``to_dict()``) returns for the same row — same keys, same order, same
values (tested) — without building the domain objects in between, which is what made a
100,000-customer snapshot slow.  Rows are Core rows (or ORM objects) with the table's
column names; lines, payments and refunds are passed separately.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from clerk.domain.money import CENT


def iso(value: datetime | None) -> str | None:
    """An aware datetime as the API's ISO 8601 text in UTC (None stays None)."""
    return None if value is None else value.astimezone(UTC).isoformat()


def money(value: Any) -> str:
    """An amount as the API's text (two decimals, like ``str(Money)``)."""
    amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    return "0.00" if amount.is_zero() else f"{amount:.2f}"


def customer(row: Any) -> dict[str, Any]:
    """Same as ``serialize.customer_dict``."""
    return {
        "id": row.id,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "email": row.email,
        "phone": row.phone,
        "card_number": row.card_number,
        "tier": row.tier,
        "points_balance": row.points_balance,
        "preferred_channel": row.preferred_channel,
        "preferences": dict(row.preferences or {}),
        "consents": dict(row.consents or {}),
        "home_store_id": row.home_store_id,
        "created_at": iso(row.created_at),
        "version": row.version,
    }


def product(row: Any) -> dict[str, Any]:
    """Same as ``serialize.product_dict``."""
    return {
        "sku": row.sku,
        "ean": row.ean,
        "name": row.name,
        "brand": row.brand,
        "category": row.category,
        "size": row.size,
        "colour": row.colour,
        "style": row.style,
        "price": money(row.price),
        "vat_rate": str(Decimal(row.vat_rate)),
        "final_sale": bool(row.final_sale),
        "age_restricted": bool(row.age_restricted),
    }


def inventory(row: Any) -> dict[str, Any]:
    """Same as ``serialize.inventory_dict``."""
    return {"store_id": row.store_id, "sku": row.sku, "on_hand": row.on_hand, "held": row.held}


def order_line(row: Any) -> dict[str, Any]:
    """One line of an order dict."""
    return {
        "id": row.id,
        "line_no": row.line_no,
        "sku": row.sku,
        "name": row.name,
        "qty": row.qty,
        "unit_price": money(row.unit_price),
        "discount": money(row.discount),
        "collected_qty": row.collected_qty,
        "returned_qty": row.returned_qty,
        "short_qty": row.short_qty,
    }


def payment(row: Any) -> dict[str, Any]:
    """One payment of an order dict."""
    return {"tender": row.tender, "amount": money(row.amount), "reference": row.reference}


def order(row: Any, lines: Iterable[Any], payments: Iterable[Any]) -> dict[str, Any]:
    """Same as ``serialize.order_dict`` (lines and payments as rows, in their order)."""
    pickup = None
    if row.fulfilment == "pickup" or row.pickup_code is not None:
        pickup = {
            "pickup_code": row.pickup_code,
            "ready_at": iso(row.ready_at),
            "hold_until": iso(row.hold_until),
            "shelf": row.shelf,
            "collected_at": iso(row.collected_at),
            "collected_by": row.collected_by,
            "verification": dict(row.verification) if row.verification else None,
        }
    return {
        "id": row.id,
        "number": row.number,
        "channel": row.channel,
        "customer_id": row.customer_id,
        "fulfilment": row.fulfilment,
        "store_id": row.store_id,
        "pickup_store_id": row.pickup_store_id,
        "status": row.status,
        "created_at": iso(row.created_at),
        "lines": [order_line(line) for line in lines],
        "payments": [payment(p) for p in payments],
        "pickup": pickup,
        "points_earned": row.points_earned,
        "points_reversed": row.points_reversed,
        "delivered_at": iso(row.delivered_at),
        "cart_id": row.cart_id,
        "version": row.version,
    }


def cart(row: Any, lines: Iterable[Any]) -> dict[str, Any]:
    """Same as ``serialize.cart_dict``."""
    return {
        "id": row.id,
        "customer_id": row.customer_id,
        "lines": [{"sku": line.sku, "qty": line.qty} for line in lines],
        "updated_at": iso(row.updated_at),
        "status": row.status,
    }


def return_(row: Any, lines: Iterable[Any], refunds: Iterable[Any]) -> dict[str, Any]:
    """Same as ``serialize.return_dict``."""
    return {
        "id": row.id,
        "order_id": row.order_id,
        "store_id": row.store_id,
        "staff_id": row.staff_id or "",
        "created_at": iso(row.created_at),
        "lines": [
            {
                "order_line_id": line.order_line_id,
                "qty": line.qty,
                "reason": line.reason,
                "condition": line.condition,
                "amount": money(line.amount),
            }
            for line in lines
        ],
        "refund_method": row.refund_method,
        "refunds": [
            {
                "tender": r.tender,
                "amount": money(r.amount),
                "points": r.points,
                "reference": r.reference,
                "status": r.status,
            }
            for r in refunds
        ],
        "points_reversed": row.points_reversed,
        "override_manager_id": row.override_manager_id,
        "override_reason": row.override_reason,
        "source": row.source,
        "status": row.status,
    }


def reservation(row: Any, lines: Iterable[Any]) -> dict[str, Any]:
    """Same as ``serialize.reservation_dict``."""
    return {
        "id": row.id,
        "customer_id": row.customer_id,
        "store_id": row.store_id,
        "status": row.status,
        "created_at": iso(row.created_at),
        "hold_until": iso(row.hold_until),
        "lines": [{"sku": line.sku, "qty": line.qty} for line in lines],
        "version": row.version,
    }


def loyalty(row: Any) -> dict[str, Any]:
    """Same as ``serialize.loyalty_dict``."""
    return {
        "id": row.id,
        "customer_id": row.customer_id,
        "kind": row.kind,
        "points": row.points,
        "order_id": row.order_id,
        "return_id": row.return_id,
        "channel": row.channel,
        "store_id": row.store_id,
        "created_at": iso(row.created_at),
        "note": row.note,
    }


def interaction(row: Any) -> dict[str, Any]:
    """Same as ``serialize.interaction_dict``."""
    return {
        "id": row.id,
        "customer_id": row.customer_id,
        "kind": row.kind,
        "channel": row.channel,
        "subject": row.subject,
        "body": row.body,
        "thread_id": row.thread_id,
        "status": row.status,
        "staff_id": row.staff_id,
        "store_id": row.store_id,
        "created_at": iso(row.created_at),
    }
