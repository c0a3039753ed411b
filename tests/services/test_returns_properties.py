"""Property tests of returns as the tablet books them (the local store, the outbox, the
customer's points): random orders with mixed tenders, line discounts and an earlier partial
return made at another store, then random partial returns to the original tenders, store
credit or exchange. Per tender never more than paid; to the last unit exactly the total;
earned points reversed once; redeemed points back once; the customer's balance follows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk.domain.entities import (
    Channel,
    Fulfilment,
    InventoryLevel,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    Refund,
    RefundMethod,
    Return,
    ReturnCondition,
    ReturnLine,
    ReturnReason,
    Tender,
    Tier,
)
from clerk.domain.loyalty import BLOCK_VALUE, POINT_VALUE, points_earned, points_for_value
from clerk.domain.money import Money, allocate
from clerk.domain.returns import (
    ReturnPolicy,
    ReturnRequest,
    line_refund_amount,
    settle_exchange,
    split_refund,
)
from clerk.services import ReturnItem, create_return
from clerk.services.returns import Exchange, exchange_due
from clerk.services.sales import SaleLine, Tendered
from clerk.store import LocalStore
from tests.services.world import NOW, PRICES, STORE, Tablet, product, tablet_on

SKUS = ["SHIRT-M", "JEANS-32", "SOCKS-1"]  # neither final sale nor age restricted
MONEY_TENDERS = [Tender.CARD, Tender.ONLINE, Tender.CASH, Tender.GIFT_CARD]
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
_ids = iter(range(1, 10**9))


@pytest.fixture
def tablet(local_store: LocalStore) -> Iterator[Tablet]:
    yield from tablet_on(local_store)


@st.composite
def orders(draw: st.DrawFn) -> Order:
    """A store sale of one to three discounted lines, paid with one to three money tenders and
    sometimes points, earning points by the customer's tier."""
    n = next(_ids)
    order_id = f"prop-{n:08d}"
    lines = []
    skus = draw(st.lists(st.sampled_from(SKUS), min_size=1, max_size=3, unique=True))
    for no, sku in enumerate(skus, start=1):
        qty = draw(st.integers(min_value=1, max_value=4))
        price = Money.of(PRICES[sku])
        discount = Money.from_cents(draw(st.integers(0, (price * qty).cents // 3)))
        lines.append(OrderLine(f"{order_id}-{no}", no, sku, sku, qty, price, discount))
    total = sum((ln.total for ln in lines), Money.zero())
    points_part = BLOCK_VALUE * draw(st.integers(0, total.cents // BLOCK_VALUE.cents))
    rest = total - points_part
    tenders = draw(st.lists(st.sampled_from(MONEY_TENDERS), min_size=1, max_size=3, unique=True))
    weights = [Money.from_cents(draw(st.integers(1, 100))) for _ in tenders]
    payments = [Payment(t, m) for t, m in zip(tenders, allocate(rest, weights), strict=True)]
    if not points_part.is_zero():
        payments.append(Payment(Tender.POINTS, points_part))
    return Order(
        id=order_id,
        number=f"S26-{n:07d}",
        channel=Channel.STORE,
        customer_id="cust-gold",
        fulfilment=Fulfilment.CARRY_OUT,
        store_id=STORE,
        pickup_store_id=None,
        status=OrderStatus.COMPLETED,
        created_at=NOW - timedelta(days=2),
        lines=lines,
        payments=payments,
        points_earned=points_earned(rest, Tier.GOLD),
    )


@st.composite
def steps(draw: st.DrawFn, order: Order) -> list[list[tuple[str, int]]]:
    """Partial returns that, together, return every unit not returned yet."""
    units = [ln.id for ln in order.lines for _ in range(ln.qty - ln.returned_qty)]
    units = draw(st.permutations(units))
    out: list[list[tuple[str, int]]] = []
    while units:
        size = draw(st.integers(1, len(units)))
        chunk, units = units[:size], units[size:]
        counts: dict[str, int] = defaultdict(int)
        for unit in chunk:
            counts[unit] += 1
        out.append(list(counts.items()))
    return out


def _earlier_return_elsewhere(tablet: Tablet, order: Order, line: OrderLine) -> Return:
    """One unit of ``line`` returned at another store before (as central's feed brings it)."""
    decision = ReturnPolicy().decide(
        order, [ReturnRequest(line.id, 1, ReturnReason.OTHER, ReturnCondition.DAMAGED)], set(), NOW
    )
    ret = Return(
        id=f"ret-{order.id}",
        order_id=order.id,
        store_id="KRK-01",
        staff_id="krk-boss",
        created_at=NOW - timedelta(days=1),
        lines=[
            ReturnLine(line.id, 1, ReturnReason.OTHER, ReturnCondition.DAMAGED, decision.amount)
        ],
        refund_method=RefundMethod.ORIGINAL,
        refunds=decision.refunds,
        points_reversed=decision.points_to_reverse,
    )
    line.returned_qty += 1
    order.points_reversed += decision.points_to_reverse
    tablet.put("return", ret)
    return ret


def _ledger(refunds: list[Refund]) -> dict[Tender, Money]:
    by: dict[Tender, Money] = defaultdict(Money.zero)
    for refund in refunds:
        by[Tender(refund.tender)] += refund.amount
    return dict(by)


@SETTINGS
@given(data=st.data())
def test_returns_booked_here_end_exactly_at_what_was_paid_points_once(
    tablet: Tablet, data: st.DataObject
) -> None:
    order = data.draw(orders())
    earlier: list[Refund] = []
    if data.draw(st.booleans()):
        earlier = _earlier_return_elsewhere(tablet, order, order.lines[0]).refunds
    tablet.put("order", order)
    for sku in SKUS:
        tablet.put("inventory", InventoryLevel(STORE, sku, on_hand=50))
    balance = tablet.points()
    paid = {t: m for t, m in order.paid_by_tender().items() if not m.is_zero()}
    original: list[Refund] = list(earlier)
    every: list[Refund] = list(earlier)
    reversed_here = 0
    anna = tablet.actor("anna")
    plan = data.draw(steps(order))
    number_of_steps = len(plan)
    for step in plan:
        method = data.draw(st.sampled_from([RefundMethod.ORIGINAL, RefundMethod.STORE_CREDIT]))
        items = [ReturnItem(line_id, qty, ReturnReason.TOO_BIG) for line_id, qty in step]
        done = create_return(tablet.ctx, anna, order.id, items, refund_method=method)
        ret = done.value
        assert sum((r.amount for r in ret.refunds), Money.zero()) == ret.amount
        every += ret.refunds
        if method == RefundMethod.ORIGINAL:
            original += ret.refunds
            # Card and online refunds wait for central; the others are done here.
            assert all(
                (r.status == "pending") == (Tender(r.tender) in (Tender.CARD, Tender.ONLINE))
                for r in ret.refunds
            )
        for tender, amount in _ledger(original).items():
            assert amount <= paid[tender], f"{tender}: {amount} refunded of {paid[tender]}"
        reversed_here += ret.points_reversed

    # To the last unit: exactly the total, per tender exactly what was paid when it all went
    # back to the original tenders, every earned point reversed once, redeemed points back once.
    assert sum(_ledger(every).values(), Money.zero()) == order.total
    all_original = all(r.tender != Tender.STORE_CREDIT for r in every)
    if all_original:
        assert _ledger(every) == paid
    shown = tablet.get("order", order.id)
    assert shown is not None
    assert [ln["returned_qty"] for ln in shown["lines"]] == [ln.qty for ln in order.lines]
    assert shown["points_reversed"] == order.points_earned
    points_back = sum(r.points for r in every if r.tender == Tender.POINTS)
    redeemed = paid.get(Tender.POINTS, Money.zero())
    assert points_back * POINT_VALUE <= redeemed
    if all_original:
        assert points_back == points_for_value(redeemed)
        assert points_back * POINT_VALUE == redeemed
    earlier_back = sum(r.points for r in earlier if r.tender == Tender.POINTS)
    assert tablet.points() == balance - reversed_here + (points_back - earlier_back)
    made = [
        c for c in tablet.commands() if c.kind == "create_return" and c.body["order_id"] == order.id
    ]
    assert len(made) == number_of_steps  # every return queued for central, none lost


@SETTINGS
@given(
    returned_cents=st.integers(1, 10**7),
    replacement_cents=st.integers(0, 10**7),
)
def test_an_exchange_always_settles_exactly(returned_cents: int, replacement_cents: int) -> None:
    returned, replacement = Money.from_cents(returned_cents), Money.from_cents(replacement_cents)
    pay, credit = exchange_due(returned, replacement)
    assert pay.is_zero() or credit.is_zero()
    assert not pay.is_negative() and not credit.is_negative()
    # The store credit used plus what the customer pays is the replacement; the rest stays.
    used = min(returned, replacement)
    assert used + pay == replacement and used + credit == returned


@SETTINGS
@given(data=st.data())
def test_an_exchange_settles_the_value_returned_exactly(data: st.DataObject) -> None:
    """Returned value = the part paying the replacement + the rest refunded per original
    tender (or the replacement = that part + the difference the customer pays); never more
    back on a tender than it paid, after the order's earlier refunds."""
    order = data.draw(orders())
    total = order.total
    earlier_cut = Money.from_cents(data.draw(st.integers(0, total.cents)))
    earlier = split_refund(order, earlier_cut, (), RefundMethod.ORIGINAL)
    amount = Money.from_cents(data.draw(st.integers(0, (total - earlier_cut).cents)))
    replacement = Money.from_cents(data.draw(st.integers(0, 2 * total.cents)))
    refunds = settle_exchange(order, amount, replacement, earlier)
    used = [r for r in refunds if r.reference == "exchange" and r.tender == Tender.STORE_CREDIT]
    rest = [r for r in refunds if r not in used]
    pay, leftover = exchange_due(amount, replacement)
    assert sum((r.amount for r in used), Money.zero()) == min(amount, replacement)
    assert sum((r.amount for r in rest), Money.zero()) == leftover
    assert sum((r.amount for r in refunds), Money.zero()) == amount
    assert min(amount, replacement) + pay == replacement
    paid = order.paid_by_tender()
    for tender in {r.tender for r in rest}:
        back = sum((r.amount for r in [*earlier, *rest] if r.tender == tender), Money.zero())
        assert back <= paid[tender]


@SETTINGS
@given(data=st.data())
def test_an_exchange_books_the_replacement_paid_by_the_value_returned(
    tablet: Tablet, data: st.DataObject
) -> None:
    order = data.draw(orders())
    tablet.put("order", order)
    line = order.lines[0]
    # Another size of the line's product, at a price around it.
    base = Money.of(PRICES[line.sku])
    price = Money.from_cents(max(base.cents + data.draw(st.integers(-base.cents // 2, 5000)), 1))
    other = f"{line.sku}-X{next(_ids)}"
    variant = product(line.sku).to_dict() | {"sku": other, "size": "X", "price": str(price)}
    tablet.put("product", variant)
    tablet.put("inventory", InventoryLevel(STORE, other, on_hand=10))
    qty = data.draw(st.integers(1, line.qty))
    value = line_refund_amount(line, qty)
    pay, credit = exchange_due(value, price * qty)
    tender = data.draw(st.sampled_from([Tender.CARD, Tender.CASH]))
    exchange = Exchange(
        [SaleLine(other, qty)], [Tendered(tender, pay)] if not pay.is_zero() else []
    )
    done = create_return(
        tablet.ctx,
        tablet.actor("anna"),
        order.id,
        [ReturnItem(line.id, qty, ReturnReason.TOO_SMALL)],
        refund_method=RefundMethod.EXCHANGE,
        exchange=exchange,
    )
    refunds = done.value.refunds
    used = min(value, price * qty)
    assert (refunds[0].tender, refunds[0].amount, refunds[0].reference) == (
        Tender.STORE_CREDIT,
        used,
        "exchange",
    )
    # What the replacement does not take goes back to the original tenders, in proportion.
    leftover = refunds[1:]
    assert sum((r.amount for r in leftover), Money.zero()) == credit == value - used
    assert {r.tender for r in leftover} <= set(order.paid_by_tender())
    assert sum((r.amount for r in refunds), Money.zero()) == value  # settles exactly
    sale = tablet.get("order", str(done.command.body["exchange"]["id"]))
    assert sale is not None
    paid = {p["tender"]: Decimal(p["amount"]) for p in sale["payments"]}
    assert paid.get("store_credit", Decimal(0)) == used.amount
    assert sum(paid.values()) == (price * qty).amount  # the value used + the difference paid
    assert tablet.stock(other) == (10 - qty, 0)
