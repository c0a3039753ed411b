"""A store sale at the counter, including finalizing the customer's online cart.

Prices come from the local catalogue (central's prices, as the feed delivered them): the
tablet never invents one. Points are redeemed in blocks and earned by tier by the same
:mod:`clerk.domain.loyalty` rules central applies; the order gets the id the tablet chose, so
the receipt and any later return name it before central has seen the sale. Its number is
central's to give: until the answer arrives it is ``PENDING_NUMBER``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from clerk.domain.entities import (
    Cart,
    Channel,
    Customer,
    Fulfilment,
    LoyaltyKind,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    Tender,
)
from clerk.domain.loyalty import points_earned, validate_redemption
from clerk.domain.money import Money
from clerk.domain.store_credit import normalize_code
from clerk.services.context import Actor, ServiceContext
from clerk.services.effects import PointsMove, move_points, move_stock
from clerk.services.errors import InvalidRequest, NotFound, WrongState
from clerk.services.outbox import Action, Key, Outcome, client_id, lane_of, perform
from clerk.services.staff import SALES, require_staff
from clerk.store import StoreUnit

__all__ = [
    "PENDING_NUMBER",
    "SaleLine",
    "Tendered",
    "check_sale_request",
    "counter_order",
    "payments_body",
    "priced_sale",
    "store_sale",
]

PENDING_NUMBER = ""  # an order sold here has no number until central answers
MAX_LINES = 200
MAX_QTY = 999
MAX_PAYMENTS = 10


@dataclass(frozen=True)
class SaleLine:
    """A product and how many of it."""

    sku: str
    qty: int


@dataclass(frozen=True)
class Tendered:
    """Money taken at the counter (points go through ``redeem_points`` instead)."""

    tender: Tender
    amount: Money
    reference: str | None = None


def check_sale_request(
    lines: Sequence[SaleLine],
    payments: Sequence[Tendered],
    customer_id: str | None,
    cart_id: str | None,
    redeem_points: int,
) -> None:
    if len(lines) > MAX_LINES:
        raise InvalidRequest("too_many_lines", f"A sale has at most {MAX_LINES} lines.")
    for line in lines:
        if not 1 <= line.qty <= MAX_QTY:
            raise InvalidRequest(
                "invalid_quantity", f"Sell 1 to {MAX_QTY} units of {line.sku}, not {line.qty}."
            )
    if len(payments) > MAX_PAYMENTS:
        raise InvalidRequest("too_many_payments", f"A sale takes at most {MAX_PAYMENTS} payments.")
    for payment in payments:
        if Tender(payment.tender) == Tender.POINTS:
            raise InvalidRequest(
                "points_as_payment", "Redeem points with the points field, not as a payment."
            )
        if payment.amount.is_negative():
            raise InvalidRequest("negative_payment", "A payment cannot be negative.")
        if Tender(payment.tender) == Tender.STORE_CREDIT and (
            payment.reference is None or normalize_code(payment.reference) != payment.reference
        ):
            raise InvalidRequest(
                "store_credit_needs_code", "Store credit is taken by its code: check it first."
            )
        if payment.reference is not None and len(payment.reference) > 64:
            raise InvalidRequest(
                "reference_too_long", "A payment reference has at most 64 characters."
            )
    if redeem_points < 0:
        raise InvalidRequest("invalid_points", "Points to redeem cannot be negative.")
    if redeem_points and customer_id is None:
        raise InvalidRequest(
            "redemption_needs_customer", "Points can only be redeemed by a member: scan their card."
        )
    if cart_id is not None and customer_id is None:
        raise InvalidRequest(
            "cart_needs_customer", "An online cart is finalized for its customer: identify them."
        )


def _open_cart(unit: StoreUnit, cart_id: str, customer_id: str) -> Cart:
    cart = unit.carts.active_for_customer(customer_id)
    if cart is None or cart.id != cart_id:
        raise WrongState(
            "cart_consumed",
            "That online cart is no longer open (finalized or replaced); reload the customer.",
        )
    return cart


def store_sale(
    ctx: ServiceContext,
    actor: Actor,
    *,
    lines: Sequence[SaleLine] = (),
    payments: Sequence[Tendered] = (),
    customer_id: str | None = None,
    cart_id: str | None = None,
    redeem_points: int = 0,
    order_id: str | None = None,
    customer_named_by_code: bool = False,
) -> Outcome[Order]:
    """Sell at the counter (roles sales, manager); with ``cart_id``, finalize that online cart.

    Without ``lines`` a cart's lines are sold. Payments plus the value of the redeemed
    points must equal the total at catalogue prices. Locally at once: the order (status
    completed, number pending), the cart consumed, this store's stock down, points redeemed
    and earned. The command sends the lines explicitly, so central sells exactly what the
    clerk rang up even if the customer changes the cart online meanwhile.

    ``customer_named_by_code``: the customer is not on the tablet, only named by their
    signed loyalty code (offline, never fetched). The sale still names them; central credits
    their points (the tablet cannot know their tier), and points cannot be redeemed.
    """
    check_sale_request(lines, payments, customer_id, cart_id, redeem_points)
    new_id = client_id(order_id)
    now = ctx.clock.now()
    sold: list[Order] = []
    audit: dict[str, Any] = {"order_id": new_id, "cart_id": cart_id, "customer_id": customer_id}
    body: dict[str, Any] = {"id": new_id, "staff_id": actor.staff_id}
    if customer_id is not None:
        body["customer_id"] = customer_id
    if cart_id is not None:
        body["cart_id"] = cart_id
    body["payments"] = payments_body(payments)
    if redeem_points:
        body["redeem_points"] = redeem_points

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        require_staff(unit, actor, SALES, "sell")
        customer: Customer | None = None
        if customer_id is not None:
            customer = unit.customers.get(customer_id)
            if customer is None and customer_named_by_code and not redeem_points and not cart_id:
                pass  # named by a verified code: central knows them
            elif customer is None:
                raise NotFound(
                    "customer_not_found", "This customer is not on the tablet; scan their card."
                )
        keys: list[Key] = []
        wanted = [(line.sku, line.qty) for line in lines]
        if cart_id is not None and customer_id is not None:
            cart = _open_cart(unit, cart_id, customer_id)
            if not wanted:
                wanted = [(line.sku, line.qty) for line in cart.lines]
            cart.status = "consumed"
            cart.updated_at = now
            unit.cache.put_local("cart", cart.to_dict())
            keys.append(("cart", cart.id))
        order = counter_order(unit, actor, new_id, customer, wanted, payments, redeem_points, now)
        order.customer_id = customer_id
        if cart_id is not None:
            order.cart_id = cart_id
        unit.cache.put_local("order", order.to_dict())
        keys.append(("order", order.id))
        taken: Counter[str] = Counter()
        for sku, qty in wanted:
            taken[sku] += qty
        keys += move_stock(unit, actor.store_id, on_hand={s: -q for s, q in taken.items()})
        if customer is not None:
            keys += move_points(
                unit,
                customer,
                [
                    PointsMove(
                        -redeem_points, LoyaltyKind.REDEEM, "Redeemed at the counter", new_id
                    ),
                    PointsMove(
                        order.points_earned, LoyaltyKind.EARN, "Earned at the counter", new_id
                    ),
                ],
                store_id=actor.store_id,
                now=now,
            )
        # Send the lines sold (a cart's, when none were given): see the docstring.
        body["lines"] = [{"sku": sku, "qty": qty} for sku, qty in wanted]
        audit["total"] = str(order.total.amount)
        audit["points_earned"] = order.points_earned
        sold.append(order)
        return tuple(keys)

    action = Action(
        kind="store_sale",
        method="POST",
        path="/v1/orders",
        body=body,
        lane=lane_of("order", new_id),
        target=f"order:{new_id}",
        effect=effect,
        audit_detail=audit,
    )
    command = perform(ctx, actor, action)
    return Outcome(sold[0], command)


def priced_sale(
    unit: StoreUnit,
    actor: Actor,
    order_id: str,
    customer: Customer | None,
    wanted: list[tuple[str, int]],
    payments: Sequence[Tendered],
    now: datetime,
) -> Order:
    """A completed store order of ``wanted`` at catalogue prices, checked against this
    store's stock and ``payments`` (which must add up to the total); not written."""
    return counter_order(unit, actor, order_id, customer, wanted, payments, 0, now)


