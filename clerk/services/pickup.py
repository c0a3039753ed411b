"""Click-and-collect at the desk: release an order, or expire its hold (ready: pickup_ready).

The local effects follow central's ``clerk/central/ops/pickup*.py`` step by step: *ready*
holds the picked units and refunds short-picked ones, *release* hands units over (refused
ones become a return on the spot, damaged ones are written off), *expire* releases the held
units and refunds everything left. Refunds come from the domain's ReturnPolicy (refusal
path, no window check), exactly as central computes them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

from clerk.domain.entities import (
    Fulfilment,
    Order,
    OrderStatus,
    PickupDetails,
    ReturnCondition,
    ReturnReason,
)
from clerk.domain.holds import PickupHoldPolicy
from clerk.domain.returns import ReturnRequest
from clerk.services.context import Actor, ServiceContext
from clerk.services.effects import (
    local_id,
    move_stock,
    order_here,
    put_order,
    record_return,
    refusal_decision,
    settings_of,
)
from clerk.services.errors import InvalidRequest, WrongState
from clerk.services.outbox import Action, Effect, Key, Outcome, lane_of, perform
from clerk.services.staff import MANAGER, PICKUP, require_staff
from clerk.store import StoreUnit

__all__ = [
    "RefusedItem",
    "Verification",
    "expire_pickup",
    "line_counts",
    "order_action",
    "pickup_here",
    "refund_at_desk",
    "refuse_state",
    "release_pickup",
    "units_waiting",
]

_STATE_REFUSALS: dict[OrderStatus, tuple[str, str]] = {
    OrderStatus.COLLECTED: ("order_already_collected", "This order has already been collected."),
    OrderStatus.PARTIALLY_COLLECTED: (
        "order_already_collected",
        "This order has already been collected (partly).",
    ),
    OrderStatus.CANCELLED: ("order_cancelled", "This order was cancelled."),
    OrderStatus.EXPIRED: (
        "order_expired",
        "The hold of this order expired; it went back to stock.",
    ),
    OrderStatus.PLACED: ("order_not_ready", "This order has not been picked and shelved yet."),
    OrderStatus.PICKING: ("order_not_ready", "This order has not been picked and shelved yet."),
    OrderStatus.READY: ("order_already_ready", "This order is already ready on the shelf."),
}


@dataclass(frozen=True)
class RefusedItem:
    """Units the customer declined at the desk; they become a return on the spot."""

    line_id: str
    qty: int
    reason: ReturnReason = ReturnReason.REFUSED_AT_PICKUP
    condition: ReturnCondition = ReturnCondition.RESELLABLE


@dataclass(frozen=True)
class Verification:
    """How the person collecting proved the order is theirs."""

    method: Literal["pickup_token", "loyalty", "number_phone"]
    collected_by: str
    id_last4: str | None = None
    age_checked: bool = False


class LineQty(Protocol):
    """Units of one order line (short-picked, refused …)."""

    @property
    def line_id(self) -> str: ...

    @property
    def qty(self) -> int: ...


def units_waiting(order: Order) -> dict[str, int]:
    """Units of each line still waiting on the shelf (not short, collected or returned)."""
    return {
        line.id: line.qty - line.short_qty - line.collected_qty - line.returned_qty
        for line in order.lines
    }


def refuse_state(order: Order) -> WrongState:
    code, message = _STATE_REFUSALS.get(
        OrderStatus(order.status), ("order_wrong_state", f"This order is {order.status}.")
    )
    return WrongState(code, message)


def pickup_here(unit: StoreUnit, actor: Actor, order_id: str) -> Order:
    order = order_here(unit, order_id)
    if order.fulfilment != Fulfilment.PICKUP:
        raise WrongState("not_a_pickup_order", "This order is not a click-and-collect order.")
    if order.pickup_store_id != actor.store_id:
        raise WrongState(
            "other_store_order",
            f"This order is collected at store {order.pickup_store_id}, not here.",
        )
    return order


def line_counts(order: Order, items: Sequence[LineQty]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for item in items:
        if order.line(item.line_id) is None:
            raise InvalidRequest("unknown_line", f"The order has no line {item.line_id!r}.")
        if item.qty < 1:
            raise InvalidRequest("invalid_quantity", "Give at least one unit for each line.")
        counts[item.line_id] += item.qty
    return counts


def order_action(
    kind: str, order_id: str, verb: str, body: dict[str, Any], effect: Effect
) -> Action:
    """The command of one step on a pickup order: in the order's lane, If-Match its version."""
    return Action(
        kind=kind,
        method="POST",
        path=f"/v1/orders/{order_id}/{verb}",
        body=body,
        lane=lane_of("order", order_id),
        target=f"order:{order_id}",
        effect=effect,
        audit_detail={"order_id": order_id},
        if_match_of=("order", order_id),
    )


