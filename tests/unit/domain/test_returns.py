"""The return policy: verdicts, decisions, cent-exact amounts, refund split, points reversal."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clerk.domain.entities import (
    Fulfilment,
    Refund,
    RefundMethod,
    ReturnCondition,
    ReturnReason,
    Tender,
)
from clerk.domain.errors import ReturnNotAllowed
from clerk.domain.money import Money
from clerk.domain.returns import (
    Override,
    ReturnPolicy,
    ReturnRequest,
    VerdictCode,
    line_refund_amount,
    split_refund,
)

from .factories import T0, line, order

POLICY = ReturnPolicy()
BOSS = Override(manager_id="m1", reason="Customer was promised it at the till")


def req(line_id: str = "l1", qty: int = 1) -> ReturnRequest:
    return ReturnRequest(line_id, qty, ReturnReason.TOO_BIG, ReturnCondition.RESELLABLE)


def _code(call: object) -> str:
    assert callable(call)
    with pytest.raises(ReturnNotAllowed) as info:
        call()
    assert info.value.message
    return info.value.code


# --- verdicts -----------------------------------------------------------------------------


def test_store_sale_window_runs_from_purchase() -> None:
    o = order([line("l1", 2)])
    ln = o.lines[0]
    verdict = POLICY.line_verdict(o, ln, False, T0 + timedelta(days=30))
    assert verdict.code is VerdictCode.IN_WINDOW
    assert verdict.returnable_qty == 2
    assert verdict.window_ends == T0 + timedelta(days=30)
    late = POLICY.line_verdict(o, ln, False, T0 + timedelta(days=30, seconds=1))
    assert late.code is VerdictCode.WINDOW_PASSED
    assert late.returnable_qty == 2
    assert "30-day" in late.message


def test_pickup_window_runs_from_collection_and_counts_collected_units() -> None:
    collected = T0 + timedelta(days=6)
    # 3 bought: 1 refused at the desk (counted as returned), 2 collected.
    o = order(
        [line("l1", 3, collected_qty=2, returned_qty=1)],
        fulfilment=Fulfilment.PICKUP,
        collected_at=collected,
    )
    verdict = POLICY.line_verdict(o, o.lines[0], False, T0 + timedelta(days=35))
    assert verdict.code is VerdictCode.IN_WINDOW
    assert verdict.returnable_qty == 2
    assert verdict.window_ends == collected + timedelta(days=30)
    # One of the collected units came back at the counter since.
    o.lines[0].returned_qty = 2
    assert POLICY.line_verdict(o, o.lines[0], False, T0).returnable_qty == 1


def test_pickup_returnable_never_exceeds_collected_or_counts_short_picks() -> None:
    o = order(
        [line("l1", 5, collected_qty=2, short_qty=2)],
        fulfilment=Fulfilment.PICKUP,
        collected_at=T0,
    )
    assert POLICY.line_verdict(o, o.lines[0], False, T0).returnable_qty == 2
    shipped = order([line("l1", 3, short_qty=1)], fulfilment=Fulfilment.SHIP, delivered_at=T0)
    assert POLICY.line_verdict(shipped, shipped.lines[0], False, T0).returnable_qty == 2


def test_pickup_line_never_collected() -> None:
    o = order([line("l1", 1)], fulfilment=Fulfilment.PICKUP)
    verdict = POLICY.line_verdict(o, o.lines[0], False, T0)
    assert verdict.code is VerdictCode.NOT_COLLECTED
    assert verdict.returnable_qty == 0


def test_ship_window_runs_from_delivery_and_waits_for_it() -> None:
    o = order([line("l1", 1)], fulfilment=Fulfilment.SHIP)
    undelivered = POLICY.line_verdict(o, o.lines[0], False, T0 + timedelta(days=90))
    assert undelivered.code is VerdictCode.IN_WINDOW
    assert undelivered.window_ends is None
    delivered = order([line("l1", 1)], fulfilment=Fulfilment.SHIP, delivered_at=T0)
    late = POLICY.line_verdict(delivered, delivered.lines[0], False, T0 + timedelta(days=31))
    assert late.code is VerdictCode.WINDOW_PASSED


def test_final_sale_and_nothing_left() -> None:
    o = order([line("l1", 1), line("l2", 1, returned_qty=1)])
    assert POLICY.line_verdict(o, o.lines[0], True, T0).code is VerdictCode.FINAL_SALE
    left = POLICY.line_verdict(o, o.lines[1], False, T0)
    assert left.code is VerdictCode.NOTHING_LEFT
    assert left.returnable_qty == 0


def test_refusal_has_no_window_or_final_sale_check() -> None:
    o = order(
        [line("l1", 4, collected_qty=1, returned_qty=1, short_qty=1)],
        fulfilment=Fulfilment.PICKUP,
    )
    verdict = POLICY.line_verdict(o, o.lines[0], True, T0 + timedelta(days=400), refusal=True)
    assert verdict.code is VerdictCode.IN_WINDOW
    assert verdict.returnable_qty == 1
    done = order([line("l1", 2, collected_qty=2)], fulfilment=Fulfilment.PICKUP)
    nothing = POLICY.line_verdict(done, done.lines[0], False, T0, refusal=True)
    assert nothing.code is VerdictCode.NOTHING_LEFT


def test_custom_window() -> None:
    o = order([line()])
    policy = ReturnPolicy(window_days=14)
    assert policy.line_verdict(o, o.lines[0], False, T0 + timedelta(days=15)).code is (
        VerdictCode.WINDOW_PASSED
    )


# --- amounts ------------------------------------------------------------------------------


def test_line_refund_amount_is_cent_exact_in_parts() -> None:
    ln = line("l1", 3, "10.00", "1.00")  # total 29.00
    assert line_refund_amount(ln, 1, 0) == Money.of("9.67")
    assert line_refund_amount(ln, 1, 1) == Money.of("9.66")
    assert line_refund_amount(ln, 1, 2) == Money.of("9.67")
    assert line_refund_amount(ln, 3, 0) == Money.of("29.00")
    assert line_refund_amount(ln, 0, 1) == Money.zero()


def test_line_refund_amount_defaults_to_units_already_refunded() -> None:
    ln = line("l1", 3, "10.00", "1.00", returned_qty=1, short_qty=1)
    assert line_refund_amount(ln, 1) == Money.of("9.67")
    with pytest.raises(ValueError):
        line_refund_amount(ln, 2)
    with pytest.raises(ValueError):
        line_refund_amount(ln, -1, 0)


# --- refund split -------------------------------------------------------------------------


def test_split_in_proportion_to_tenders() -> None:
    o = order([line("l1", 1, "100.00")], [(Tender.CARD, "70.00"), (Tender.GIFT_CARD, "30.00")])
    refunds = split_refund(o, Money.of("10.00"), [], RefundMethod.ORIGINAL)
    assert [(r.tender, r.amount) for r in refunds] == [
        (Tender.CARD, Money.of("7.00")),
        (Tender.GIFT_CARD, Money.of("3.00")),
    ]
    assert refunds[0].reference == "ref-card"
    assert all(r.status == "issued" for r in refunds)


def test_split_gives_points_back_as_points() -> None:
    o = order([line("l1", 1, "100.00")], [(Tender.CARD, "90.00"), (Tender.POINTS, "10.00")])
    first = split_refund(o, Money.of("50.00"), [], RefundMethod.ORIGINAL)
    assert [(r.tender, r.amount, r.points) for r in first] == [
        (Tender.CARD, Money.of("45.00"), 0),
        (Tender.POINTS, Money.of("5.00"), 100),
    ]
    rest = split_refund(o, Money.of("50.00"), first, RefundMethod.ORIGINAL)
    assert [(r.tender, r.amount, r.points) for r in rest] == [
        (Tender.CARD, Money.of("45.00"), 0),
        (Tender.POINTS, Money.of("5.00"), 100),
    ]


def test_split_points_in_odd_parts_add_up_to_points_redeemed() -> None:
    o = order([line("l1", 3, "10.00")], [(Tender.CARD, "25.00"), (Tender.POINTS, "5.00")])
    earlier: list[Refund] = []
    for _ in range(3):
        earlier += split_refund(o, Money.of("10.00"), earlier, RefundMethod.ORIGINAL)
    points = [r for r in earlier if r.tender == Tender.POINTS]
    assert sum(r.points for r in points) == 100
    assert sum((r.amount for r in points), Money.zero()) == Money.of("5.00")


def test_split_moves_the_excess_off_an_exhausted_tender() -> None:
    o = order([line("l1", 1, "100.00")], [(Tender.CARD, "50.00"), (Tender.CASH, "50.00")])
    earlier = [Refund(Tender.CARD, Money.of("45.00"))]
    refunds = split_refund(o, Money.of("20.00"), earlier, RefundMethod.ORIGINAL)
    assert [(r.tender, r.amount) for r in refunds] == [
        (Tender.CARD, Money.of("5.00")),
        (Tender.CASH, Money.of("15.00")),
    ]


def test_split_is_capped_at_what_is_left() -> None:
    o = order([line("l1", 1, "100.00")], [(Tender.CARD, "40.00")])
    refunds = split_refund(o, Money.of("100.00"), [], RefundMethod.ORIGINAL)
    assert [(r.tender, r.amount) for r in refunds] == [(Tender.CARD, Money.of("40.00"))]
    unpaid = order([line("l1", 1, "100.00")], [])
    assert split_refund(unpaid, Money.of("100.00"), [], RefundMethod.ORIGINAL) == []


def test_split_store_credit_and_exchange() -> None:
    o = order([line("l1", 1, "100.00")], [(Tender.CARD, "90.00"), (Tender.POINTS, "10.00")])
    assert split_refund(o, Money.of("20.00"), [], RefundMethod.STORE_CREDIT) == [
        Refund(Tender.STORE_CREDIT, Money.of("20.00"))
    ]
    assert split_refund(o, Money.of("20.00"), [], RefundMethod.EXCHANGE) == [
        Refund(Tender.STORE_CREDIT, Money.of("20.00"), reference="exchange")
    ]
    assert split_refund(o, Money.zero(), [], RefundMethod.ORIGINAL) == []
    with pytest.raises(ValueError):
        split_refund(o, Money.of("-1"), [], RefundMethod.ORIGINAL)


# --- decisions ----------------------------------------------------------------------------


def test_decide_simple_return() -> None:
    o = order(
        [line("l1", 2, "50.00"), line("l2", 1, "20.00")],
        [(Tender.CARD, "100.00"), (Tender.POINTS, "20.00")],
        points_earned=100,
    )
    decision = POLICY.decide(o, [req("l1", 1)], set(), T0 + timedelta(days=3))
    assert decision.amount == Money.of("50.00")
    assert [(ln.order_line_id, ln.qty, ln.amount) for ln in decision.lines] == [
        ("l1", 1, Money.of("50.00"))
    ]
    assert [(r.tender, r.amount, r.points) for r in decision.refunds] == [
        (Tender.CARD, Money.of("41.67"), 0),
        (Tender.POINTS, Money.of("8.33"), 166),
    ]
    # 41.67 of the 100.00 that earned points comes back: 41 points reversed.
    assert decision.points_to_reverse == 41
    assert not decision.override_used


def test_decide_full_return_reverses_exactly_what_is_left() -> None:
    o = order([line("l1", 3, "10.00")], points_earned=30, points_reversed=9)
    o.lines[0].returned_qty = 1
    decision = POLICY.decide(o, [req("l1", 2)], set(), T0)
    assert decision.points_to_reverse == 21
    assert decision.amount == Money.of("20.00")


def test_decide_refusals() -> None:
    o = order([line("l1", 2), line("l2", 1, returned_qty=1)])
    now = T0 + timedelta(days=1)
    assert _code(lambda: POLICY.decide(o, [], set(), now)) == "empty_return"
    assert _code(lambda: POLICY.decide(o, [req("zz")], set(), now)) == "unknown_line"
    assert _code(lambda: POLICY.decide(o, [req("l1", 0)], set(), now)) == "invalid_quantity"
    assert _code(lambda: POLICY.decide(o, [req("l1", 3)], set(), now)) == (
        "quantity_exceeds_returnable"
    )
    # two requests on one line count together
    assert _code(lambda: POLICY.decide(o, [req("l1", 1), req("l1", 2)], set(), now)) == (
        "quantity_exceeds_returnable"
    )
    assert _code(lambda: POLICY.decide(o, [req("l2")], set(), now)) == "nothing_left"
    assert _code(lambda: POLICY.decide(o, [req("l1")], {"SKU-l1"}, now)) == "final_sale"
    late = T0 + timedelta(days=31)
    assert _code(lambda: POLICY.decide(o, [req("l1")], set(), late)) == "window_passed"
    blank = Override("m1", "  ")
    assert _code(lambda: POLICY.decide(o, [req("l1")], set(), late, override=blank)) == (
        "override_reason_required"
    )
    pickup = order([line("l1", 1)], fulfilment=Fulfilment.PICKUP)
    assert _code(lambda: POLICY.decide(pickup, [req("l1")], set(), now)) == "not_collected"


def test_override_lets_late_and_final_sale_through_but_never_quantity() -> None:
    o = order([line("l1", 2)])
    late = T0 + timedelta(days=45)
    decision = POLICY.decide(o, [req("l1", 2)], {"SKU-l1"}, late, override=BOSS)
    assert decision.override_used
    assert decision.amount == Money.of("200.00")
    assert _code(lambda: POLICY.decide(o, [req("l1", 3)], set(), late, override=BOSS)) == (
        "quantity_exceeds_returnable"
    )
    in_policy = POLICY.decide(o, [req("l1", 1)], set(), T0, override=BOSS)
    assert not in_policy.override_used


def test_refusal_at_pickup() -> None:
    o = order(
        [line("l1", 2, "30.00", collected_qty=1), line("l2", 1, "40.00", collected_qty=1)],
        fulfilment=Fulfilment.PICKUP,
        points_earned=100,
    )
    refused = ReturnRequest("l1", 1, ReturnReason.REFUSED_AT_PICKUP, ReturnCondition.RESELLABLE)
    decision = POLICY.decide(o, [refused], {"SKU-l1"}, T0 + timedelta(days=100), refusal=True)
    assert decision.amount == Money.of("30.00")
    assert decision.refunds == [Refund(Tender.CARD, Money.of("30.00"), reference="ref-card")]
    assert decision.points_to_reverse == 30
    assert not decision.override_used
    assert _code(lambda: POLICY.decide(o, [req("l2")], set(), T0, refusal=True)) == ("nothing_left")


def test_earlier_refunds_and_store_credit_method() -> None:
    o = order([line("l1", 2, "50.00")], [(Tender.CARD, "60.00"), (Tender.CASH, "40.00")])
    first = POLICY.decide(o, [req("l1", 1)], set(), T0, refund_method=RefundMethod.STORE_CREDIT)
    assert first.refunds == [Refund(Tender.STORE_CREDIT, Money.of("50.00"))]
    o.lines[0].returned_qty = 1
    second = POLICY.decide(o, [req("l1", 1)], set(), T0, earlier_refunds=first.refunds)
    assert sum((r.amount for r in second.refunds), Money.zero()) == Money.of("50.00")
    assert [r.tender for r in second.refunds] == [Tender.CARD, Tender.CASH]


def test_naive_now_is_refused() -> None:
    from datetime import datetime

    o = order([line()])
    with pytest.raises(ValueError, match="aware"):
        POLICY.decide(o, [req()], set(), datetime(2026, 3, 2))
