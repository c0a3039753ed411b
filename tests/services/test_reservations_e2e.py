"""A reservation collected at the counter against the real central: the tablet's local effect
(the sale, the stock, the reservation) is what central does."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.domain.entities import Tender
from clerk.services import Tendered, collect_reservation, extend_reservation
from clerk.services.holds_board import holds_board
from clerk.sync.errors import CentralRefused
from tests.services.test_central_e2e import MANAGER, SALES, Online


def test_collecting_a_reservation_is_what_central_does(online: Online) -> None:
    manager = online.ctx.actor(MANAGER)
    board = holds_board(online.ctx, manager)
    reservations = [h for h in board.holds if h.kind == "reservation" and h.state != "expired"]
    assert len(reservations) >= 2, "the demo store holds reservations"
    first, second = reservations[:2]
    skus = {line.sku for line in first.lines}

    sold = collect_reservation(
        online.ctx,
        manager,
        first.hold_id,
        payments=[Tendered(Tender.CARD, first.total, "T-1")],
    )
    until = second.created_at + timedelta(days=6)
    extend_reservation(online.ctx, manager, second.hold_id, until)
    predicted_order = online.local("order", sold.value.id)
    predicted_stock = {sku: online.local("inventory", sku) for sku in skus}
    assert predicted_order["number"] == ""

    online.sync()
    with online.ctx.store.unit(read_only=True) as unit:
        assert unit.outbox.counts().attention == 0 and unit.outbox.unfinished() == []
    truth = online.local("order", sold.value.id)
    assert truth["number"] and truth["channel"] == "store" and truth["status"] == "completed"
    for key in ("lines", "payments", "points_earned", "customer_id", "store_id"):
        assert truth[key] == predicted_order[key], key
    for sku in skus:
        assert online.local("inventory", sku) == predicted_stock[sku], sku
    assert online.local("reservation", first.hold_id)["status"] == "collected"
    assert online.local("reservation", second.hold_id)["hold_until"] == until.isoformat()
    with Session(online.central) as session:
        row = session.get(m.Reservation, first.hold_id)
        assert row is not None and row.order_id == sold.value.id
    # The board follows: the collected hold is gone, the extended one ends later.
    after = holds_board(online.ctx, manager)
    assert after.hold("reservation", first.hold_id) is None
    extended = after.hold("reservation", second.hold_id)
    assert extended is not None and extended.hold_until == until


def test_central_refuses_a_sales_clerks_collect_too(online: Online) -> None:
    # The tablet refuses first; central's own check is the second lock on the door.
    board = holds_board(online.ctx, online.ctx.actor(MANAGER))
    hold = next(h for h in board.holds if h.kind == "reservation")
    with pytest.raises(CentralRefused) as refused:
        online.client.send(
            "POST",
            f"/v1/reservations/{hold.hold_id}/collect",
            {"staff_id": SALES, "payments": [{"tender": "card", "amount": str(hold.total.amount)}]},
            idempotency_key="sales-clerk-collect-1",
        )
    assert refused.value.status == 403
    assert online.local("reservation", hold.hold_id)["status"] == "active"
