"""The store's day in figures (day_figures) and the day's overrides (sensitive_actions),
against a known fixture day; managers only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from clerk.central.seed_catalog import demo_pin_hash
from clerk.domain.entities import OrderStatus, ReturnReason
from clerk.domain.errors import DomainError
from clerk.domain.money import Money
from clerk.services import (
    ManagerOverride,
    ReturnItem,
    create_return,
    expire_pickup,
    reveal_contact,
)
from clerk.services.overrides import sensitive_actions
from clerk.services.signin import PinGate, WrongPin
from clerk.services.today import day_figures
from tests.services.day_fixture import DAY, H, fill_day
from tests.services.world import NOW, Tablet, order


def test_the_figures_of_a_known_day(tablet: Tablet) -> None:
    made = fill_day(tablet)
    day = day_figures(tablet.ctx, tablet.actor("maria"))
    assert day.day == DAY and day.zone == "Europe/Warsaw"
    assert day.live is not None
    assert (day.live.to_prepare, day.live.ready, day.live.overdue) == (1, 2, 1)
    assert [w.order_id for w in day.released] == [made["two_hours"], made["a_day"]]
    assert day.released_without_ready_time == 1
    assert day.average_wait == timedelta(hours=13)
    longest = day.longest_wait
    assert longest is not None and longest.wait == timedelta(hours=24)
    assert day.waits_by_hour == {11: [timedelta(hours=2)], 12: [timedelta(hours=24)]}
    assert [r.id for r in day.returns] == ["ret-shop", "ret-web"]  # same time: by id
    assert day.returns_by_reason == {"too_small": 2, "damaged_on_arrival": 1, "changed_mind": 1}
    assert day.returns_by_channel == {"web": 1, "store": 1}
    assert day.returned_units == 4 and day.refunded == Money("169.99")
    assert day.other_refunds == {"hold_expired": 1, "short_pick": 1, "pickup_refusal": 1}
    assert sorted(day.effort_scores) == [2, 4, 5]
    assert day.effort_average == pytest.approx(11 / 3)
    assert day.effort_distribution == {1: 0, 2: 1, 3: 0, 4: 1, 5: 1}
    assert (day.cart_sales, day.cart_sales_total) == (1, Money("169.97"))
    assert (day.store_sales, day.store_sales_total) == (2, Money("189.96"))
    assert day.sync.pending == len(tablet.commands()) == 4 and day.sync.attention == 0
    assert day.sync.oldest_pending == NOW


def test_an_earlier_day_has_no_live_queue(tablet: Tablet) -> None:
    fill_day(tablet)
    day = day_figures(tablet.ctx, tablet.actor("maria"), date(2026, 3, 9))
    assert day.live is None
    assert len(day.released) == 1 and day.released[0].wait == timedelta(hours=4)
    assert [r.id for r in day.returns] == ["ret-old"]
    assert day.effort_scores == (1,)
    assert day.store_sales == 0 and day.cart_sales == 0
    empty = day_figures(tablet.ctx, tablet.actor("maria"), date(2026, 1, 1))
    assert empty.average_wait is None and empty.effort_average is None
    assert empty.longest_wait is None and empty.returns == ()


def test_the_day_follows_the_store_clock_across_midnight(tablet: Tablet) -> None:
    # 23:30 UTC on 9 March is 00:30 on 10 March in Warsaw: today's, not yesterday's.
    order(
        tablet,
        [("SHIRT-M", 1)],
        status=OrderStatus.COLLECTED,
        collected_at=NOW - 12 * H - 30 * H / 60,
    )
    late = day_figures(tablet.ctx, tablet.actor("maria"))
    assert late.start.isoformat() == "2026-03-10T00:00:00+01:00"
    assert late.released_without_ready_time == 1


def test_only_managers_read_the_day(tablet: Tablet) -> None:
    for staff_id in ("anna", "piotr"):
        with pytest.raises(DomainError) as refused:
            day_figures(tablet.ctx, tablet.actor(staff_id))
        assert refused.value.code == "role_not_allowed"
        with pytest.raises(DomainError) as audit:
            sensitive_actions(tablet.ctx, tablet.actor(staff_id))
        assert audit.value.code == "role_not_allowed"


def test_the_overrides_of_the_day(tablet: Tablet) -> None:
    old = order(
        tablet,
        [("JEANS-32", 1)],
        status=OrderStatus.COLLECTED,
        collected_at=NOW - timedelta(days=40),
        collected_qty=1,
    )
    create_return(
        tablet.ctx,
        tablet.actor("anna"),
        old.id,
        [ReturnItem(old.lines[0].id, 1, ReturnReason.TOO_SMALL)],
        override=ManagerOverride("maria", "Regular customer, tags on"),
    )
    reveal_contact(tablet.ctx, tablet.actor("anna"), "cust-gold", "Courier needs the phone")
    ready = order(tablet, [("SOCKS-1", 1)], hold_until=NOW - H)
    tablet.clock.current = NOW + H
    expire_pickup(tablet.ctx, tablet.actor("maria"), ready.id)
    within = order(
        tablet,
        [("SOCKS-1", 1)],
        status=OrderStatus.COLLECTED,
        collected_at=NOW - H,
        collected_qty=1,
    )
    create_return(
        tablet.ctx,
        tablet.actor("anna"),
        within.id,
        [ReturnItem(within.lines[0].id, 1, ReturnReason.TOO_SMALL)],
    )

    found = sensitive_actions(tablet.ctx, tablet.actor("maria"))
    assert [(a.kind, a.staff_id) for a in found] == [
        ("expired_hold", "maria"),
        ("revealed_contact", "anna"),
        ("return_override", "anna"),
    ]
    override = found[2]
    assert override.why == "Regular customer, tags on" and override.approved_by == "Maria"
    assert override.target == f"order:{old.id}" and override.result == "queued"
    assert found[1].why == "Courier needs the phone" and found[1].staff_name == "Anna"
    only_anna = sensitive_actions(tablet.ctx, tablet.actor("maria"), staff_id="anna")
    assert [a.kind for a in only_anna] == ["revealed_contact", "return_override"]
    only_holds = sensitive_actions(tablet.ctx, tablet.actor("maria"), kind="expired_hold")
    assert [a.target for a in only_holds] == [f"order:{ready.id}"]
    assert sensitive_actions(tablet.ctx, tablet.actor("maria"), date(2026, 3, 9)) == []


def test_an_expired_hold_is_refunded_but_not_a_return(tablet: Tablet) -> None:
    ready = order(tablet, [("SOCKS-1", 1)], hold_until=NOW - H)
    tablet.clock.current = NOW + H
    expire_pickup(tablet.ctx, tablet.actor("maria"), ready.id)
    bought = order(
        tablet, [("SOCKS-1", 1)], status=OrderStatus.COLLECTED, collected_at=NOW, collected_qty=1
    )
    create_return(
        tablet.ctx,
        tablet.actor("anna"),
        bought.id,
        [ReturnItem(bought.lines[0].id, 1, ReturnReason.OTHER)],
    )
    with tablet.store.unit(read_only=True) as unit:
        taken = unit.orders.returns_at("WAW-01", NOW - 2 * H, NOW + 2 * H)
    assert {r.order_id for r in taken} == {ready.id, bought.id}  # both refunded today
    day = day_figures(tablet.ctx, tablet.actor("maria"))
    assert [r.order_id for r in day.returns] == [bought.id]  # "other" by a customer counts
    assert day.returns_by_reason == {"other": 1}
    assert day.other_refunds == {"hold_expired": 1}


def test_a_refused_manager_approval_is_listed(tablet: Tablet) -> None:
    """A wrong PIN for an override, or a non-manager's, is on the day's list (by whom it was
    asked, which manager's PIN); an approval given is not (its action is)."""
    for staff_id, pin in (("maria", "3333"), ("anna", "1111")):
        with tablet.store.unit(read_only=True) as unit:
            member = unit.staff.get(staff_id)
        assert member is not None
        tablet.put("staff", replace(member, pin_hash=demo_pin_hash(staff_id, pin)))
    gate = PinGate(tablet.ctx)
    with pytest.raises(WrongPin):
        gate.verify_override(
            "maria", "0000", "Receipt lost", "create_return", "order:o-1", requested_by="anna"
        )
    with pytest.raises(DomainError):
        gate.verify_override("anna", "1111", "Why not", "create_return", "order:o-1")
    gate.verify_override(
        "maria", "3333", "Receipt lost", "create_return", "order:o-1", requested_by="anna"
    )
    found = sensitive_actions(tablet.ctx, tablet.actor("maria"), kind="manager_override")
    assert [(a.staff_id, a.approved_by, a.result, a.why) for a in found] == [
        ("anna", "Anna", "not_allowed", "Why not"),
        ("anna", "Maria", "wrong_pin", "Receipt lost"),
    ]
    assert found[1].target == "order:o-1"
    only_anna = sensitive_actions(tablet.ctx, tablet.actor("maria"), staff_id="anna")
    assert [a.kind for a in only_anna] == ["manager_override", "manager_override"]
