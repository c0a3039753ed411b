"""Marking a click-and-collect order ready: shelved, held; short-picked units refunded."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from clerk.domain.entities import Order, OrderStatus, PickupDetails, ReturnCondition, ReturnReason
from clerk.domain.holds import PickupHoldPolicy
from clerk.domain.returns import ReturnRequest
from clerk.services.context import Actor, ServiceContext
from clerk.services.effects import move_stock, put_order, settings_of
from clerk.services.errors import InvalidRequest
from clerk.services.outbox import Key, Outcome, perform
from clerk.services.pickup import (
    line_counts,
    order_action,
    pickup_here,
    refund_at_desk,
    refuse_state,
)
from clerk.services.staff import PICKUP, require_staff
from clerk.store import StoreUnit

__all__ = ["ShortLine", "mark_ready"]


@dataclass(frozen=True)
class ShortLine:
    """Units of a line the picker could not hand over; they are refunded."""

    line_id: str
    qty: int
    reason: Literal["not_found", "damaged", "wrong_item"] = "not_found"


def mark_ready(
    ctx: ServiceContext,
    actor: Actor,
    order_id: str,
    *,
    shelf: str,
    short_lines: Sequence[ShortLine] = (),
) -> Outcome[Order]:
    """Shelve a placed or picking order (roles pickup, manager): its hold starts, its units
    are held, short-picked units are refunded; with every unit short it is cancelled."""
    shelf = shelf.strip()
    if not 1 <= len(shelf) <= 32:
        raise InvalidRequest("shelf_required", "Say where the order waits: a shelf or bin.")
    now = ctx.clock.now()
    done: list[Order] = []

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        require_staff(unit, actor, PICKUP, "mark orders ready")
        order = pickup_here(unit, actor, order_id)
        if order.status not in (OrderStatus.PLACED, OrderStatus.PICKING):
            raise refuse_state(order)
        for line_id, qty in line_counts(order, short_lines).items():
            line = order.line(line_id)
            assert line is not None
            if qty > line.qty - line.short_qty - line.returned_qty:
                raise InvalidRequest(
                    "quantity_exceeds_order", f"Line {line.line_no} has only {line.qty} units."
                )
        requests = [
            ReturnRequest(
                item.line_id,
                item.qty,
                ReturnReason.SHORT_PICK,
                ReturnCondition.DAMAGED if item.reason == "damaged" else ReturnCondition.RESELLABLE,
            )
            for item in short_lines
        ]
        keys = refund_at_desk(unit, actor, order, requests, now, counter="short")
        held: Counter[str] = Counter()
        for line in order.lines:
            held[line.sku] += line.qty - line.short_qty - line.returned_qty
        if not any(held.values()):
            order.status = OrderStatus.CANCELLED
        else:
            hold_days = settings_of(unit, actor.store_id).pickup_hold_days
            pickup = order.pickup or PickupDetails(pickup_code="")
            pickup.ready_at = now
            pickup.hold_until = PickupHoldPolicy(hold_days=hold_days).hold_until(now)
            pickup.shelf = shelf
            order.pickup = pickup
            order.status = OrderStatus.READY
        keys += move_stock(unit, actor.store_id, held=held)
        keys.append(put_order(unit, order))
        done.append(order)
        return tuple(keys)

    body: dict[str, Any] = {"staff_id": actor.staff_id, "shelf": shelf}
    if short_lines:
        body["short_lines"] = [asdict(item) for item in short_lines]
    command = perform(ctx, actor, order_action("mark_ready", order_id, "ready", body, effect))
    return Outcome(done[0], command)
