"""extend, cancel and collect a reservation (managers only, within the hold policy), and the
holds board the manager reads."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clerk.domain.entities import (
    CartLine,
    InventoryLevel,
    Reservation,
    ReservationStatus,
    Tender,
)
from clerk.domain.errors import DomainError
from clerk.services import Tendered, cancel_reservation, collect_reservation, extend_reservation
from clerk.services.holds_board import holds_board
from tests.services.world import NOW, STORE, Tablet, money, order, reservation


def test_extend_within_the_policy(tablet: Tablet) -> None:
    res = reservation(tablet, [("JEANS-32", 1)])
    until = NOW + timedelta(days=3)
    done = extend_reservation(tablet.ctx, tablet.actor("maria"), res.id, until)
    assert done.value.hold_until == until and done.value.version == 3
    shown = tablet.get("reservation", res.id)
    assert shown is not None and shown["hold_until"] == until.isoformat()
    command = done.command
    assert command.path == f"/v1/reservations/{res.id}/extend"
    assert command.body == {"staff_id": "maria", "hold_until": until.isoformat()}
    assert (command.lane, command.if_match) == (f"reservation:{res.id}", '"2"')
    assert command.touches == (("reservation", res.id),)


@pytest.mark.parametrize(
    ("staff_id", "days", "code"),
    [
        ("maria", 10, "extension_too_long"),
        ("maria", -1, "in_the_past"),
        ("anna", 2, "role_not_allowed"),
    ],
)
def test_extend_refusals(tablet: Tablet, staff_id: str, days: int, code: str) -> None:
    res = reservation(tablet, [("JEANS-32", 1)])
    with pytest.raises(DomainError) as refused:
        extend_reservation(tablet.ctx, tablet.actor(staff_id), res.id, NOW + timedelta(days=days))
    assert refused.value.code == code
    assert tablet.commands() == []


def test_cancel_releases_the_held_units(tablet: Tablet) -> None:
    res = reservation(tablet, [("JEANS-32", 1), ("SOCKS-1", 2)])
    assert tablet.stock("SOCKS-1") == (20, 2)
    done = cancel_reservation(tablet.ctx, tablet.actor("maria"), res.id, "store")
    assert done.value.status == "cancelled"
    assert tablet.stock("SOCKS-1") == (20, 0) and tablet.stock("JEANS-32") == (20, 0)
    assert done.command.body == {"staff_id": "maria", "reason": "store"}
    assert done.command.path == f"/v1/reservations/{res.id}/cancel"
    with pytest.raises(DomainError) as again:
        cancel_reservation(tablet.ctx, tablet.actor("maria"), res.id)
    assert again.value.code == "reservation_cancelled"
    with pytest.raises(DomainError) as unknown:
        cancel_reservation(tablet.ctx, tablet.actor("maria"), "res-nope")
    assert unknown.value.code == "reservation_not_found"


def test_collect_sells_the_reserved_units_to_the_customer(tablet: Tablet) -> None:
    res = reservation(tablet, [("JEANS-32", 1), ("SOCKS-1", 2)])
    # Everything else of these SKUs is spoken for: the reserved units still sell.
    tablet.put("inventory", InventoryLevel(STORE, "SOCKS-1", on_hand=2, held=2))
    points = tablet.points()
    done = collect_reservation(
        tablet.ctx,
        tablet.actor("maria"),
        res.id,
        payments=[Tendered(Tender.CARD, money("283.98"))],
        redeem_points=100,
        order_id="sale-from-res-1",
    )
    order = done.value
    assert order.id == "sale-from-res-1" and order.customer_id == "cust-gold"
    assert [(ln.sku, ln.qty) for ln in order.lines] == [("JEANS-32", 1), ("SOCKS-1", 2)]
    assert order.total == money("288.98") and order.status == "completed"
    assert order.points_earned == 424  # 283 PLN paid x 1.5 (Gold)
    assert tablet.stock("JEANS-32") == (19, 0) and tablet.stock("SOCKS-1") == (0, 0)
    assert tablet.points() == points - 100 + 424
    shown = tablet.get("reservation", res.id)
    assert shown is not None and shown["status"] == "collected"
    command = done.command
    assert command.path == f"/v1/reservations/{res.id}/collect"
    assert command.body == {
        "order_id": "sale-from-res-1",
        "staff_id": "maria",
        "payments": [{"tender": "card", "amount": "283.98"}],
        "redeem_points": 100,
    }
    assert (command.lane, command.if_match) == (f"reservation:{res.id}", '"2"')
    assert ("order", "sale-from-res-1") in command.touches
    entry = tablet.audit()[-1]
    assert entry.action == "collect_reservation" and entry.staff_id == "maria"
    assert entry.detail["order_id"] == "sale-from-res-1" and entry.detail["total"] == "288.98"
    with pytest.raises(DomainError) as again:
        collect_reservation(
            tablet.ctx, tablet.actor("maria"), res.id, payments=[Tendered(Tender.CARD, money("1"))]
        )
    assert again.value.code == "reservation_collected"


@pytest.mark.parametrize(
    ("staff_id", "paid", "code"),
    [
        ("anna", "288.98", "role_not_allowed"),
        ("piotr", "288.98", "role_not_allowed"),
        ("maria", "200.00", "payments_do_not_match_total"),
    ],
)
def test_collect_refusals_leave_the_reservation_held(
    tablet: Tablet, staff_id: str, paid: str, code: str
) -> None:
    res = reservation(tablet, [("JEANS-32", 1), ("SOCKS-1", 2)])
    with pytest.raises(DomainError) as refused:
        collect_reservation(
            tablet.ctx,
            tablet.actor(staff_id),
            res.id,
            payments=[Tendered(Tender.CASH, money(paid))],
        )
    assert refused.value.code == code
    assert tablet.commands() == []
    assert tablet.stock("SOCKS-1") == (20, 2)
    shown = tablet.get("reservation", res.id)
    assert shown is not None and shown["status"] == "active"
    assert tablet.audit()[-1].result == "refused"


def test_a_sales_clerk_cannot_cancel_or_read_the_holds(tablet: Tablet) -> None:
    res = reservation(tablet, [("JEANS-32", 1)])
    with pytest.raises(DomainError) as cancel:
        cancel_reservation(tablet.ctx, tablet.actor("anna"), res.id)
    assert cancel.value.code == "role_not_allowed"
    with pytest.raises(DomainError) as board:
        holds_board(tablet.ctx, tablet.actor("anna"))
    assert board.value.code == "role_not_allowed"
    assert tablet.stock("JEANS-32") == (20, 1)


def test_the_board_lists_every_hold_by_its_end_with_the_stock_it_holds(tablet: Tablet) -> None:
    soon = reservation(tablet, [("JEANS-32", 1), ("SOCKS-1", 2)])  # ends NOW + 38 h
    tablet.put(
        "reservation",
        Reservation(
            "res-over",
            "cust-gold",
            STORE,
            ReservationStatus.ACTIVE,
            NOW - timedelta(hours=50),
            NOW - timedelta(hours=2),
            [CartLine("SOCKS-1", 1)],
        ),
    )
    ready = order(tablet, [("SOCKS-1", 3), ("SHIRT-M", 1)], hold_until=NOW + timedelta(hours=5))
    order(tablet, [("WINE-1", 1)], pickup_store_id="KRK-01")  # another store's shelf
    cancel = reservation(tablet, [("SHIRT-M", 1)])
    cancel_reservation(tablet.ctx, tablet.actor("maria"), cancel.id)

    board = holds_board(tablet.ctx, tablet.actor("maria"))
    assert [(h.kind, h.hold_id, h.state) for h in board.holds] == [
        ("reservation", "res-over", "expired"),
        ("pickup", ready.id, "expiring"),
        ("reservation", soon.id, "active"),
    ]
    pickup = board.holds[1]
    assert pickup.reference == ready.number and pickup.customer_name == "Łucja Wójcik"
    assert [(ln.sku, ln.qty) for ln in pickup.lines] == [("SOCKS-1", 3), ("SHIRT-M", 1)]
    assert pickup.total == money("189.96") and pickup.units == 4
    assert pickup.time_left(NOW) == timedelta(hours=5)
    assert board.holds[2].time_left(NOW) == timedelta(hours=38)
    assert board.holds[0].matches("wójcik") and board.holds[0].matches("567")
    assert pickup.matches("shirt") and not pickup.matches("jeans")

    socks = board.stock_of("SOCKS-1")
    assert socks is not None
    # 20 on hand; held: 2 + 3 (this fixture) and the overdue reservation's 1, set by hand.
    assert (socks.on_hand, socks.held, socks.available) == (20, 5, 15)
    assert sorted((h.hold_id, h.qty) for h in socks.holders) == sorted(
        [(soon.id, 2), ("res-over", 1), (ready.id, 3)]
    )
    assert socks.unexplained == -1  # the hand-made reservation held nothing
    assert [row.sku for row in board.stock] == ["JEANS-32", "SHIRT-M", "SOCKS-1"]
    shirt = board.stock_of("SHIRT-M")
    assert shirt is not None and (shirt.held, shirt.held_by_listed) == (1, 1)


def test_the_board_says_what_waits_to_be_sent(tablet: Tablet) -> None:
    res = reservation(tablet, [("JEANS-32", 1)])
    extend_reservation(tablet.ctx, tablet.actor("maria"), res.id, NOW + timedelta(days=4))
    board = holds_board(tablet.ctx, tablet.actor("maria"))
    (entry,) = board.holds
    assert entry.pending and entry.attention is None
    assert entry.hold_until == NOW + timedelta(days=4) and entry.state == "active"
    assert entry.latest_until == NOW - timedelta(hours=10) + timedelta(days=7)
