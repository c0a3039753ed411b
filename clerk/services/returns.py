"""A return at the counter, of any order of any channel, decided by the domain policy.

The amounts are the domain's :class:`~clerk.domain.returns.ReturnPolicy` with the same
inputs central gives it (the order, its earlier refunds, the final-sale SKUs, the store's
window), so the refund the clerk announces is the refund central books.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from clerk.domain.entities import (
    LoyaltyKind,
    Order,
    RefundMethod,
    Return,
    ReturnCondition,
    ReturnReason,
    Tender,
)
from clerk.domain.money import Money
from clerk.domain.returns import EXCHANGE_REFERENCE, Override, ReturnDecision, ReturnRequest
from clerk.domain.store_credit import with_credit_code
from clerk.services.context import Actor, ServiceContext
from clerk.services.effects import (
    PointsMove,
    decide_return,
    move_points,
    move_stock,
    order_here,
    put_order,
    record_return,
    settings_of,
)
from clerk.services.errors import InvalidRequest
from clerk.services.outbox import Action, Key, Outcome, client_id, lane_of, perform
from clerk.services.sales import SaleLine, Tendered, priced_sale
from clerk.services.staff import ANYONE, require_manager, require_staff
from clerk.store import StoreUnit

__all__ = [
    "THROUGH_CENTRAL",
    "Exchange",
    "ManagerOverride",
    "ReturnItem",
    "create_return",
    "exchange_due",
    "preview_return",
]

# Tenders refunded through central's payment provider: pending until central has paid them.
THROUGH_CENTRAL = frozenset({Tender.CARD, Tender.ONLINE})

MAX_QTY = 999
REASON_MAX = 500


@dataclass(frozen=True)
class ReturnItem:
    """Units of one order line coming back, why, and in what state."""

    line_id: str
    qty: int
    reason: ReturnReason
    condition: ReturnCondition = ReturnCondition.RESELLABLE


@dataclass(frozen=True)
class ManagerOverride:
    """A manager allowing what the policy refuses (window passed, final sale), with a reason.

    The UI checks the manager's PIN before building one."""

    manager_id: str
    reason: str


@dataclass(frozen=True)
class Exchange:
    """The replacement goods of an exchange (the same products in another size or colour, in
    stock here) and what the customer pays on top when they cost more than the value
    returned. ``order_id``: the new sale's id (chosen here when None)."""

    lines: Sequence[SaleLine]
    payments: Sequence[Tendered] = field(default_factory=tuple)
    order_id: str | None = None


def exchange_due(returned: Money, replacement: Money) -> tuple[Money, Money]:
    """What the customer pays on top of the value ``returned`` for a ``replacement``, and
    what is refunded to the original tenders when it is cheaper (one of the two is zero)."""
    if replacement >= returned:
        return replacement - returned, Money.zero()
    return Money.zero(), returned - replacement


def _pending_through_central(decision: ReturnDecision) -> ReturnDecision:
    # Card and online refunds are paid out by central: until it has, they are pending here
    # (offline, that may be a while — the receipt says so). Central's answer replaces them.
    refunds = [
        replace(r, status="pending") if Tender(r.tender) in THROUGH_CENTRAL else r
        for r in decision.refunds
    ]
    return replace(decision, refunds=refunds)


def preview_return(
    ctx: ServiceContext,
    order_id: str,
    items: Sequence[ReturnItem],
    *,
    refund_method: RefundMethod = RefundMethod.ORIGINAL,
    override: ManagerOverride | None = None,
    replacement: Sequence[SaleLine] = (),
    now: datetime | None = None,
) -> ReturnDecision:
    """What confirming the return would do (lines, amount, refunds per tender, points
    reversed), decided by the same policy with the same inputs as :func:`create_return`;
    reads only. ``replacement``: an exchange's new goods chosen so far (the refunds then
    settle them, the rest back to the original tenders). Raises ReturnNotAllowed as
    confirming would."""
    moment = now if now is not None else ctx.clock.now()
    requests = [ReturnRequest(i.line_id, i.qty, i.reason, i.condition) for i in items]
    allowed = Override(override.manager_id, override.reason.strip()) if override else None
    with ctx.store.unit(read_only=True) as unit:
        order = order_here(unit, order_id)
        price = None
        if replacement and RefundMethod(refund_method) == RefundMethod.EXCHANGE:
            price = _replacement_price(unit, order, requests, replacement)
        decision = decide_return(
            unit,
            order,
            requests,
            moment,
            window_days=settings_of(unit, ctx.store_id).return_window_days,
            override=allowed,
            refund_method=refund_method,
            replacement=price,
        )
    return _pending_through_central(decision)


