"""Marking a click-and-collect order ready: shelved, held, customer told; short picks refunded."""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field
from sqlalchemy.orm import Session

from clerk.central import keys
from clerk.central import models as m
from clerk.central.notifications import enqueue_notification
from clerk.central.ops.common import (
    PICKUP,
    Command,
    DeviceLike,
    adjust_stock,
    bump_version,
    check_staff,
    check_version,
    customer_of,
    pickup_order_here,
    publish_touched,
    refuse_order_state,
    start_use_case,
    store_of,
    touched,
)
from clerk.central.ops.refunds import RecordedReturn, refund_at_the_desk, refund_context
from clerk.central.problems import unprocessable
from clerk.domain.entities import OrderStatus, ReturnCondition, ReturnReason
from clerk.domain.holds import PickupHoldPolicy
from clerk.domain.returns import ReturnRequest
from clerk.domain.tokens import pickup_token

Id = Annotated[str, Field(min_length=1, max_length=48)]


class ShortLineIn(Command):
    """Units of a line the picker could not hand over; they are refunded."""

    line_id: Id
    qty: Annotated[int, Field(ge=1, le=999)]
    reason: Literal["not_found", "damaged", "wrong_item"] = "not_found"


class ReadyIn(Command):
    """``POST /v1/orders/{id}/ready``: the shelf (bin) and any short-picked lines."""

    staff_id: Id
    shelf: Annotated[str, Field(min_length=1, max_length=32)]
    short_lines: list[ShortLineIn] = Field(default_factory=list, max_length=200)


@dataclass(frozen=True)
class ReadyResult:
    """The order after marking it ready, and the refund of short-picked units, if any."""

    order: m.Order
    refund: RecordedReturn | None = None


def mark_ready(
    session: Session,
    device: DeviceLike,
    order_id: str,
    cmd: ReadyIn,
    now: datetime,
    *,
    expected_version: int | None = None,
) -> ReadyResult:
    """Shelve a placed or picking order at its pickup store (roles pickup, manager).

    Sets the hold (:class:`~clerk.domain.holds.PickupHoldPolicy` with the store's hold
    days), holds the picked units, refunds short-picked ones and tells the customer. An
    order whose every unit was short is cancelled instead of shelved.
    """
    start_use_case(session)
    order = pickup_order_here(session, device, order_id)
    staff = check_staff(session, device, cmd.staff_id, PICKUP)
    check_version(order.version, expected_version, "order")
    if order.status not in (OrderStatus.PLACED, OrderStatus.PICKING):
        raise refuse_order_state(order)
    lines = {line.id: line for line in order.lines}
    short: Counter[str] = Counter()
    for item in cmd.short_lines:
        if item.line_id not in lines:
            raise unprocessable("unknown-line", f"The order has no line {item.line_id!r}.")
        short[item.line_id] += item.qty
    for line_id, qty in short.items():
        line = lines[line_id]
        if qty > line.qty - line.short_qty - line.returned_qty:
            raise unprocessable(
                "quantity-exceeds-order", f"Line {line.line_no} has only {line.qty} units."
            )

    requests = [
        ReturnRequest(
            item.line_id,
            item.qty,
            ReturnReason.SHORT_PICK,
            ReturnCondition.DAMAGED if item.reason == "damaged" else ReturnCondition.RESELLABLE,
        )
        for item in cmd.short_lines
    ]
    recorded = refund_at_the_desk(
        session, order, requests, device=device, staff_id=staff.id, now=now, counter="short"
    )

    held: Counter[str] = Counter()
    for line in order.lines:
        held[line.sku] += line.qty - line.short_qty - line.returned_qty
    nothing_left = not any(held.values())
    store = store_of(session, device.store_id)
    if nothing_left:
        order.status = str(OrderStatus.CANCELLED)
    else:
        order.status = str(OrderStatus.READY)
        order.ready_at = now
        order.hold_until = PickupHoldPolicy(hold_days=store.pickup_hold_days).hold_until(now)
        order.shelf = cmd.shelf
        order.reminder_sent_at = None
        order.pickup_code = order.pickup_code or f"{secrets.randbelow(1_000_000):06d}"
    session.flush()
    for sku in sorted(sku for sku, qty in held.items() if qty > 0):
        adjust_stock(session, device.store_id, sku, held=held[sku])
        touched(session).stock.add((device.store_id, sku))
    bump_version(session, order)
    touched(session).orders[order.id] = order
    publish_touched(session, now)
    _notify(session, order, recorded, short, lines, now, shelved=not nothing_left)
    return ReadyResult(order, recorded)


def _notify(
    session: Session,
    order: m.Order,
    recorded: RecordedReturn | None,
    short: Counter[str],
    lines: dict[str, m.OrderLine],
    now: datetime,
    *,
    shelved: bool,
) -> None:
    customer = customer_of(session, order.customer_id)
    if recorded is not None and recorded.decision.refunds:
        enqueue_notification(
            session,
            template="short_pick",
            customer=customer,
            order=order,
            now=now,
            context={
                **refund_context(recorded),
                "lines": [{"name": lines[i].name, "qty": q} for i, q in short.items()],
            },
        )
    if shelved:
        enqueue_notification(
            session,
            template="ready_for_pickup",
            customer=customer,
            order=order,
            now=now,
            context=_token_context(session, order, now),
        )


def _token_context(session: Session, order: m.Order, now: datetime) -> dict[str, object]:
    """The signed pickup code for the e-mail's QR, when central has a signing key."""
    try:
        key_id, private_key = keys.active_signing_key(session)
    except keys.NoSigningKey:
        return {}
    assert order.pickup_store_id is not None and order.pickup_code is not None
    token = pickup_token(
        order.id, order.pickup_store_id, order.pickup_code, private_key, key_id, now
    )
    return {"pickup_token": token}
