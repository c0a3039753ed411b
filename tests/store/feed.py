"""Feed entries for local store tests, shaped like central's change feed (``to_dict()`` data)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
_seq = itertools.count(1)


def change(entity: str, entity_id: str, data: dict[str, Any] | None) -> dict[str, Any]:
    """A feed entry: an upsert with ``data``, or a delete when ``data`` is None."""
    op = "delete" if data is None else "upsert"
    return {"seq": next(_seq), "entity": entity, "id": entity_id, "op": op, "data": data}


def customer(
    customer_id: str,
    first_name: str = "Anna",
    last_name: str = "Nowak",
    *,
    email: str | None = None,
    phone: str = "+48 600 100 200",
    card_number: str | None = None,
    version: int = 1,
    points: int = 0,
) -> dict[str, Any]:
    return {
        "id": customer_id,
        "first_name": first_name,
        "last_name": last_name,
        "email": email if email is not None else f"{customer_id.lower()}@example.pl",
        "phone": phone,
        "card_number": card_number or f"29900{customer_id[-8:].rjust(8, '0')}",
        "tier": "basic",
        "points_balance": points,
        "preferred_channel": "email",
        "preferences": {"sizes": ["M"], "categories": []},
        "consents": {"marketing_email": True, "marketing_sms": False, "profiling": False},
        "home_store_id": "WAW-01",
        "created_at": (NOW - timedelta(days=400)).isoformat(),
        "version": version,
    }


def order(
    order_id: str,
    *,
    customer_id: str | None = "C1",
    status: str = "ready",
    pickup_store_id: str | None = "WAW-01",
    created_at: datetime = NOW,
    version: int = 1,
    number: str | None = None,
) -> dict[str, Any]:
    return {
        "id": order_id,
        "number": number or f"W26-{order_id}",
        "channel": "web",
        "customer_id": customer_id,
        "fulfilment": "pickup" if pickup_store_id else "ship",
        "store_id": None,
        "pickup_store_id": pickup_store_id,
        "status": status,
        "created_at": created_at.isoformat(),
        "lines": [
            {
                "id": f"{order_id}-1",
                "line_no": 1,
                "sku": "KOS0001-RED-M",
                "name": "Koszulka Wisła, czerwony, M",
                "qty": 2,
                "unit_price": "59.99",
                "discount": "0.00",
                "collected_qty": 0,
                "returned_qty": 0,
                "short_qty": 0,
            }
        ],
        "payments": [{"tender": "online", "amount": "119.98", "reference": "ONL-1"}],
        "pickup": {"pickup_code": "123456", "ready_at": None, "hold_until": None}
        if pickup_store_id
        else None,
        "points_earned": 0,
        "points_reversed": 0,
        "delivered_at": None,
        "cart_id": None,
        "version": version,
    }


def product(sku: str, *, ean: str = "5901234000001", style: str = "KOS0001") -> dict[str, Any]:
    return {
        "sku": sku,
        "ean": ean,
        "name": f"Koszulka {sku}",
        "brand": "Wisła Urban",
        "category": "Koszulki",
        "size": sku.rsplit("-", 1)[-1],
        "colour": "czerwony",
        "style": style,
        "price": "59.99",
        "vat_rate": "0.23",
        "final_sale": False,
        "age_restricted": False,
    }


def inventory(sku: str, on_hand: int = 5, held: int = 0) -> dict[str, Any]:
    return {"store_id": "WAW-01", "sku": sku, "on_hand": on_hand, "held": held}


def reservation(
    reservation_id: str, *, status: str = "active", hold_hours: int = 48, version: int = 1
) -> dict[str, Any]:
    return {
        "id": reservation_id,
        "customer_id": "C1",
        "store_id": "WAW-01",
        "status": status,
        "created_at": NOW.isoformat(),
        "hold_until": (NOW + timedelta(hours=hold_hours)).isoformat(),
        "lines": [{"sku": "KOS0001-RED-M", "qty": 1}],
        "version": version,
    }


def staff(
    staff_id: str, name: str, *, active: bool = True, stores: list[str] | None = None
) -> dict[str, Any]:
    return {
        "id": staff_id,
        "name": name,
        "role": "sales",
        "store_ids": stores or ["WAW-01"],
        "pin_hash": "$argon2id$v=19$m=19456,t=2,p=1$x$y",
        "active": active,
    }


def cart(
    cart_id: str, customer_id: str, updated_at: datetime, status: str = "active"
) -> dict[str, Any]:
    return {
        "id": cart_id,
        "customer_id": customer_id,
        "lines": [{"sku": "KOS0001-RED-M", "qty": 1}],
        "updated_at": updated_at.isoformat(),
        "status": status,
    }


def return_(return_id: str, order_id: str, created_at: datetime = NOW) -> dict[str, Any]:
    return {
        "id": return_id,
        "order_id": order_id,
        "store_id": "WAW-01",
        "staff_id": "STF-1",
        "created_at": created_at.isoformat(),
        "lines": [
            {
                "order_line_id": f"{order_id}-1",
                "qty": 1,
                "reason": "too_big",
                "condition": "resellable",
                "amount": "59.99",
            }
        ],
        "refund_method": "original",
        "refunds": [{"tender": "online", "amount": "59.99", "points": 0, "reference": None}],
        "points_reversed": 0,
        "override_manager_id": None,
        "override_reason": None,
        "source": "counter",
        "status": "completed",
    }
