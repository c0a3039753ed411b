"""Property tests of the return policy over random orders, tenders and return sequences.

Refunds never exceed what each tender paid; partial returns end exactly at what was paid per
tender; returned quantities never exceed what was bought; earned points are reversed exactly once.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk.domain.entities import (
    Fulfilment,
    Order,
    OrderLine,
    Refund,
    RefundMethod,
    ReturnCondition,
    ReturnReason,
    Tender,
    Tier,
)
from clerk.domain.errors import ReturnNotAllowed
from clerk.domain.loyalty import BLOCK_VALUE, POINT_VALUE, points_earned
from clerk.domain.money import Money, allocate
from clerk.domain.returns import ReturnPolicy, ReturnRequest

from .factories import T0, line, order

POLICY = ReturnPolicy()
NOW = T0 + timedelta(days=2)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MONEY_TENDERS = [Tender.CARD, Tender.ONLINE, Tender.CASH, Tender.STORE_CREDIT, Tender.GIFT_CARD]


@st.composite
def order_lines(draw: st.DrawFn) -> list[OrderLine]:
    lines = []
    for index in range(draw(st.integers(min_value=1, max_value=4))):
        qty = draw(st.integers(min_value=1, max_value=6))
        unit_cents = draw(st.integers(min_value=1, max_value=50_000))
        discount_cents = draw(st.integers(min_value=0, max_value=unit_cents * qty))
        lines.append(
            line(
                f"l{index + 1}",
                qty,
                str(Money.from_cents(unit_cents)),
                str(Money.from_cents(discount_cents)),
            )
        )
    return lines


@st.composite
def paid_orders(draw: st.DrawFn, fulfilment: Fulfilment = Fulfilment.CARRY_OUT) -> Order:
    """An order paid in full with one to three money tenders, sometimes partly with points."""
    lines = draw(order_lines())
    total = sum((ln.total for ln in lines), Money.zero())
    blocks = total.cents // BLOCK_VALUE.cents
    points_part = BLOCK_VALUE * draw(st.integers(min_value=0, max_value=blocks))
    rest = total - points_part
    tenders = draw(st.lists(st.sampled_from(MONEY_TENDERS), min_size=1, max_size=3, unique=True))
    weights = [Money.from_cents(draw(st.integers(min_value=1, max_value=100))) for _ in tenders]
    payments = [(t, str(m)) for t, m in zip(tenders, allocate(rest, weights), strict=True)]
    if not points_part.is_zero():
        payments.insert(draw(st.integers(0, len(payments))), (Tender.POINTS, str(points_part)))
    eligible = rest
    tier = draw(st.sampled_from(list(Tier)))
    return order(
        lines,
        payments,
        fulfilment=fulfilment,
        collected_at=T0 if fulfilment == Fulfilment.PICKUP else None,
        points_earned=points_earned(eligible, tier),
    )


def _ledger(refunds: list[Refund]) -> dict[Tender, Money]:
    by_tender: dict[Tender, Money] = defaultdict(Money.zero)
    for refund in refunds:
        by_tender[refund.tender] += refund.amount
    return dict(by_tender)


def _apply(o: Order, requests: list[ReturnRequest], points: int, *, short: bool = False) -> None:
    """Record a decided return on the order, as the central service does."""
    for request in requests:
        ln = o.line(request.order_line_id)
        assert ln is not None
        if short:
            ln.short_qty += request.qty
        else:
            ln.returned_qty += request.qty
        assert ln.returned_qty + ln.short_qty <= ln.qty
    o.points_reversed += points


def _check_invariants(o: Order, refunds: list[Refund], original_only: bool) -> None:
    paid = o.paid_by_tender()
    ledger = _ledger(refunds)
    assert sum(ledger.values(), Money.zero()) <= o.paid_total
    if original_only:
        for tender, amount in ledger.items():
            assert amount <= paid[tender], f"{tender} refunded {amount}, paid {paid[tender]}"
    assert all(r.amount > Money.zero() for r in refunds)
    assert 0 <= o.points_reversed <= o.points_earned
    points_back = sum(r.points for r in refunds if r.tender == Tender.POINTS)
    assert points_back * POINT_VALUE <= paid.get(Tender.POINTS, Money.zero())


@st.composite
def return_steps(draw: st.DrawFn, o: Order) -> list[list[tuple[str, int]]]:
    """A random sequence of returns that, together, return every unit of the order."""
    units = [ln.id for ln in o.lines for _ in range(ln.qty)]
    units = draw(st.permutations(units))
    steps: list[list[tuple[str, int]]] = []
    while units:
        size = draw(st.integers(min_value=1, max_value=len(units)))
        chunk, units = units[:size], units[size:]
        counts: dict[str, int] = defaultdict(int)
        for unit in chunk:
            counts[unit] += 1
        steps.append(list(counts.items()))
    return steps


def _requests(step: list[tuple[str, int]], reason: ReturnReason) -> list[ReturnRequest]:
    return [ReturnRequest(i, q, reason, ReturnCondition.RESELLABLE) for i, q in step]


@SETTINGS
@given(data=st.data())
def test_partial_returns_to_original_tenders_end_exactly_at_what_was_paid(
    data: st.DataObject,
) -> None:
    o = data.draw(paid_orders())
    steps = data.draw(return_steps(o))
    refunds: list[Refund] = []
    for step in steps:
        decision = POLICY.decide(
            o, _requests(step, ReturnReason.CHANGED_MIND), set(), NOW, earlier_refunds=refunds
        )
        assert decision.amount == sum((ln.amount for ln in decision.lines), Money.zero())
        assert sum((r.amount for r in decision.refunds), Money.zero()) == decision.amount
        refunds += decision.refunds
        _apply(o, _requests(step, ReturnReason.CHANGED_MIND), decision.points_to_reverse)
        _check_invariants(o, refunds, original_only=True)

    # Everything came back: each tender got back exactly what it paid, points exactly once.
    paid = {t: m for t, m in o.paid_by_tender().items() if not m.is_zero()}
    assert _ledger(refunds) == paid
    redeemed = paid.get(Tender.POINTS, Money.zero())
    assert sum(r.points for r in refunds) * POINT_VALUE == redeemed
    assert o.points_reversed == o.points_earned
    # Nothing more can come back, and nothing more is reversed.
    with pytest.raises(ReturnNotAllowed) as info:
        POLICY.decide(o, _requests([(o.lines[0].id, 1)], ReturnReason.OTHER), set(), NOW)
    assert info.value.code == "nothing_left"


@SETTINGS
@given(data=st.data())
def test_mixed_refund_methods_never_refund_more_than_paid(data: st.DataObject) -> None:
    o = data.draw(paid_orders())
    steps = data.draw(return_steps(o))
    refunds: list[Refund] = []
    original: list[Refund] = []
    for step in steps:
        method = data.draw(st.sampled_from(list(RefundMethod)))
        requests = _requests(step, ReturnReason.TOO_SMALL)
        decision = POLICY.decide(
            o, requests, set(), NOW, refund_method=method, earlier_refunds=refunds
        )
        refunds += decision.refunds
        if method == RefundMethod.ORIGINAL:
            original += decision.refunds
        _apply(o, requests, decision.points_to_reverse)
        _check_invariants(o, refunds, original_only=False)
        paid = o.paid_by_tender()
        for tender, amount in _ledger(original).items():
            assert amount <= paid[tender]
    assert sum((r.amount for r in refunds), Money.zero()) == o.total
    assert o.points_reversed == o.points_earned


@SETTINGS
@given(data=st.data())
def test_returned_quantity_never_exceeds_bought(data: st.DataObject) -> None:
    o = data.draw(paid_orders())
    refunds: list[Refund] = []
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        target = data.draw(st.sampled_from(o.lines))
        qty = data.draw(st.integers(min_value=1, max_value=target.qty + 2))
        left = target.qty - target.returned_qty
        requests = _requests([(target.id, qty)], ReturnReason.OTHER)
        if qty > left:
            with pytest.raises(ReturnNotAllowed) as info:
                POLICY.decide(o, requests, set(), NOW, earlier_refunds=refunds)
            expected = "nothing_left" if left == 0 else "quantity_exceeds_returnable"
            assert info.value.code == expected
            continue
        decision = POLICY.decide(o, requests, set(), NOW, earlier_refunds=refunds)
        refunds += decision.refunds
        _apply(o, requests, decision.points_to_reverse)
        _check_invariants(o, refunds, original_only=True)
    assert all(0 <= ln.returned_qty <= ln.qty for ln in o.lines)


@SETTINGS
@given(data=st.data())
def test_pickup_short_picks_refusals_and_returns_settle_exactly(data: st.DataObject) -> None:
    o = data.draw(paid_orders(Fulfilment.PICKUP))
    # Short picks are refunded first (counted as short), then the rest is collected or
    # refused at the desk, and later some collected units come back at the counter.
    refunds: list[Refund] = []
    shorts = [
        (ln.id, s) for ln in o.lines if (s := data.draw(st.integers(min_value=0, max_value=ln.qty)))
    ]
    if shorts:
        requests = _requests(shorts, ReturnReason.SHORT_PICK)
        decision = POLICY.decide(o, requests, set(), NOW, refusal=True, earlier_refunds=refunds)
        refunds += decision.refunds
        _apply(o, requests, decision.points_to_reverse, short=True)
    refused: list[tuple[str, int]] = []
    for ln in o.lines:
        waiting = ln.qty - ln.short_qty
        ln.collected_qty = data.draw(st.integers(min_value=0, max_value=waiting))
        if waiting - ln.collected_qty:
            refused.append((ln.id, waiting - ln.collected_qty))
    if refused:
        requests = _requests(refused, ReturnReason.REFUSED_AT_PICKUP)
        decision = POLICY.decide(
            o,
            requests,
            {ln.sku for ln in o.lines},
            NOW + timedelta(days=90),
            refusal=True,
            earlier_refunds=refunds,
        )
        assert not decision.override_used
        refunds += decision.refunds
        _apply(o, requests, decision.points_to_reverse)
        _check_invariants(o, refunds, original_only=True)
    collected = [(ln.id, ln.collected_qty) for ln in o.lines if ln.collected_qty]
    if collected:
        requests = _requests(collected, ReturnReason.TOO_BIG)
        decision = POLICY.decide(o, requests, set(), NOW, earlier_refunds=refunds)
        refunds += decision.refunds
        _apply(o, requests, decision.points_to_reverse)
    _check_invariants(o, refunds, original_only=True)
    assert _ledger(refunds) == {t: m for t, m in o.paid_by_tender().items() if not m.is_zero()}
    assert o.points_reversed == o.points_earned