def refund_at_desk(
    unit: StoreUnit,
    actor: Actor,
    order: Order,
    requests: list[ReturnRequest],
    now: datetime,
    counter: Literal["returned", "short"] = "returned",
) -> list[Key]:
    decision = refusal_decision(unit, order, requests, now)
    if decision is None:
        return []
    _, keys = record_return(
        unit,
        order,
        decision,
        return_id=local_id(),
        store_id=actor.store_id,
        staff_id=actor.staff_id,
        now=now,
        source="pickup_refusal",
        counter=counter,
    )
    return keys


def _taken(order: Order, lines: Mapping[str, int] | None, refused: Counter[str]) -> dict[str, int]:
    """Units collected per line; every unit waiting is either collected or refused."""
    waiting = units_waiting(order)
    for line_id, qty in refused.items():
        if qty > waiting[line_id]:
            line = order.line(line_id)
            assert line is not None
            raise InvalidRequest(
                "quantity_exceeds_order",
                f"Line {line.line_no} has only {waiting[line_id]} waiting.",
                {"line": line.line_no, "waiting": waiting[line_id]},
            )
    if lines is None:
        return {line_id: qty - refused[line_id] for line_id, qty in waiting.items()}
    for line_id, qty in lines.items():
        if order.line(line_id) is None:
            raise InvalidRequest("unknown_line", f"The order has no line {line_id!r}.")
        if qty < 0:
            raise InvalidRequest("invalid_quantity", "A collected quantity cannot be negative.")
    for line_id, qty in waiting.items():
        if lines.get(line_id, 0) + refused[line_id] != qty:
            line = order.line(line_id)
            assert line is not None
            raise InvalidRequest(
                "unaccounted_items",
                f"Line {line.line_no}: {qty} waiting, but {lines.get(line_id, 0)} collected and "
                f"{refused[line_id]} refused; every unit is either collected or refused.",
            )
    return {line_id: lines.get(line_id, 0) for line_id in waiting}


def _check_verification(verification: Verification) -> None:
    if verification.method not in ("pickup_token", "loyalty", "number_phone"):
        raise InvalidRequest("invalid_verification", "Verify by pickup code, loyalty or phone.")
    if not 1 <= len(verification.collected_by.strip()) <= 120:
        raise InvalidRequest("collector_required", "Write down who collects the order.")
    last4 = verification.id_last4
    if last4 is not None and not (len(last4) == 4 and last4.isascii() and last4.isalnum()):
        raise InvalidRequest("invalid_id_last4", "Note the last 4 letters or digits of the ID.")