def _check_items(items: Sequence[ReturnItem], override: ManagerOverride | None) -> None:
    if not items:
        raise InvalidRequest("empty_return", "Choose at least one item to return.")
    if len(items) > 200:
        raise InvalidRequest("too_many_lines", "A return has at most 200 lines.")
    for item in items:
        if not 1 <= item.qty <= MAX_QTY:
            raise InvalidRequest(
                "invalid_quantity", f"Return 1 to {MAX_QTY} units of a line, not {item.qty}."
            )
    if override is not None and len(override.reason.strip()) > REASON_MAX:
        raise InvalidRequest(
            "override_reason_too_long", f"Keep the reason under {REASON_MAX} characters."
        )


def create_return(
    ctx: ServiceContext,
    actor: Actor,
    order_id: str,
    items: Sequence[ReturnItem],
    *,
    refund_method: RefundMethod = RefundMethod.ORIGINAL,
    override: ManagerOverride | None = None,
    return_id: str | None = None,
    exchange: Exchange | None = None,
) -> Outcome[Return]:
    """Take goods back and refund them (any role); a manager's override lets window and
    final-sale refusals through (never quantities).

    Locally at once: the return (under the id central will keep), the order's returned
    counts, resellable units back on this store's shelf, the customer's points reversed.
    Card and online refunds stay *pending* until central has paid them out; cash and store
    credit are done here. With ``exchange`` (refund method "exchange") the replacement is
    sold in the same action and the same command: paid by the value returned, plus the
    customer's payments when it costs more; when it costs less, the rest of the value is
    refunded to the original tenders in proportion (as central does).
    """
    _check_items(items, override)
    if (exchange is None) != (RefundMethod(refund_method) != RefundMethod.EXCHANGE):
        raise InvalidRequest(
            "exchange_needs_goods",
            "Choose the replacement size or colour for an exchange.",
        )
    new_id = client_id(return_id)
    exchange_id = client_id(exchange.order_id) if exchange is not None else None
    now = ctx.clock.now()
    done: list[Return] = []
    audit: dict[str, Any] = {"return_id": new_id, "order_id": order_id}

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        require_staff(unit, actor, ANYONE, "take returns")
        order = order_here(unit, order_id)
        allowed: Override | None = None
        if override is not None:
            manager = require_manager(unit, actor.store_id, override.manager_id, override.reason)
            allowed = Override(manager.id, override.reason.strip())
        requests = [ReturnRequest(i.line_id, i.qty, i.reason, i.condition) for i in items]
        price = None
        if exchange is not None:
            price = _replacement_price(unit, order, requests, exchange.lines)
        decision = decide_return(
            unit,
            order,
            requests,
            now,
            window_days=settings_of(unit, actor.store_id).return_window_days,
            override=allowed,
            refund_method=refund_method,
            replacement=price,
        )
        decision = _pending_through_central(decision)
        # The store credit's code, made here so a return taken offline prints it.
        decision = replace(decision, refunds=with_credit_code(decision.refunds, new_id))
        ret, keys = record_return(
            unit,
            order,
            decision,
            return_id=new_id,
            store_id=actor.store_id,
            staff_id=actor.staff_id,
            now=now,
            refund_method=refund_method,
            override=allowed,
        )
        back: Counter[str] = Counter()
        for line in decision.lines:
            order_line = order.line(line.order_line_id)
            assert order_line is not None
            if line.condition == ReturnCondition.RESELLABLE:
                back[order_line.sku] += line.qty
        keys += move_stock(unit, actor.store_id, on_hand=back)
        keys.append(put_order(unit, order))
        if exchange is not None and exchange_id is not None and price is not None:
            keys += _sell_replacement(
                unit, actor, order, decision, exchange, exchange_id, price, now
            )
            audit["exchange_order_id"] = exchange_id
        audit["amount"] = str(decision.amount.amount)
        audit["refunds"] = [refund.to_dict() for refund in decision.refunds]
        audit["points_reversed"] = decision.points_to_reverse
        if decision.override_used and allowed is not None:
            audit["override"] = {"manager_id": allowed.manager_id, "reason": allowed.reason}
        done.append(ret)
        return tuple(keys)

    body: dict[str, Any] = {
        "id": new_id,
        "staff_id": actor.staff_id,
        "order_id": order_id,
        "lines": [
            {
                "line_id": item.line_id,
                "qty": item.qty,
                "reason": str(item.reason),
                "condition": str(item.condition),
            }
            for item in items
        ],
        "refund_method": str(refund_method),
    }
    if override is not None:
        body["override"] = {"manager_id": override.manager_id, "reason": override.reason.strip()}
    if exchange is not None:
        body["exchange"] = {
            "id": exchange_id,
            "lines": [{"sku": line.sku, "qty": line.qty} for line in exchange.lines],
            "payments": [
                {"tender": str(p.tender), "amount": str(p.amount.amount)}
                | ({"reference": p.reference} if p.reference else {})
                for p in exchange.payments
            ],
        }
    action = Action(
        kind="create_return",
        method="POST",
        path="/v1/returns",
        body=body,
        lane=lane_of("order", order_id),
        target=f"order:{order_id}",
        effect=effect,
        audit_detail=audit,
        # No If-Match (DESIGN.md section 5: state changes *may* send it): central re-decides
        # the return under the order's row lock, never more than is still returnable, and
        # refuses with the policy's reason otherwise. A version moved by another tablet's
        # return of other units must not refuse a return whose refund was already paid here.
    )
    command = perform(ctx, actor, action)
    return Outcome(done[0], command)


