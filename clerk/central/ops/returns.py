"""A return at the counter, of any order of any channel, decided by the domain policy."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from pydantic import Field
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.deps import require_manager_override
from clerk.central.ops.common import (
    COUNTER,
    ClientId,
    Command,
    DeviceLike,
    adjust_stock,
    bump_version,
    check_staff,
    check_version,
    lock_row,
    publish_touched,
    start_use_case,
    touched,
)
from clerk.central.ops.refunds import (
    RecordedReturn,
    decide,
    record_return,
    tell_customer_refunded,
)
from clerk.domain.entities import RefundMethod, ReturnCondition, ReturnReason
from clerk.domain.returns import Override, ReturnRequest

Id = Annotated[str, Field(min_length=1, max_length=48)]


class ReturnLineIn(Command):
    """Units of one order line coming back, why, and in what state."""

    line_id: Id
    qty: Annotated[int, Field(ge=1, le=999)]
    reason: ReturnReason
    condition: ReturnCondition = ReturnCondition.RESELLABLE


class OverrideIn(Command):
    """A manager allowing a return the policy refuses (window passed, final sale)."""

    manager_id: Id
    reason: Annotated[str, Field(min_length=1, max_length=500)]


class ReturnIn(Command):
    """``POST /v1/returns``; ``id``: the return id the tablet chose."""

    id: ClientId | None = None
    staff_id: Id
    order_id: Id
    lines: Annotated[list[ReturnLineIn], Field(min_length=1, max_length=200)]
    refund_method: RefundMethod = RefundMethod.ORIGINAL
    override: OverrideIn | None = None


@dataclass(frozen=True)
class ReturnResult:
    """The order after the return, and the return as recorded."""

    order: m.Order
    recorded: RecordedReturn


def create_return(
    session: Session,
    device: DeviceLike,
    cmd: ReturnIn,
    now: datetime,
    *,
    expected_version: int | None = None,
) -> ReturnResult:
    """Take goods back at the device's store and refund them (roles sales, pickup, manager).

    The order row stays locked from the first read to the commit, so two returns of one
    line queue and the second sees what the first took back: never more than was bought.
    Resellable units go back on this store's shelf; earned points are reversed once.
    """
    start_use_case(session)
    order = lock_row(session, m.Order, cmd.order_id, "order")
    staff = check_staff(session, device, cmd.staff_id, COUNTER)
    check_version(order.version, expected_version, "order")
    override: Override | None = None
    if cmd.override is not None:
        manager = require_manager_override(
            session, device.store_id, cmd.override.manager_id, cmd.override.reason
        )
        override = Override(manager.id, cmd.override.reason.strip())
    requests = [
        ReturnRequest(line.line_id, line.qty, line.reason, line.condition) for line in cmd.lines
    ]
    decision = decide(
        session, order, requests, now, override=override, refund_method=cmd.refund_method
    )
    recorded = record_return(
        session,
        order,
        decision,
        device=device,
        staff_id=staff.id,
        now=now,
        source="counter",
        refund_method=cmd.refund_method,
        override=override,
        return_id=cmd.id,
    )
    skus = {line.id: line.sku for line in order.lines}
    back: Counter[str] = Counter()
    for line in decision.lines:
        if line.condition == ReturnCondition.RESELLABLE:
            back[skus[line.order_line_id]] += line.qty
    for sku in sorted(back):
        adjust_stock(session, device.store_id, sku, on_hand=back[sku])
        touched(session).stock.add((device.store_id, sku))
    bump_version(session, order)
    touched(session).orders[order.id] = order
    publish_touched(session, now)
    tell_customer_refunded(session, order, recorded, now)
    return ReturnResult(order, recorded)


__all__ = ["OverrideIn", "ReturnIn", "ReturnLineIn", "ReturnResult", "create_return"]