def release_pickup(
    ctx: ServiceContext,
    actor: Actor,
    order_id: str,
    verification: Verification,
    *,
    lines: Mapping[str, int] | None = None,
    refused: Sequence[RefusedItem] = (),
) -> Outcome[Order]:
    """Hand a ready order over (roles pickup, manager), wholly or partly.

    Without ``lines`` every unit not refused is collected; with ``lines`` (line id → units
    collected) every waiting unit must be collected or refused. Refused units become a
    return on the spot and are refunded. Age-restricted items need ``age_checked``.
    """
    _check_verification(verification)
    now = ctx.clock.now()
    done: list[Order] = []

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        require_staff(unit, actor, PICKUP, "release pickup orders")
        order = pickup_here(unit, actor, order_id)
        if order.status != OrderStatus.READY:
            raise refuse_state(order)
        taken = _taken(order, lines, line_counts(order, refused))
        _check_age(unit, order, taken, verification)
        released: Counter[str] = Counter()
        handed: Counter[str] = Counter()
        for line_id, qty in taken.items():
            line = order.line(line_id)
            assert line is not None
            line.collected_qty += qty
            handed[line.sku] += qty
            released[line.sku] += qty
        for item in refused:
            line = order.line(item.line_id)
            assert line is not None
            released[line.sku] += item.qty
            if item.condition == ReturnCondition.DAMAGED:
                handed[line.sku] += item.qty  # written off: off the shelf for good
        order.status = OrderStatus.PARTIALLY_COLLECTED if refused else OrderStatus.COLLECTED
        pickup = order.pickup or PickupDetails(pickup_code="")
        pickup.collected_at = now
        pickup.collected_by = verification.collected_by
        pickup.verification = asdict(verification) | {"staff_id": actor.staff_id}
        order.pickup = pickup
        requests = [ReturnRequest(r.line_id, r.qty, r.reason, r.condition) for r in refused]
        keys = refund_at_desk(unit, actor, order, requests, now)
        keys += move_stock(
            unit,
            actor.store_id,
            on_hand={sku: -qty for sku, qty in handed.items()},
            held={sku: -qty for sku, qty in released.items()},
        )
        keys.append(put_order(unit, order))
        done.append(order)
        return tuple(keys)

    body: dict[str, Any] = {"staff_id": actor.staff_id, "verification": asdict(verification)}
    if lines is not None:
        body["lines"] = [{"line_id": k, "qty": v} for k, v in lines.items()]
    if refused:
        body["refused"] = [
            {
                "line_id": r.line_id,
                "qty": r.qty,
                "reason": str(r.reason),
                "condition": str(r.condition),
            }
            for r in refused
        ]
    command = perform(ctx, actor, order_action("release_pickup", order_id, "collect", body, effect))
    return Outcome(done[0], command)


def _check_age(
    unit: StoreUnit, order: Order, taken: dict[str, int], verification: Verification
) -> None:
    for line_id, qty in taken.items():
        line = order.line(line_id)
        if qty <= 0 or line is None:
            continue
        product = unit.catalog.product(line.sku)
        if product is not None and product.age_restricted and not verification.age_checked:
            raise InvalidRequest(
                "age_check_required",
                "This order holds age-restricted items: check the customer's ID first.",
            )


def expire_pickup(ctx: ServiceContext, actor: Actor, order_id: str) -> Outcome[Order]:
    """The hold ran out (managers only): held units go back to stock, everything left is
    refunded. Refused before the hold's end."""
    now = ctx.clock.now()
    done: list[Order] = []

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        require_staff(unit, actor, MANAGER, "expire pickup orders")
        order = pickup_here(unit, actor, order_id)
        if order.status != OrderStatus.READY:
            raise refuse_state(order)
        hold_until = order.pickup.hold_until if order.pickup else None
        policy = PickupHoldPolicy(hold_days=settings_of(unit, actor.store_id).pickup_hold_days)
        if hold_until is None or not policy.is_overdue(hold_until, now):
            until = hold_until.isoformat(timespec="minutes") if hold_until else "it is set"
            raise InvalidRequest(
                "hold_not_over",
                f"The hold of this order has not ended yet; wait until {until}.",
                {"until": until},
            )
        released: Counter[str] = Counter()
        requests: list[ReturnRequest] = []
        for line_id, left in units_waiting(order).items():
            line = order.line(line_id)
            assert line is not None
            if left > 0:
                released[line.sku] += left
                requests.append(
                    ReturnRequest(line_id, left, ReturnReason.OTHER, ReturnCondition.RESELLABLE)
                )
        order.status = OrderStatus.EXPIRED
        keys = refund_at_desk(unit, actor, order, requests, now)
        keys += move_stock(unit, actor.store_id, held={sku: -qty for sku, qty in released.items()})
        keys.append(put_order(unit, order))
        done.append(order)
        return tuple(keys)

    body = {"staff_id": actor.staff_id}
    command = perform(ctx, actor, order_action("expire_pickup", order_id, "expire", body, effect))
    return Outcome(done[0], command)
