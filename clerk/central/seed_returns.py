"""Returns in the seed, decided by the domain's :class:`ReturnPolicy` (the rule is written once).

The order generator keeps an order as plain row dicts until it is inserted; a return is
decided on a domain :class:`Order` built from those rows, and the decision is written back
(``returned_qty`` and ``points_reversed`` in the rows, plus return/refund/loyalty rows).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from clerk.central import models as m
from clerk.central.seed_catalog import Row
from clerk.domain.entities import (
    Channel,
    Fulfilment,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PickupDetails,
    Refund,
    RefundMethod,
    ReturnCondition,
    ReturnReason,
    Tender,
)
from clerk.domain.money import Money
from clerk.domain.returns import Override, ReturnDecision, ReturnPolicy, ReturnRequest

POLICY = ReturnPolicy()


@dataclass
class PendingOrder:
    """An order being generated: its rows, not yet inserted."""

    order: Row
    lines: list[Row]
    payments: list[Row]
    customer_index: int | None
    refunds: list[Refund] = field(default_factory=list)


def to_domain(p: PendingOrder) -> Order:
    """The domain view of the rows (what the policy decides on)."""
    o = p.order
    pickup = None
    if o["pickup_code"] is not None:
        pickup = PickupDetails(
            pickup_code=o["pickup_code"],
            ready_at=o["ready_at"],
            hold_until=o["hold_until"],
            shelf=o["shelf"],
            collected_at=o["collected_at"],
            collected_by=o["collected_by"],
            verification=o["verification"],
        )
    return Order(
        id=o["id"],
        number=o["number"],
        channel=Channel(o["channel"]),
        customer_id=o["customer_id"],
        fulfilment=Fulfilment(o["fulfilment"]),
        store_id=o["store_id"],
        pickup_store_id=o["pickup_store_id"],
        status=OrderStatus(o["status"]),
        created_at=o["created_at"],
        lines=[
            OrderLine(
                id=ln["id"],
                line_no=ln["line_no"],
                sku=ln["sku"],
                name=ln["name"],
                qty=ln["qty"],
                unit_price=Money(ln["unit_price"]),
                discount=Money(ln["discount"]),
                collected_qty=ln["collected_qty"],
                returned_qty=ln["returned_qty"],
                short_qty=ln["short_qty"],
            )
            for ln in p.lines
        ],
        payments=[
            Payment(
                tender=Tender(pm["tender"]), amount=Money(pm["amount"]), reference=pm["reference"]
            )
            for pm in p.payments
        ],
        pickup=pickup,
        points_earned=o["points_earned"],
        points_reversed=o["points_reversed"],
        delivered_at=o["delivered_at"],
    )


@dataclass(frozen=True)
class ReturnAsk:
    """What the seed wants returned: ``(line index, qty, reason, condition)`` per line."""

    lines: Sequence[tuple[int, int, str, str]]
    store_id: str
    staff_id: str
    at: datetime
    method: str = "original"
    refusal: bool = False
    override: tuple[str, str] | None = None  # manager id, reason


def apply_return(
    p: PendingOrder,
    ask: ReturnAsk,
    return_id: str,
    final_sale_skus: set[str],
    emit: Callable[[type[m.Base], dict[str, Any]], None],
) -> ReturnDecision:
    """Decide the return with the domain policy, update the order rows and emit the new rows."""
    requests = [
        ReturnRequest(
            order_line_id=p.lines[i]["id"],
            qty=qty,
            reason=ReturnReason(reason),
            condition=ReturnCondition(condition),
        )
        for i, qty, reason, condition in ask.lines
    ]
    override = (
        Override(manager_id=ask.override[0], reason=ask.override[1]) if ask.override else None
    )
    decision = POLICY.decide(
        to_domain(p),
        requests,
        final_sale_skus,
        ask.at,
        override=override,
        refusal=ask.refusal,
        refund_method=RefundMethod(ask.method),
        earlier_refunds=list(p.refunds),
    )
    emit(
        m.Return,
        {
            "id": return_id,
            "order_id": p.order["id"],
            "store_id": ask.store_id,
            "staff_id": ask.staff_id,
            "device_id": None,
            "created_at": ask.at,
            "source": "pickup_refusal" if ask.refusal else "counter",
            "refund_method": ask.method,
            "status": "completed",
            "amount": decision.amount.amount,
            "points_reversed": decision.points_to_reverse,
            "override_manager_id": ask.override[0] if ask.override else None,
            "override_reason": ask.override[1] if ask.override else None,
        },
    )
    by_id = {ln["id"]: ln for ln in p.lines}
    for rl in decision.lines:
        by_id[rl.order_line_id]["returned_qty"] += rl.qty
        emit(
            m.ReturnLine,
            {
                "return_id": return_id,
                "order_line_id": rl.order_line_id,
                "qty": rl.qty,
                "reason": rl.reason.value,
                "condition": rl.condition.value,
                "amount": rl.amount.amount,
            },
        )
    for refund in decision.refunds:
        emit(
            m.Refund,
            {
                "return_id": return_id,
                "tender": refund.tender.value,
                "amount": refund.amount.amount,
                "points": refund.points,
                "reference": refund.reference,
                "status": refund.status,
            },
        )
    p.refunds.extend(decision.refunds)
    p.order["points_reversed"] += decision.points_to_reverse
    return decision