def payments_body(payments: Sequence[Tendered]) -> list[dict[str, str]]:
    """The payments as central's sale commands take them."""
    return [
        {"tender": str(p.tender), "amount": str(p.amount.amount)}
        | ({"reference": p.reference} if p.reference else {})
        for p in payments
    ]


def counter_order(
    unit: StoreUnit,
    actor: Actor,
    order_id: str,
    customer: Customer | None,
    wanted: list[tuple[str, int]],
    payments: Sequence[Tendered],
    redeem_points: int,
    now: datetime,
    *,
    set_aside: Counter[str] | None = None,
) -> Order:
    """The completed store order at catalogue prices, checked against stock and payments.

    ``set_aside``: units held for this very sale (a reservation being collected), which
    count as available to it."""
    if not wanted:
        raise InvalidRequest("empty_sale", "Scan at least one product to sell.")
    order_lines: list[OrderLine] = []
    need: Counter[str] = Counter()
    for no, (sku, qty) in enumerate(wanted, start=1):
        product = unit.catalog.product(sku)
        if product is None:
            raise NotFound(
                "unknown_product",
                f"Product {sku} is not in the tablet's catalogue; sync, or sell another item.",
                {"sku": sku},
            )
        need[sku] += qty
        order_lines.append(OrderLine(f"{order_id}-{no}", no, sku, product.name, qty, product.price))
    for sku, qty in sorted(need.items()):
        level = unit.catalog.stock(sku)
        available = level.available if level is not None else 0
        if set_aside is not None:
            available += set_aside[sku]
        if available < qty:
            raise InvalidRequest(
                "insufficient_stock",
                f"Only {max(available, 0)} of {sku} are available here, not {qty}; "
                "check the stock count.",
                {"available": max(available, 0), "sku": sku, "qty": qty},
            )
    total = sum((line.total for line in order_lines), Money.zero())
    redeemed = Money.zero()
    if redeem_points:
        assert customer is not None  # checked before the unit
        redeemed = validate_redemption(redeem_points, customer.points_balance, total)
    paid = sum((p.amount for p in payments), Money.zero())
    if paid + redeemed != total:
        raise InvalidRequest(
            "payments_do_not_match_total",
            f"The payments ({paid.amount}) and redeemed points ({redeemed.amount}) must add up "
            f"to the total ({total.amount}); {(total - redeemed).amount} is due.",
            {"due": (total - redeemed).amount},
        )
    order_payments = [
        Payment(Tender(p.tender), p.amount, p.reference) for p in payments if not p.amount.is_zero()
    ]
    if redeem_points:
        order_payments.append(Payment(Tender.POINTS, redeemed))
    return Order(
        id=order_id,
        number=PENDING_NUMBER,
        channel=Channel.STORE,
        customer_id=customer.id if customer else None,
        fulfilment=Fulfilment.CARRY_OUT,
        store_id=actor.store_id,
        pickup_store_id=None,
        status=OrderStatus.COMPLETED,
        created_at=now,
        lines=order_lines,
        payments=order_payments,
        points_earned=points_earned(paid, customer.tier) if customer else 0,
    )
