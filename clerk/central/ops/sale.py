"""A store sale at the counter, including finalizing the customer's online cart.

Prices come from central's product table, points are redeemed as a ``points`` tender and
earned by tier (both by :mod:`clerk.domain.loyalty`), stock leaves the selling store's
shelf, and the cart a sale finalizes is consumed.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.ops.common import (
    SALES,
    ClientId,
    Command,
    DeviceLike,
    add_new,
    adjust_stock,
    check_staff,
    choose_id,
    domain_refusal,
    lock_row,
    products_by_sku,
    publish_touched,
    start_use_case,
    touched,
)
from clerk.central.ops.points import move_points
from clerk.central.ops.store_credit import spend_credits
from clerk.central.problems import conflict, not_found, unprocessable
from clerk.domain.entities import Channel, Fulfilment, LoyaltyKind, OrderStatus, Tender, Tier
from clerk.domain.errors import RedemptionError
from clerk.domain.loyalty import points_earned, validate_redemption
from clerk.domain.money import Money

Id = Annotated[str, Field(min_length=1, max_length=40)]


class SaleLineIn(Command):
    """One line of a sale: a product and how many."""

    sku: Annotated[str, Field(min_length=1, max_length=32)]
    qty: Annotated[int, Field(ge=1, le=999)]


class PaymentIn(Command):
    """Money taken at the counter (points are redeemed through ``redeem_points`` instead)."""

    tender: Tender
    amount: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
    reference: Annotated[str | None, Field(max_length=64)] = None


class SaleIn(Command):
    """``POST /v1/orders``: a store sale; with ``cart_id`` it finalizes that online cart
    (its lines are used when ``lines`` is empty). ``id``: the order id the tablet chose."""

    id: ClientId | None = None
    staff_id: Id
    customer_id: Id | None = None
    cart_id: Id | None = None
    lines: list[SaleLineIn] = Field(default_factory=list, max_length=200)
    payments: list[PaymentIn] = Field(default_factory=list, max_length=10)
    redeem_points: Annotated[int, Field(ge=0, le=100_000_000)] = 0


@dataclass(frozen=True)
class SaleResult:
    """The order booked and the points that moved."""

    order: m.Order
    points_earned: int
    points_redeemed: int
    customer: m.Customer | None


def order_number(session: Session, store_id: str, now: datetime) -> str:
    """A human-readable order number not taken yet: store, date and six hex digits.

    Six random hex digits alone collide (a store selling a thousand items a day would meet a
    taken number every few weeks), so a taken one is drawn again."""
    while True:
        number = f"{store_id}-{now:%y%m%d}-{secrets.token_hex(3).upper()}"
        taken = session.execute(select(m.Order.id).where(m.Order.number == number)).first()
        if taken is None:
            return number


def record_sale(session: Session, device: DeviceLike, sale: SaleIn, now: datetime) -> SaleResult:
    """Book a store sale at the device's store (role sales or manager)."""
    start_use_case(session)
    staff = check_staff(session, device, sale.staff_id, SALES)
    customer = (
        lock_row(session, m.Customer, sale.customer_id, "customer") if sale.customer_id else None
    )
    cart: m.Cart | None = None
    lines = [(line.sku, line.qty) for line in sale.lines]
    if sale.cart_id is not None:
        cart = _open_cart(session, sale.cart_id, customer)
        if not lines:
            lines = [(line.sku, line.qty) for line in cart.lines]
    if any(p.tender == Tender.POINTS for p in sale.payments):
        raise unprocessable(
            "points-as-payment", "Redeem points with redeem_points, not as a payment line."
        )
    payments = [(Tender(p.tender), Money(p.amount), p.reference) for p in sale.payments]
    spend_credits(session, payments)
    order = book_sale(
        session,
        device,
        staff_id=staff.id,
        customer=customer,
        lines=lines,
        payments=payments,
        redeem_points=sale.redeem_points,
        now=now,
        order_id=sale.id,
    )
    if cart is not None:
        order.cart_id = cart.id
        cart.status = "consumed"
        cart.updated_at = now
        cart.version += 1
        session.flush()
        touched(session).carts[cart.id] = cart
    touched(session).orders[order.id] = order
    publish_touched(session, now)
    return SaleResult(order, order.points_earned, order.points_redeemed, customer)


def _open_cart(session: Session, cart_id: str, customer: m.Customer | None) -> m.Cart:
    cart = session.get(m.Cart, cart_id, populate_existing=True, with_for_update=True)
    if cart is None:
        raise not_found("cart")
    if customer is None or cart.customer_id != customer.id:
        raise unprocessable(
            "cart-of-another-customer", "That cart belongs to another customer than this sale."
        )
    if cart.status != "active":
        raise conflict("cart-consumed", "That cart has already been finalized.")
    return cart


