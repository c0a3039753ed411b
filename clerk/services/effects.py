"""Local effects: what central will do, written to the tablet's cache ahead of its answer.

Each helper mirrors a step of the central use cases (``clerk/central/ops``) on domain
entities and writes full entity states with ``unit.cache.put_local``; it returns the
(entity, id) keys it wrote, which become the command's ``touches``. Rows whose id only
central chooses (the loyalty transactions of a sale, the return of refused pickup items)
get a provisional ``local-…`` id: when the command ends the store drops them (their base
is "absent") and central's rows arrive with the feed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from clerk.domain.entities import (
    Channel,
    Customer,
    InventoryLevel,
    LoyaltyKind,
    LoyaltyTransaction,
    Order,
    RefundMethod,
    Return,
    Tender,
)
from clerk.domain.money import Money
from clerk.domain.returns import Override, ReturnDecision, ReturnPolicy, ReturnRequest
from clerk.services.errors import NotFound
from clerk.services.outbox import Key
from clerk.store import StoreUnit

__all__ = [
    "LOCAL_ID_PREFIX",
    "PointsMove",
    "Settings",
    "decide_return",
    "final_sale_skus",
    "local_id",
    "move_points",
    "move_stock",
    "order_here",
    "put_order",
    "record_return",
    "refusal_decision",
    "settings_of",
]

LOCAL_ID_PREFIX = "local-"


def local_id() -> str:
    """A provisional id for a row central will create under an id of its own."""
    return LOCAL_ID_PREFIX + uuid.uuid4().hex


@dataclass(frozen=True)
class Settings:
    """The store's operating rules, as the change feed delivered them (defaults otherwise)."""

    pickup_hold_days: int = 7
    pickup_reminder_days_before: int = 2
    reservation_hold_hours: int = 48
    reservation_max_days: int = 7
    return_window_days: int = 30
    timezone: str = "Europe/Warsaw"


def settings_of(unit: StoreUnit, store_id: str) -> Settings:
    """The store's settings from the local cache."""
    data = unit.cache.get("settings", store_id) or {}
    defaults = Settings()
    values: dict[str, Any] = {}
    for name in (
        "pickup_hold_days",
        "pickup_reminder_days_before",
        "reservation_hold_hours",
        "reservation_max_days",
        "return_window_days",
    ):
        value = data.get(name)
        values[name] = value if isinstance(value, int) else getattr(defaults, name)
    timezone = data.get("timezone")
    values["timezone"] = timezone if isinstance(timezone, str) else defaults.timezone
    return Settings(**values)


def order_here(unit: StoreUnit, order_id: str) -> Order:
    """The order from the local store, or NotFound telling the clerk how to get it."""
    order = unit.orders.get(order_id)
    if order is None:
        raise NotFound(
            "order_not_found",
            "This order is not on the tablet; scan its receipt or pickup code, or search "
            "its number while online.",
        )
    return order


def put_order(unit: StoreUnit, order: Order) -> Key:
    """Write the order's new local state (its version one up, as central's will be)."""
    order.version += 1
    unit.cache.put_local("order", order.to_dict())
    return ("order", order.id)


def move_stock(
    unit: StoreUnit,
    store_id: str,
    *,
    on_hand: Mapping[str, int] | None = None,
    held: Mapping[str, int] | None = None,
) -> list[Key]:
    """Change this store's stock of some SKUs by signed amounts (a missing row is zero)."""
    on_hand = on_hand or {}
    held = held or {}
    keys: list[Key] = []
    for sku in sorted(set(on_hand) | set(held)):
        up, hold = on_hand.get(sku, 0), held.get(sku, 0)
        if not up and not hold:
            continue
        level = unit.catalog.stock(sku) or InventoryLevel(store_id=store_id, sku=sku, on_hand=0)
        level.on_hand += up
        level.held += hold
        unit.cache.put_local("inventory", level.to_dict())
        keys.append(("inventory", sku))
    return keys


@dataclass(frozen=True)
class PointsMove:
    """Points moving on a customer's account, as one loyalty transaction."""

    points: int
    kind: LoyaltyKind
    note: str
    order_id: str | None = None
    return_id: str | None = None


