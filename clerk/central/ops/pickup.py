"""Click-and-collect at the store: mark an order ready, hand it over, or expire its hold.

Stock follows the parcel: *ready* holds the picked units (``held`` up), *collect* hands
them over (``on_hand`` and ``held`` down; refused units are only released, damaged ones
written off), *expire* releases them (``held`` down, nothing else). Money follows the
domain's :class:`~clerk.domain.returns.ReturnPolicy`: short-picked, refused and expired
units are refunded through :mod:`clerk.central.ops.refunds`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.notifications import enqueue_notification
from clerk.central.ops.common import (
    MANAGER,
    PICKUP,
    Command,
    DeviceLike,
    adjust_stock,
    bump_version,
    check_staff,
    check_version,
    customer_of,
    pickup_order_here,
    products_by_sku,
    publish_touched,
    refuse_order_state,
    start_use_case,
    store_of,
    touched,
)
from clerk.central.ops.pickup_ready import ReadyIn, mark_ready
from clerk.central.ops.refunds import RecordedReturn, refund_at_the_desk, tell_customer_refunded
from clerk.central.problems import unprocessable
from clerk.domain.entities import OrderStatus, ReturnCondition, ReturnReason
from clerk.domain.holds import PickupHoldPolicy
from clerk.domain.returns import ReturnRequest

__all__ = [
    "CollectIn",
    "CollectLineIn",
    "ExpireIn",
    "PickupResult",
    "ReadyIn",
    "RefusedLineIn",
    "VerificationIn",
    "collect_order",
    "expire_order",
    "mark_ready",
]

Id = Annotated[str, Field(min_length=1, max_length=48)]


class CollectLineIn(Command):
    """How many units of an order line the customer took."""

    line_id: Id
    qty: Annotated[int, Field(ge=0, le=999)]


class RefusedLineIn(Command):
    """Units the customer declined at the desk; they become a return on the spot."""

    line_id: Id
    qty: Annotated[int, Field(ge=1, le=999)]
    reason: ReturnReason = ReturnReason.REFUSED_AT_PICKUP
    condition: ReturnCondition = ReturnCondition.RESELLABLE


class VerificationIn(Command):
    """How the person collecting proved the order is theirs."""

    method: Literal["pickup_token", "loyalty", "number_phone"]
    collected_by: Annotated[str, Field(min_length=1, max_length=120)]
    id_last4: Annotated[str | None, Field(pattern=r"^[0-9A-Za-z]{4}$")] = None
    age_checked: bool = False


class CollectIn(Command):
    """``POST /v1/orders/{id}/collect``. Without ``lines`` everything not refused is taken;
    with ``lines`` every unit must be either collected or refused."""

    staff_id: Id
    lines: Annotated[list[CollectLineIn] | None, Field(max_length=200)] = None
    refused: list[RefusedLineIn] = Field(default_factory=list, max_length=200)
    verification: VerificationIn


class ExpireIn(Command):
    """``POST /v1/orders/{id}/expire`` (managers only)."""

    staff_id: Id


@dataclass(frozen=True)
class PickupResult:
    """The order after the step, and the return it created, if any."""

    order: m.Order
    refund: RecordedReturn | None = None


def collect_order(
    session: Session,
    device: DeviceLike,
    order_id: str,
    cmd: CollectIn,
    now: datetime,
    *,
    expected_version: int | None = None,
) -> PickupResult:
    """Hand a ready order over, wholly or partly; refused units become a pickup-refusal return."""
    start_use_case(session)
    order = pickup_order_here(session, device, order_id)
    staff = check_staff(session, device, cmd.staff_id, PICKUP)
    # An impossible transition (collected or cancelled meanwhile) says so (409) before a
    # stale version does (412): "already collected" is what the desk must hear.
    if order.status != OrderStatus.READY:
        raise refuse_order_state(order)
    check_version(order.version, expected_version, "order")
    lines = {line.id: line for line in order.lines}
    refused = _refused_by_line(cmd.refused, lines)
    taken = _taken_by_line(cmd, lines, refused)
    _check_age(session, order, taken, cmd.verification)

    released: Counter[str] = Counter()
    handed: Counter[str] = Counter()
    written_off: Counter[str] = Counter()
    for line_id, qty in taken.items():
        line = lines[line_id]
        line.collected_qty += qty
        handed[line.sku] += qty
        released[line.sku] += qty
    for item in cmd.refused:
        sku = lines[item.line_id].sku
        released[sku] += item.qty
        if item.condition == ReturnCondition.DAMAGED:
            written_off[sku] += item.qty
    order.status = str(OrderStatus.PARTIALLY_COLLECTED if cmd.refused else OrderStatus.COLLECTED)
    order.collected_at = now
    order.collected_by = cmd.verification.collected_by
    order.verification = cmd.verification.model_dump(mode="json") | {"staff_id": staff.id}
    session.flush()

    requests = [
        ReturnRequest(item.line_id, item.qty, item.reason, item.condition) for item in cmd.refused
    ]
    recorded = refund_at_the_desk(
        session, order, requests, device=device, staff_id=staff.id, now=now
    )

    for sku in sorted(released):
        adjust_stock(
            session,
            device.store_id,
            sku,
            on_hand=-(handed[sku] + written_off[sku]),
            held=-released[sku],
        )
        touched(session).stock.add((device.store_id, sku))
    bump_version(session, order)
    touched(session).orders[order.id] = order
    publish_touched(session, now)

    enqueue_notification(
        session,
        template="collected",
        customer=customer_of(session, order.customer_id),
        order=order,
        now=now,
        context={
            "lines": [{"name": lines[i].name, "qty": q} for i, q in taken.items() if q > 0],
            "refused": [{"name": lines[r.line_id].name, "qty": r.qty} for r in cmd.refused],
        },
    )
    tell_customer_refunded(session, order, recorded, now)
    return PickupResult(order, recorded)


def _refused_by_line(refused: list[RefusedLineIn], lines: dict[str, m.OrderLine]) -> Counter[str]:
    by_line: Counter[str] = Counter()
    for item in refused:
        if item.line_id not in lines:
            raise unprocessable("unknown-line", f"The order has no line {item.line_id!r}.")
        by_line[item.line_id] += item.qty
    return by_line


def _taken_by_line(
    cmd: CollectIn, lines: dict[str, m.OrderLine], refused: Counter[str]
) -> dict[str, int]:
    """Units collected per line; every unit waiting on the shelf is collected or refused."""
    waiting = {
        line_id: line.qty - line.short_qty - line.collected_qty - line.returned_qty
        for line_id, line in lines.items()
    }
    for line_id, qty in refused.items():
        if qty > waiting[line_id]:
            raise unprocessable(
                "quantity-exceeds-order",
                f"Line {lines[line_id].line_no} has only {waiting[line_id]} waiting.",
            )
    if cmd.lines is None:
        return {line_id: qty - refused[line_id] for line_id, qty in waiting.items()}
    taken: Counter[str] = Counter()
    for item in cmd.lines:
        if item.line_id not in lines:
            raise unprocessable("unknown-line", f"The order has no line {item.line_id!r}.")
        taken[item.line_id] += item.qty
    for line_id, qty in waiting.items():
        if taken[line_id] + refused[line_id] != qty:
            raise unprocessable(
                "unaccounted-items",
                f"Line {lines[line_id].line_no}: {qty} waiting, but {taken[line_id]} collected "
                f"and {refused[line_id]} refused; every unit is either collected or refused.",
            )
    return {line_id: taken[line_id] for line_id in waiting}


def _check_age(
    session: Session, order: m.Order, taken: dict[str, int], verification: VerificationIn
) -> None:
    by_id = {line.id: line for line in order.lines}
    skus = {by_id[line_id].sku for line_id, qty in taken.items() if qty > 0}
    restricted = [p.sku for p in products_by_sku(session, skus).values() if p.age_restricted]
    if restricted and not verification.age_checked:
        raise unprocessable(
            "age-check-required",
            "This order holds age-restricted items: check the customer's ID first.",
            skus=sorted(restricted),
        )


def expire_order(
    session: Session,
    device: DeviceLike,
    order_id: str,
    cmd: ExpireIn,
    now: datetime,
    *,
    expected_version: int | None = None,
) -> PickupResult:
    """The hold ran out: release the held units and refund everything paid (managers only)."""
    start_use_case(session)
    order = pickup_order_here(session, device, order_id)
    staff = check_staff(session, device, cmd.staff_id, MANAGER)
    # An impossible transition (collected or cancelled meanwhile) says so (409) before a
    # stale version does (412): "already collected" is what the desk must hear.
    if order.status != OrderStatus.READY:
        raise refuse_order_state(order)
    check_version(order.version, expected_version, "order")
    store = store_of(session, device.store_id)
    policy = PickupHoldPolicy(hold_days=store.pickup_hold_days)
    if order.hold_until is None or not policy.is_overdue(order.hold_until, now):
        raise unprocessable(
            "hold-not-over",
            "The hold of this order has not ended yet; it can expire only after "
            f"{order.hold_until.isoformat() if order.hold_until else 'it is set'}.",
        )
    released: Counter[str] = Counter()
    requests: list[ReturnRequest] = []
    for line in order.lines:
        left = line.qty - line.short_qty - line.collected_qty - line.returned_qty
        if left > 0:
            released[line.sku] += left
            requests.append(
                ReturnRequest(line.id, left, ReturnReason.OTHER, ReturnCondition.RESELLABLE)
            )
    order.status = str(OrderStatus.EXPIRED)
    session.flush()
    recorded = refund_at_the_desk(
        session, order, requests, device=device, staff_id=staff.id, now=now
    )
    for sku in sorted(released):
        adjust_stock(session, device.store_id, sku, held=-released[sku])
        touched(session).stock.add((device.store_id, sku))
    bump_version(session, order)
    touched(session).orders[order.id] = order
    publish_touched(session, now)
    tell_customer_refunded(session, order, recorded, now)
    return PickupResult(order, recorded)
