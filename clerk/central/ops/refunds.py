"""Turning a domain return decision into rows: the return, its refunds, counts and points.

Every path that gives money back — a counter return, items refused at pickup, a short
pick, an expired hold — asks :class:`clerk.domain.returns.ReturnPolicy` for the decision and
records it here, so refunds, the order line counters and the loyalty ledger move together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central import serialize
from clerk.central.notifications import enqueue_notification
from clerk.central.ops.common import (
    DeviceLike,
    add_new,
    choose_id,
    customer_of,
    domain_refusal,
    touched,
)
from clerk.central.ops.points import move_points
from clerk.domain.entities import LoyaltyKind, Refund, RefundMethod, Tender
from clerk.domain.errors import ReturnNotAllowed
from clerk.domain.money import Money
from clerk.domain.returns import Override, ReturnDecision, ReturnPolicy, ReturnRequest
from clerk.domain.store_credit import with_credit_code

Counter = Literal["returned", "short"]


@dataclass(frozen=True)
class RecordedReturn:
    """A return as recorded, with the facts its notification needs."""

    row: m.Return
    decision: ReturnDecision
    points_back: int


def earlier_refunds(session: Session, order_id: str) -> list[Refund]:
    """Every refund already given on the order (the split caps each tender by what is left)."""
    rows = session.execute(
        select(m.Return).where(m.Return.order_id == order_id).order_by(m.Return.created_at)
    ).scalars()
    refunds: list[Refund] = []
    for row in rows:
        refunds.extend(serialize.return_to_domain(row).refunds)
    return refunds


def final_sale_skus(session: Session, order: m.Order) -> set[str]:
    """SKUs of the order that are sold as final sale."""
    skus = {line.sku for line in order.lines}
    if not skus:
        return set()
    rows = session.execute(
        select(m.Product.sku).where(m.Product.sku.in_(skus), m.Product.final_sale.is_(True))
    ).scalars()
    return set(rows)


def decide(
    session: Session,
    order: m.Order,
    requests: Sequence[ReturnRequest],
    now: datetime,
    *,
    refusal: bool = False,
    override: Override | None = None,
    refund_method: RefundMethod = RefundMethod.ORIGINAL,
    replacement: Money | None = None,
) -> ReturnDecision:
    """Ask the domain's return policy; its refusals become 422 problems. ``replacement``:
    the price of an exchange's new goods."""
    try:
        return ReturnPolicy().decide(
            serialize.order_to_domain(order),
            requests,
            final_sale_skus(session, order),
            now,
            override=override,
            refusal=refusal,
            refund_method=refund_method,
            earlier_refunds=earlier_refunds(session, order.id),
            replacement=replacement,
        )
    except ReturnNotAllowed as error:
        raise domain_refusal(error) from error


def record_return(
    session: Session,
    order: m.Order,
    decision: ReturnDecision,
    *,
    device: DeviceLike,
    staff_id: str | None,
    now: datetime,
    source: str = "counter",
    refund_method: RefundMethod = RefundMethod.ORIGINAL,
    override: Override | None = None,
    counter: Counter = "returned",
    return_id: str | None = None,
) -> RecordedReturn:
    """Write the return, raise the order lines' counters and move the customer's points.

    ``counter`` says which line counter the quantities go to: ``returned`` for goods that
    came back, ``short`` for units the store never had to hand over (a short pick). The
    caller locked the order row and bumps its version; this publishes the return and the
    loyalty transactions. ``return_id`` is the id the client chose (409 ``id-taken`` if
    another return has it).
    """
    row = m.Return(
        id=choose_id(session, return_id, "return", m.Return),
        order_id=order.id,
        store_id=device.store_id,
        staff_id=staff_id,
        device_id=device.device_id,
        created_at=now,
        source=source,
        refund_method=str(refund_method),
        status="refund_pending"
        if any(r.status == "pending" for r in decision.refunds)
        else "completed",
        amount=decision.amount.amount,
        points_reversed=decision.points_to_reverse,
        override_manager_id=override.manager_id if override and decision.override_used else None,
        override_reason=override.reason if override and decision.override_used else None,
    )
    row.lines = [
        m.ReturnLine(
            order_line_id=line.order_line_id,
            qty=line.qty,
            reason=str(line.reason),
            condition=str(line.condition),
            amount=line.amount.amount,
        )
        for line in decision.lines
    ]
    row.refunds = [
        m.Refund(
            tender=str(refund.tender),
            amount=refund.amount.amount,
            points=refund.points,
            reference=refund.reference,
            status=refund.status,
        )
        for refund in with_credit_code(decision.refunds, row.id)
    ]
    add_new(session, row, "return")
    by_id = {line.id: line for line in order.lines}
    for line in decision.lines:
        order_line = by_id[line.order_line_id]
        if counter == "short":
            order_line.short_qty += line.qty
        else:
            order_line.returned_qty += line.qty
    order.points_reversed += decision.points_to_reverse
    session.flush()

    points_back = sum(r.points for r in decision.refunds if r.tender == Tender.POINTS)
    customer = customer_of(session, order.customer_id)
    if customer is not None:
        move_points(
            session,
            customer,
            -decision.points_to_reverse,
            LoyaltyKind.REVERSE,
            now=now,
            store_id=device.store_id,
            order_id=order.id,
            return_id=row.id,
            note=f"Points earned on returned items of order {order.number}",
        )
        move_points(
            session,
            customer,
            points_back,
            LoyaltyKind.ADJUST,
            now=now,
            store_id=device.store_id,
            order_id=order.id,
            return_id=row.id,
            note=f"Redeemed points refunded for order {order.number}",
        )
    touched(session).returns.append(row)
    return RecordedReturn(row=row, decision=decision, points_back=points_back)


def refund_at_the_desk(
    session: Session,
    order: m.Order,
    requests: Sequence[ReturnRequest],
    *,
    device: DeviceLike,
    staff_id: str,
    now: datetime,
    counter: Counter = "returned",
) -> RecordedReturn | None:
    """Refund units that never left the store (refused at pickup, short-picked, an expired
    hold): the policy's refusal path, no window check; None when there is nothing to refund."""
    if not requests:
        return None
    decision = decide(session, order, requests, now, refusal=True)
    return record_return(
        session,
        order,
        decision,
        device=device,
        staff_id=staff_id,
        now=now,
        source="pickup_refusal",
        counter=counter,
    )


def tell_customer_refunded(
    session: Session, order: m.Order, recorded: RecordedReturn | None, now: datetime
) -> None:
    """Queue the ``refund_issued`` message when a return gave something back."""
    if recorded is None or not recorded.decision.refunds:
        return
    enqueue_notification(
        session,
        template="refund_issued",
        customer=customer_of(session, order.customer_id),
        order=order,
        now=now,
        context=refund_context(recorded),
    )


def refund_context(recorded: RecordedReturn) -> dict[str, object]:
    """The ``refund_issued`` notification's context for a recorded return."""
    return {
        "refunds": [refund.to_dict() for refund in recorded.decision.refunds],
        "points_reversed": recorded.decision.points_to_reverse,
    }
