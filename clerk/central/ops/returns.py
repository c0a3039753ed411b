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
    customer_of,
    lock_row,
    products_by_sku,
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
from clerk.central.ops.sale import PaymentIn, SaleLineIn, book_sale
from clerk.central.problems import unprocessable
from clerk.domain.entities import RefundMethod, ReturnCondition, ReturnReason, Tender
from clerk.domain.money import Money
from clerk.domain.returns import EXCHANGE_REFERENCE, Override, ReturnRequest

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


class ExchangeIn(Command):
    """The replacement goods of an exchange, sold in the same action: the same products in
    another size or colour; ``payments`` is what the customer pays on top of the value
    returned (empty when the replacement costs no more). ``id``: the sale's id."""

    id: ClientId | None = None
    lines: Annotated[list[SaleLineIn], Field(min_length=1, max_length=50)]
    payments: list[PaymentIn] = Field(default_factory=list, max_length=5)


class ReturnIn(Command):
    """``POST /v1/returns``; ``id``: the return id the tablet chose. ``exchange`` goes with
    ``refund_method`` "exchange" (and only with it)."""

    id: ClientId | None = None
    staff_id: Id
    order_id: Id
    lines: Annotated[list[ReturnLineIn], Field(min_length=1, max_length=200)]
    refund_method: RefundMethod = RefundMethod.ORIGINAL
    override: OverrideIn | None = None
    exchange: ExchangeIn | None = None


@dataclass(frozen=True)
class ReturnResult:
    """The order after the return, the return as recorded, and an exchange's new sale."""

    order: m.Order
    recorded: RecordedReturn
    exchange_order: m.Order | None = None


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
    if (cmd.exchange is None) != (cmd.refund_method != RefundMethod.EXCHANGE):
        raise unprocessable(
            "exchange-mismatch",
            "An exchange names its replacement goods, and only an exchange does.",
        )
    order = lock_row(session, m.Order, cmd.order_id, "order")
    staff = check_staff(session, device, cmd.staff_id, COUNTER)
    override: Override | None = None
    if cmd.override is not None:
        manager = require_manager_override(
            session, device.store_id, cmd.override.manager_id, cmd.override.reason
        )
        override = Override(manager.id, cmd.override.reason.strip())
    requests = [
        ReturnRequest(line.line_id, line.qty, line.reason, line.condition) for line in cmd.lines
    ]
    price = None
    known = {line.id for line in order.lines}
    if cmd.exchange is not None and all(r.order_line_id in known for r in requests):
        # (An unknown line is the policy's to refuse, in its words.)
        price = _replacement_price(session, order, requests, cmd.exchange)
    decision = decide(
        session,
        order,
        requests,
        now,
        override=override,
        refund_method=cmd.refund_method,
        replacement=price,
    )
    # The policy first: a second tablet returning the units another one already took back
    # hears why (nothing left to return), not just that its copy of the order was stale.
    check_version(order.version, expected_version, "order")
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
    exchange_order = None
    if cmd.exchange is not None and price is not None:
        exchange_order = _sell_replacement(
            session, device, staff.id, order, min(decision.amount, price), cmd.exchange, now
        )
        touched(session).orders[exchange_order.id] = exchange_order
    bump_version(session, order)
    touched(session).orders[order.id] = order
    publish_touched(session, now)
    tell_customer_refunded(session, order, recorded, now)
    return ReturnResult(order, recorded, exchange_order)


def _replacement_price(
    session: Session, order: m.Order, requests: list[ReturnRequest], exchange: ExchangeIn
) -> Money:
    """The price of an exchange's new goods: the same products as the returned ones in
    another size or colour, else 422 ``exchange-other-product``."""
    skus = {line.id: line.sku for line in order.lines}
    returned = products_by_sku(session, (skus[r.order_line_id] for r in requests))
    styles = {product.style for product in returned.values()}
    wanted = products_by_sku(session, (line.sku for line in exchange.lines))
    foreign = sorted(
        line.sku
        for line in exchange.lines
        if line.sku not in wanted or wanted[line.sku].style not in styles
    )
    if foreign:
        raise unprocessable(
            "exchange-other-product",
            "An exchange gives the same product in another size or colour; "
            f"{', '.join(foreign)} is another product.",
            skus=foreign,
        )
    return sum((Money(wanted[line.sku].price) * line.qty for line in exchange.lines), Money.zero())


def _sell_replacement(
    session: Session,
    device: DeviceLike,
    staff_id: str,
    order: m.Order,
    credit: Money,
    exchange: ExchangeIn,
    now: datetime,
) -> m.Order:
    """The exchange's sale: paid by the return's exchange refund (``credit``: the value
    returned, at most the price) and, when the replacement costs more, the customer's
    payments. When it costs less, the rest of the value was refunded to the original
    tenders with the return (``settle_exchange``)."""
    payments: list[tuple[Tender, Money, str | None]] = [
        (Tender.STORE_CREDIT, credit, EXCHANGE_REFERENCE)
    ]
    payments += [(Tender(p.tender), Money(p.amount), p.reference) for p in exchange.payments]
    return book_sale(
        session,
        device,
        staff_id=staff_id,
        customer=customer_of(session, order.customer_id),
        lines=[(line.sku, line.qty) for line in exchange.lines],
        payments=payments,
        redeem_points=0,
        now=now,
        order_id=exchange.id,
    )


__all__ = ["ExchangeIn", "OverrideIn", "ReturnIn", "ReturnLineIn", "ReturnResult", "create_return"]