def book_sale(
    session: Session,
    device: DeviceLike,
    *,
    staff_id: str,
    customer: m.Customer | None,
    lines: list[tuple[str, int]],
    payments: list[tuple[Tender, Money, str | None]],
    redeem_points: int,
    now: datetime,
    release_held: bool = False,
    order_id: str | None = None,
) -> m.Order:
    """Write a completed store order: lines at central prices, payments, stock and points.

    ``release_held`` takes the units out of the store's held stock as well (a reservation
    being collected: those units were set aside for the customer). ``order_id`` is the id
    the client chose (409 ``id-taken`` if another order has it). The caller publishes the
    order (it may still change it).
    """
    if not lines:
        raise unprocessable("empty-sale", "A sale needs at least one line.")
    products = products_by_sku(session, (sku for sku, _ in lines))
    unknown = sorted({sku for sku, _ in lines} - products.keys())
    if unknown:
        raise unprocessable("unknown-sku", f"Unknown products: {', '.join(unknown)}.", skus=unknown)
    total = sum((Money(products[sku].price) * qty for sku, qty in lines), Money.zero())
    redeemed_value = _redemption(customer, redeem_points, total)
    paid = sum((amount for _, amount, _ in payments), Money.zero())
    if paid + redeemed_value != total:
        raise unprocessable(
            "payments-do-not-match-total",
            f"The payments ({paid}) and redeemed points ({redeemed_value}) must add up to "
            f"the total ({total}).",
            total=str(total),
            due=str(total - redeemed_value),
        )
    order = m.Order(
        id=choose_id(session, order_id, "order", m.Order),
        number=order_number(session, device.store_id, now),
        channel=str(Channel.STORE),
        customer_id=customer.id if customer else None,
        fulfilment=str(Fulfilment.CARRY_OUT),
        store_id=device.store_id,
        status=str(OrderStatus.COMPLETED),
        created_at=now,
        staff_id=staff_id,
        device_id=device.device_id,
        points_redeemed=redeem_points,
        version=1,
    )
    order.lines = [
        m.OrderLine(
            id=f"{order.id}-{no}",
            line_no=no,
            sku=sku,
            name=products[sku].name,
            qty=qty,
            unit_price=products[sku].price,
            discount=Decimal("0.00"),
        )
        for no, (sku, qty) in enumerate(lines, start=1)
    ]
    order.payments = [
        m.Payment(tender=str(tender), amount=amount.amount, reference=reference)
        for tender, amount, reference in payments
        if not amount.is_zero()
    ]
    if redeem_points:
        order.payments.append(
            m.Payment(tender=str(Tender.POINTS), amount=redeemed_value.amount, reference=None)
        )
    add_new(session, order, "order")
    _take_stock(session, device.store_id, lines, now, release_held=release_held)
    if customer is not None:
        _settle_points(session, device, order, customer, paid, now)
    return order


def _redemption(customer: m.Customer | None, points: int, total: Money) -> Money:
    if not points:
        return Money.zero()
    if customer is None:
        raise unprocessable("redemption-needs-customer", "Points can only be redeemed by a member.")
    try:
        return validate_redemption(points, customer.points_balance, total)
    except RedemptionError as error:
        raise domain_refusal(error) from error


def _take_stock(
    session: Session,
    store_id: str,
    lines: list[tuple[str, int]],
    now: datetime,
    *,
    release_held: bool,
) -> None:
    wanted = Counter[str]()
    for sku, qty in lines:
        wanted[sku] += qty
    for sku, qty in sorted(wanted.items()):
        if release_held:
            done = adjust_stock(session, store_id, sku, on_hand=-qty, held=-qty)
        else:
            done = adjust_stock(session, store_id, sku, on_hand=-qty, need_available=qty)
        if not done:
            raise conflict(
                "insufficient-stock",
                f"Only fewer than {qty} of {sku} are available here; check the stock count.",
                sku=sku,
            )
        touched(session).stock.add((store_id, sku))


def _settle_points(
    session: Session,
    device: DeviceLike,
    order: m.Order,
    customer: m.Customer,
    paid: Money,
    now: datetime,
) -> None:
    move_points(
        session,
        customer,
        -order.points_redeemed,
        LoyaltyKind.REDEEM,
        now=now,
        store_id=device.store_id,
        order_id=order.id,
        note=f"Redeemed on order {order.number}",
    )
    earned = points_earned(paid, Tier(customer.tier))
    order.points_earned = earned
    move_points(
        session,
        customer,
        earned,
        LoyaltyKind.EARN,
        now=now,
        store_id=device.store_id,
        order_id=order.id,
        note=f"Earned on order {order.number}",
    )