def _replacement_price(
    unit: StoreUnit, order: Order, requests: Sequence[ReturnRequest], lines: Sequence[SaleLine]
) -> Money | None:
    """The price of an exchange's new goods: the same products as the returned ones in
    another size or colour (else ``exchange_other_product``), as central checks them. An
    unknown line is left to the policy to refuse (None)."""
    if any(order.line(r.order_line_id) is None for r in requests):
        return None
    styles = set()
    for request in requests:
        order_line = order.line(request.order_line_id)
        product = unit.catalog.product(order_line.sku) if order_line else None
        if product is not None:
            styles.add(product.style)
    total = Money.zero()
    for item in lines:
        product = unit.catalog.product(item.sku)
        if product is None or product.style not in styles:
            raise InvalidRequest(
                "exchange_other_product",
                f"An exchange gives the same product in another size or colour; {item.sku} "
                "is another product.",
                {"sku": item.sku},
            )
        total += product.price * item.qty
    return total


def _sell_replacement(
    unit: StoreUnit,
    actor: Actor,
    order: Order,
    decision: ReturnDecision,
    exchange: Exchange,
    exchange_id: str,
    price: Money,
    now: datetime,
) -> list[Key]:
    """The exchange's sale, as central books it (``ops.returns._sell_replacement``): paid by
    the exchange refund of the return (the value returned, at most the price) and the
    customer's payments for any difference."""
    wanted = [(line.sku, line.qty) for line in exchange.lines]
    # The exchange refund of settle_exchange: the value returned, at most the price.
    credit = min(decision.amount, price)
    payments = [Tendered(Tender.STORE_CREDIT, credit, EXCHANGE_REFERENCE), *exchange.payments]
    customer = unit.customers.get(order.customer_id) if order.customer_id else None
    sale = priced_sale(unit, actor, exchange_id, customer, wanted, payments, now)
    sale.customer_id = order.customer_id
    unit.cache.put_local("order", sale.to_dict())
    keys: list[Key] = [("order", sale.id)]
    keys += move_stock(unit, actor.store_id, on_hand={sku: -qty for sku, qty in wanted})
    if customer is not None:
        keys += move_points(
            unit,
            customer,
            [PointsMove(sale.points_earned, LoyaltyKind.EARN, "Earned on an exchange", sale.id)],
            store_id=actor.store_id,
            now=now,
        )
    return keys
