"""A known day at WAW-01 (10 March 2026, the world's NOW is 13:00 in Warsaw), for the Today
figures, their screen and their exports: what happened, and what the figures must say.

- pickups now: one to prepare, two ready on the shelf, one of them overdue;
- released today: one ready at 09:00 and collected at 11:00 (Warsaw: 2 h), one ready the day
  before at 12:30 and collected at 12:30 (24 h); one collected today with no ready time; one
  collected yesterday (not today);
- returns here today: a web order's (2 too small, 1 damaged on arrival; 150.00 refunded) and a
  store sale's (1 changed mind; 19.99); one yesterday and one at another store (not today);
  refunds that are no customer's return: an expired hold (reason other), a short pick and a
  refusal at pickup;
- effort scores: 4 with a customer and 2 without (this tablet), 5 from another tablet via the
  feed; one at another store and one yesterday (not today);
- sales here: one finishing the customer's online cart (169.97), one plain (19.99).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from clerk.domain.entities import (
    Channel,
    Fulfilment,
    Interaction,
    InteractionKind,
    Order,
    OrderStatus,
    Refund,
    RefundMethod,
    Return,
    ReturnCondition,
    ReturnLine,
    ReturnReason,
    Tender,
)
from clerk.domain.money import Money
from clerk.services import SaleLine, Tendered, record_feedback, store_sale
from tests.services.world import NOW, STORE, Tablet, order

H = timedelta(hours=1)
DAY = NOW.date()  # 2026-03-10 (NOW is 12:00 UTC, 13:00 in Warsaw)


def _collected(tablet: Tablet, ready_at: object, collected_at: object) -> Order:
    made = order(tablet, [("SHIRT-M", 1)], status=OrderStatus.COLLECTED)
    assert made.pickup is not None
    pickup = replace(made.pickup, ready_at=ready_at, collected_at=collected_at)
    done = replace(made, pickup=pickup)
    tablet.put("order", done)
    return done


def _return(
    tablet: Tablet,
    ret_id: str,
    source: Order,
    lines: list[tuple[int, ReturnReason]],
    refunded: str,
    *,
    at: object = NOW - H,
    store_id: str = STORE,
    kind: str = "counter",
) -> Return:
    ret = Return(
        id=ret_id,
        order_id=source.id,
        store_id=store_id,
        staff_id="anna",
        created_at=at,  # type: ignore[arg-type]
        lines=[
            ReturnLine(source.lines[0].id, qty, reason, ReturnCondition.RESELLABLE, Money(refunded))
            for qty, reason in lines
        ],
        refund_method=RefundMethod.ORIGINAL,
        refunds=[Refund(Tender.CARD, Money(refunded))],
        source=kind,  # type: ignore[arg-type]
    )
    tablet.put("return", ret)
    return ret


def _feedback(tablet: Tablet, fid: str, score: int, *, at: object, store_id: str) -> None:
    tablet.put(
        "interaction",
        Interaction(
            id=fid,
            customer_id="cust-gold",
            kind=InteractionKind.FEEDBACK,
            channel=Channel.STORE,
            subject=f"Pickup feedback: {score}/5",
            body="",
            thread_id=None,
            status=None,
            staff_id="piotr",
            store_id=store_id,
            created_at=at,  # type: ignore[arg-type]
        ),
    )


def fill_day(tablet: Tablet) -> dict[str, str]:
    """Make the day happen; returns a few order ids the tests look for."""
    # The queue now.
    order(tablet, [("JEANS-32", 1)], status=OrderStatus.PLACED)
    order(tablet, [("SOCKS-1", 1)])  # ready, held 6 more days
    overdue = order(tablet, [("SOCKS-1", 1)], hold_until=NOW - H)
    # Released.
    two_hours = _collected(tablet, NOW - 4 * H, NOW - 2 * H)  # 09:00 → 11:00 Warsaw
    half = timedelta(minutes=30)
    a_day = _collected(tablet, NOW - 24 * H - half, NOW - half)  # 12:30 → 12:30 next day
    _collected(tablet, None, NOW - 3 * H)
    _collected(tablet, NOW - 30 * H, NOW - 26 * H)  # yesterday
    # Returns.
    web = order(tablet, [("JEANS-32", 3)], status=OrderStatus.COLLECTED)
    shop = order(
        tablet,
        [("SOCKS-1", 1)],
        status=OrderStatus.COMPLETED,
        fulfilment=Fulfilment.CARRY_OUT,
        payments=[(Tender.CASH, "19.99")],
    )
    _return(
        tablet,
        "ret-web",
        web,
        [(2, ReturnReason.TOO_SMALL), (1, ReturnReason.DAMAGED_ON_ARRIVAL)],
        "150.00",
    )
    _return(tablet, "ret-shop", shop, [(1, ReturnReason.CHANGED_MIND)], "19.99")
    _return(tablet, "ret-old", web, [(1, ReturnReason.TOO_BIG)], "249.00", at=NOW - 30 * H)
    _return(tablet, "ret-krk", web, [(1, ReturnReason.TOO_BIG)], "249.00", store_id="KRK-01")
    # Refunded today, but no customer brought anything back.
    expired = order(tablet, [("SOCKS-1", 1)], status=OrderStatus.EXPIRED)
    refund = "pickup_refusal"  # how the desk records all three
    _return(tablet, "ret-expired", expired, [(1, ReturnReason.OTHER)], "19.99", kind=refund)
    short = order(tablet, [("SOCKS-1", 1)], status=OrderStatus.CANCELLED)
    _return(tablet, "ret-short", short, [(1, ReturnReason.SHORT_PICK)], "19.99", kind=refund)
    refused = order(tablet, [("JEANS-32", 1)], status=OrderStatus.COLLECTED)
    _return(
        tablet,
        "ret-refused",
        refused,
        [(1, ReturnReason.REFUSED_AT_PICKUP)],
        "249.00",
        kind=refund,
    )
    # Effort scores.
    record_feedback(tablet.ctx, tablet.actor("piotr"), "pickup", 4, customer_id="cust-gold")
    record_feedback(tablet.ctx, tablet.actor("piotr"), "pickup", 2)
    _feedback(tablet, "fb-other-tablet", 5, at=NOW - 2 * H, store_id=STORE)
    _feedback(tablet, "fb-krakow", 1, at=NOW - 2 * H, store_id="KRK-01")
    _feedback(tablet, "fb-yesterday", 1, at=NOW - 30 * H, store_id=STORE)
    # Sales here.
    store_sale(
        tablet.ctx,
        tablet.actor("anna"),
        customer_id="cust-gold",
        cart_id="cart-1",
        payments=[Tendered(Tender.CARD, Money(Decimal("169.97")))],
    )
    store_sale(
        tablet.ctx,
        tablet.actor("anna"),
        lines=[SaleLine("SOCKS-1", 1)],
        payments=[Tendered(Tender.CASH, Money(Decimal("19.99")))],
    )
    return {"overdue": overdue.id, "two_hours": two_hours.id, "a_day": a_day.id}