def move_points(
    unit: StoreUnit,
    customer: Customer,
    moves: Iterable[PointsMove],
    *,
    store_id: str,
    now: datetime,
) -> list[Key]:
    """Move points on ``customer`` (the object is updated too) with provisional transactions."""
    keys: list[Key] = []
    for move in moves:
        if move.points == 0:
            continue
        customer.points_balance += move.points
        txn = LoyaltyTransaction(
            id=local_id(),
            customer_id=customer.id,
            kind=move.kind,
            points=move.points,
            order_id=move.order_id,
            return_id=move.return_id,
            channel=Channel.STORE,
            store_id=store_id,
            created_at=now,
            note=move.note[:200],
        )
        unit.cache.put_local("loyalty", txn.to_dict())
        keys.append(("loyalty", txn.id))
    if keys:
        unit.cache.put_local("customer", customer.to_dict())
        keys.append(("customer", customer.id))
    return keys


def final_sale_skus(unit: StoreUnit, order: Order) -> set[str]:
    """SKUs of the order the local catalogue marks as final sale."""
    skus: set[str] = set()
    for sku in {line.sku for line in order.lines}:
        product = unit.catalog.product(sku)
        if product is not None and product.final_sale:
            skus.add(sku)
    return skus


def decide_return(
    unit: StoreUnit,
    order: Order,
    requests: Sequence[ReturnRequest],
    now: datetime,
    *,
    window_days: int,
    refusal: bool = False,
    override: Override | None = None,
    refund_method: RefundMethod = RefundMethod.ORIGINAL,
    replacement: Money | None = None,
) -> ReturnDecision:
    """The domain's return decision, with the same inputs central gives it (raises
    ReturnNotAllowed); ``replacement``: the price of an exchange's new goods."""
    earlier = [refund for ret in unit.orders.returns_of(order.id) for refund in ret.refunds]
    return ReturnPolicy(window_days=window_days).decide(
        order,
        requests,
        final_sale_skus(unit, order),
        now,
        override=override,
        refusal=refusal,
        refund_method=refund_method,
        earlier_refunds=earlier,
        replacement=replacement,
    )


def record_return(
    unit: StoreUnit,
    order: Order,
    decision: ReturnDecision,
    *,
    return_id: str,
    store_id: str,
    staff_id: str,
    now: datetime,
    source: Literal["counter", "pickup_refusal"] = "counter",
    refund_method: RefundMethod = RefundMethod.ORIGINAL,
    override: Override | None = None,
    counter: Literal["returned", "short"] = "returned",
) -> tuple[Return, list[Key]]:
    """Write the return, raise the order lines' counters and move the customer's points.

    Mirrors central's ``refunds.record_return``; the caller writes the order afterwards
    (:func:`put_order`).
    """
    used = override if override is not None and decision.override_used else None
    ret = Return(
        id=return_id,
        order_id=order.id,
        store_id=store_id,
        staff_id=staff_id,
        created_at=now,
        lines=list(decision.lines),
        refund_method=refund_method,
        refunds=list(decision.refunds),
        points_reversed=decision.points_to_reverse,
        override_manager_id=used.manager_id if used else None,
        override_reason=used.reason if used else None,
        source=source,
        status="refund_pending"
        if any(r.status == "pending" for r in decision.refunds)
        else "completed",
    )
    unit.cache.put_local("return", ret.to_dict())
    keys: list[Key] = [("return", ret.id)]
    for line in decision.lines:
        order_line = order.line(line.order_line_id)
        assert order_line is not None  # the policy refused unknown lines
        if counter == "short":
            order_line.short_qty += line.qty
        else:
            order_line.returned_qty += line.qty
    order.points_reversed += decision.points_to_reverse
    points_back = sum(r.points for r in decision.refunds if r.tender == Tender.POINTS)
    customer = unit.customers.get(order.customer_id) if order.customer_id else None
    if customer is not None:
        label = order.number or order.id
        keys += move_points(
            unit,
            customer,
            [
                PointsMove(
                    -decision.points_to_reverse,
                    LoyaltyKind.REVERSE,
                    f"Points earned on returned items of order {label}",
                    order.id,
                    ret.id,
                ),
                PointsMove(
                    points_back,
                    LoyaltyKind.ADJUST,
                    f"Redeemed points refunded for order {label}",
                    order.id,
                    ret.id,
                ),
            ],
            store_id=store_id,
            now=now,
        )
    return ret, keys


def refusal_decision(
    unit: StoreUnit, order: Order, requests: Sequence[ReturnRequest], now: datetime
) -> ReturnDecision | None:
    """The refund of units that never left the store (refused, short-picked, expired):
    the policy's refusal path, no window check; None when nothing is refunded."""
    if not requests:
        return None
    return decide_return(unit, order, requests, now, window_days=30, refusal=True)
