"""What the Pickup screen reads off the UI thread (the queue, one order, a customer's orders,
each with the moment it was read) and why an order cannot be handed over, in words."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from clerk.domain.entities import Order, OrderStatus
from clerk.services.context import ServiceContext
from clerk.services.pickup_queue import (
    TO_PREPARE,
    PickupDetail,
    PickupQueue,
    QueueEntry,
    pickup_detail,
    pickup_queue,
    ready_for_customer,
)
from clerk.services.pickup_ready import ShortLine
from clerk.ui.screens.counter.words import status_name
from clerk.ui.screens.pickup.summary import collected_text

__all__ = [
    "nothing_ready_text",
    "orders_of",
    "read_detail",
    "read_queue",
    "ready_text",
    "state_message",
    "unknown_card_text",
]

translate = QCoreApplication.translate


def read_queue(ctx: ServiceContext) -> tuple[PickupQueue, datetime]:
    """The queue and the moment it was read (how long people waited is counted from it)."""
    now = ctx.clock.now()
    return pickup_queue(ctx, now), now


def read_detail(ctx: ServiceContext, order_id: str) -> tuple[PickupDetail, datetime]:
    """One order with its pick list, and the moment it was read."""
    now = ctx.clock.now()
    return pickup_detail(ctx, order_id, now), now


def orders_of(
    ctx: ServiceContext, customer_id: str
) -> tuple[list[QueueEntry], list[QueueEntry], str]:
    """A customer's orders on the shelf here; when there are none, those still being
    prepared, and their name."""
    ready = list(ready_for_customer(ctx, customer_id))
    if ready:
        return ready, [], ready[0].customer_name
    preparing = [e for e in pickup_queue(ctx).to_prepare if e.customer_id == customer_id]
    with ctx.store.unit(read_only=True) as unit:
        customer = unit.customers.get(customer_id)
    return [], preparing, customer.full_name if customer else ""


def state_message(detail: PickupDetail, now: datetime) -> str | None:
    """Why ``detail`` cannot be handed over now, in words (None: it is ready)."""
    number = detail.order.number
    status = OrderStatus(detail.order.status)
    if status == OrderStatus.READY:
        return None
    if status in TO_PREPARE:
        text = (
            translate("PickupScreen", "Order {number} is not ready yet: it is being picked.")
            if status == OrderStatus.PICKING
            else translate(
                "PickupScreen", "Order {number} is not ready yet: it has not been picked."
            )
        )
        text += " " + translate("PickupScreen", "Pick it now, then hand it over.")
    elif status in (OrderStatus.COLLECTED, OrderStatus.PARTIALLY_COLLECTED):
        text = translate(
            "PickupScreen", "Order {number} was {collected} — there is nothing more to hand over."
        ).replace("{collected}", collected_text(detail, now))
    elif status == OrderStatus.CANCELLED:
        text = translate(
            "PickupScreen",
            "Order {number} was cancelled, so there is nothing to hand over — check the "
            "customer's orders with them.",
        )
    elif status == OrderStatus.EXPIRED:
        text = translate(
            "PickupScreen",
            "The hold of order {number} expired; it went back to stock and was refunded.",
        )
    else:
        text = translate("PickupScreen", "Order {number} is {status}, not a pickup here.").replace(
            "{status}", status_name(str(status))
        )
    return text.replace("{number}", number)


def ready_text(order: Order, shorts: tuple[ShortLine, ...]) -> str:
    """What became of an order just marked ready (or cancelled: every unit was short)."""
    if OrderStatus(order.status) == OrderStatus.CANCELLED:
        text = translate(
            "PickupScreen",
            "Nothing of order {number} could be handed over: it is cancelled and refunded in "
            "full; central tells the customer.",
        )
    else:
        shelf = order.pickup.shelf if order.pickup and order.pickup.shelf else ""
        text = translate(
            "PickupScreen",
            "Order {number} is ready on shelf {shelf}; central tells the customer it can be "
            "collected.",
        ).replace("{shelf}", shelf)
        units = sum(item.qty for item in shorts)
        if units:
            text += " " + translate(
                "PickupScreen", "{n} short units are refunded; central tells the customer."
            ).replace("{n}", str(units))
    return text.replace("{number}", order.number)


def nothing_ready_text(name: str, preparing: int) -> str:
    """A customer's loyalty code at the desk, and none of their orders is on the shelf."""
    who = name or translate("PickupScreen", "This customer")
    if preparing:
        return (
            translate(
                "PickupScreen",
                "{name} has no order on the shelf yet; {n} are still being prepared.",
            )
            .replace("{name}", who)
            .replace("{n}", str(preparing))
        )
    return translate("PickupScreen", "{name} has no order waiting for pickup here.").replace(
        "{name}", who
    )


def unknown_card_text(card: str) -> str:
    """A printed loyalty card the tablet does not know, at the desk."""
    return translate(
        "PickupScreen",
        "Card {card} is not on this tablet, so its orders are not either — scan the pickup "
        "code, or type the order number and phone digits.",
    ).replace("{card}", card)
