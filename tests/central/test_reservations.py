"""POST /v1/reservations/{id}/extend, /cancel and /collect (managers only), and the expiry sweep."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from clerk.central import models as m
from clerk.central.db import transaction
from clerk.central.ops.reservations import expire_overdue_reservations
from tests.central.factories import NOW, make_reservation, stock
from tests.central.ops_fixtures import Api, api, problem_type, world

__all__ = ["api", "world"]


def _reservation(api: Api, store_id: str = "WAW-01") -> m.Reservation:
    with transaction(api.factory) as session:
        return make_reservation(
            session, api.world.customer, store_id, [("JEANS-32", 1), ("SOCKS-1", 2)]
        )


def test_extend_moves_the_hold_within_the_policy(api: Api) -> None:
    res = _reservation(api)
    path = f"/v1/reservations/{res.id}/extend"
    until = NOW + timedelta(days=3)
    response = api.post(path, {"staff_id": "maria", "hold_until": until.isoformat()}, if_match=1)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["reservation"]["hold_until"] == until.isoformat()
    assert body["reservation"]["version"] == 2 and body["order"] is None
    assert response.headers["etag"] == '"2"'
    assert api.feed("WAW-01", "reservation", res.id)[-1]["version"] == 2

    too_long = api.post(
        path, {"staff_id": "maria", "hold_until": (NOW + timedelta(days=10)).isoformat()}
    )
    assert too_long.status_code == 422 and problem_type(too_long) == "extension-too-long"
    past = api.post(
        path, {"staff_id": "maria", "hold_until": (NOW - timedelta(hours=1)).isoformat()}
    )
    assert problem_type(past) == "in-the-past"
    naive = api.post(path, {"staff_id": "maria", "hold_until": "2026-03-12T10:00:00"})
    assert naive.status_code == 422
    stale = api.post(path, {"staff_id": "maria", "hold_until": until.isoformat()}, if_match=1)
    assert stale.status_code == 412
    pickup = api.post(path, {"staff_id": "piotr", "hold_until": until.isoformat()})
    assert pickup.status_code == 403 and problem_type(pickup) == "role-not-allowed"


def test_cancel_releases_held_stock_and_tells_the_customer(api: Api) -> None:
    res = _reservation(api)
    with api.session() as session:
        assert stock(session, "WAW-01", "JEANS-32") == (20, 1)
    path = f"/v1/reservations/{res.id}/cancel"
    response = api.post(path, {"staff_id": "maria", "reason": "store"})
    assert response.status_code == 200, response.text
    assert response.json()["reservation"]["status"] == "cancelled"
    with api.session() as session:
        assert stock(session, "WAW-01", "JEANS-32") == (20, 0)
        assert stock(session, "WAW-01", "SOCKS-1") == (20, 0)
        templates = session.execute(select(m.Notification.template)).scalars()
        assert list(templates) == ["reservation_cancelled"]
    again = api.post(path, {"staff_id": "maria"})
    assert again.status_code == 409 and problem_type(again) == "reservation-cancelled"


def test_collect_sells_the_reserved_units(api: Api) -> None:
    res = _reservation(api)
    path = f"/v1/reservations/{res.id}/collect"
    response = api.post(
        path,
        {
            "staff_id": "maria",
            "payments": [{"tender": "card", "amount": "278.98"}],
            "redeem_points": 200,
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["reservation"]["status"] == "collected"
    order = body["order"]
    assert order["status"] == "completed" and order["channel"] == "store"
    assert order["customer_id"] == api.world.customer.id
    # 278 PLN by card x 1.5 (Gold).
    assert order["points_earned"] == 417
    with api.session() as session:
        assert stock(session, "WAW-01", "JEANS-32") == (19, 0)
        assert stock(session, "WAW-01", "SOCKS-1") == (18, 0)
        row = session.get(m.Reservation, res.id)
        assert row is not None and row.order_id == order["id"]
    again = api.post(path, {"staff_id": "maria", "payments": []})
    assert again.status_code == 409 and problem_type(again) == "reservation-collected"


def test_reservations_of_another_store_are_invisible(api: Api) -> None:
    res = _reservation(api, "KRK-01")
    response = api.post(f"/v1/reservations/{res.id}/cancel", {"staff_id": "maria"})
    assert response.status_code == 404


def test_cancel_replay_cancels_once(api: Api) -> None:
    res = _reservation(api)
    path = f"/v1/reservations/{res.id}/cancel"
    first = api.post(path, {"staff_id": "maria"}, key="x-1")
    second = api.post(path, {"staff_id": "maria"}, key="x-1")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    with api.session() as session:
        assert stock(session, "WAW-01", "JEANS-32") == (20, 0)


# --- expiry of overdue holds ---------------------------------------------------------------


def _sweep(api: Api, now: datetime) -> int:
    with transaction(api.factory) as session:
        return expire_overdue_reservations(session, now)


def _overdue(api: Api, lines: list[tuple[str, int]]) -> m.Reservation:
    """A reservation made 50 hours before ``NOW``: its 48-hour hold ended 2 hours ago."""
    with transaction(api.factory) as session:
        return make_reservation(
            session, api.world.customer, "WAW-01", lines, created_at=NOW - timedelta(hours=50)
        )


def _count(api: Api, model: type[m.Change] | type[m.Notification]) -> int:
    with api.session() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_an_overdue_reservation_expires_once_and_its_units_go_back(api: Api) -> None:
    overdue = _overdue(api, [("JEANS-32", 1), ("SOCKS-1", 2)])
    current = _reservation(api)  # made 10 hours ago: held until NOW + 38 h
    with api.session() as session:
        assert stock(session, "WAW-01", "JEANS-32") == (20, 2)
        assert stock(session, "WAW-01", "SOCKS-1") == (20, 4)

    assert _sweep(api, NOW) == 1
    with api.session() as session:
        row = session.get(m.Reservation, overdue.id)
        assert row is not None and (row.status, row.version) == ("expired", 2)
        other = session.get(m.Reservation, current.id)
        assert other is not None and (other.status, other.version) == ("active", 1)
        # Only the expired reservation's units are released; the current one still holds.
        assert stock(session, "WAW-01", "JEANS-32") == (20, 1)
        assert stock(session, "WAW-01", "SOCKS-1") == (20, 2)
        [note] = session.scalars(select(m.Notification)).all()
    entry = api.feed("WAW-01", "reservation", overdue.id)[-1]
    assert (entry["status"], entry["version"]) == ("expired", 2)
    assert api.feed("WAW-01", "reservation", current.id) == []
    assert api.feed("WAW-01", "inventory", "JEANS-32")[-1]["held"] == 1
    assert (note.template, note.customer_id) == ("reservation_cancelled", api.world.customer.id)
    assert note.subject == f"Rezerwacja w sklepie {api.world.store.name} została anulowana"
    assert f"Twoja rezerwacja nr {overdue.id} w sklepie" in note.body
    assert "Minął termin, do którego trzymaliśmy dla Ciebie te produkty." in note.body
    assert "– Jeansy slim 32 (1 szt.)" in note.body and "– Skarpety (2 szt.)" in note.body

    # A second sweep finds nothing: no new feed entries, stock and messages as they were.
    changes = _count(api, m.Change)
    assert _sweep(api, NOW + timedelta(minutes=1)) == 0
    assert _count(api, m.Change) == changes and _count(api, m.Notification) == 1
    with api.session() as session:
        assert stock(session, "WAW-01", "JEANS-32") == (20, 1)
        row = session.get(m.Reservation, overdue.id)
        assert row is not None and row.version == 2

    # An expired reservation can no longer be changed by the store.
    late = api.post(f"/v1/reservations/{overdue.id}/cancel", {"staff_id": "maria"})
    assert late.status_code == 409 and problem_type(late) == "reservation-expired"


def test_an_extended_reservation_is_not_expired(api: Api) -> None:
    with transaction(api.factory) as session:
        res = make_reservation(
            session,
            api.world.customer,
            "WAW-01",
            [("SHIRT-M", 1)],
            created_at=NOW - timedelta(hours=47),  # held until NOW + 1 h
        )
    until = NOW + timedelta(days=3)
    response = api.post(
        f"/v1/reservations/{res.id}/extend", {"staff_id": "maria", "hold_until": until.isoformat()}
    )
    assert response.status_code == 200, response.text

    assert _sweep(api, NOW + timedelta(hours=2)) == 0  # past the 48 h, not past the extension
    with api.session() as session:
        row = session.get(m.Reservation, res.id)
        assert row is not None and (row.status, row.version) == ("active", 2)
        assert stock(session, "WAW-01", "SHIRT-M") == (20, 1)
    assert _count(api, m.Notification) == 0

    assert _sweep(api, until) == 1  # the hold ends at ``until`` itself
    with api.session() as session:
        row = session.get(m.Reservation, res.id)
        assert row is not None and (row.status, row.version) == ("expired", 3)
        assert stock(session, "WAW-01", "SHIRT-M") == (20, 0)


def test_only_active_reservations_expire_and_other_stores_too(api: Api) -> None:
    with transaction(api.factory) as session:
        customer = api.world.customer
        long_ago = NOW - timedelta(days=5)
        cancelled = make_reservation(
            session, customer, "WAW-01", [("SHIRT-M", 1)], created_at=long_ago, status="cancelled"
        )
        krakow = make_reservation(
            session, customer, "KRK-01", [("SHIRT-M", 2)], created_at=long_ago
        )
    assert _sweep(api, NOW) == 1
    with api.session() as session:
        row = session.get(m.Reservation, cancelled.id)
        assert row is not None and (row.status, row.version) == ("cancelled", 1)
        row = session.get(m.Reservation, krakow.id)
        assert row is not None and row.status == "expired"
        assert stock(session, "KRK-01", "SHIRT-M") == (5, 0)
    assert api.feed("KRK-01", "reservation", krakow.id)[-1]["status"] == "expired"


@pytest.mark.postgres_only  # SKIP LOCKED is PostgreSQL's; SQLite has one writer at a time
def test_a_sweep_leaves_a_reservation_someone_is_changing_to_them(api: Api) -> None:
    busy = _overdue(api, [("JEANS-32", 1)])
    free = _overdue(api, [("SOCKS-1", 1)])
    with api.factory() as request:
        # Another process (a request, or a second sweep) holds ``busy``'s row lock.
        request.execute(select(m.Reservation).where(m.Reservation.id == busy.id).with_for_update())
        assert _sweep(api, NOW) == 1  # does not wait for it: skips it, expires the other
        request.rollback()
    with api.session() as session:
        row = session.get(m.Reservation, busy.id)
        assert row is not None and row.status == "active"
        assert stock(session, "WAW-01", "JEANS-32") == (20, 1)
        assert stock(session, "WAW-01", "SOCKS-1") == (20, 0)
    assert _sweep(api, NOW) == 1  # once the lock is gone, the next round takes it
    with api.session() as session:
        statuses = {r.id: r.status for r in session.scalars(select(m.Reservation))}
        assert statuses == {busy.id: "expired", free.id: "expired"}
        assert stock(session, "WAW-01", "JEANS-32") == (20, 0)
    assert _count(api, m.Notification) == 2


def test_a_sales_clerk_can_neither_cancel_nor_collect(api: Api) -> None:
    res = _reservation(api)
    for verb, body in (
        ("cancel", {"staff_id": "anna"}),
        ("collect", {"staff_id": "anna", "payments": [{"tender": "card", "amount": "278.98"}]}),
        ("extend", {"staff_id": "anna", "hold_until": (NOW + timedelta(days=2)).isoformat()}),
    ):
        response = api.post(f"/v1/reservations/{res.id}/{verb}", body)
        assert response.status_code == 403, (verb, response.text)
        assert problem_type(response) == "role-not-allowed"
    with api.session() as session:
        row = session.get(m.Reservation, res.id)
        assert row is not None and row.status == "active" and row.version == res.version
        assert stock(session, "WAW-01", "JEANS-32") == (20, 1)


def test_collect_keeps_the_id_the_tablet_chose(api: Api) -> None:
    res = _reservation(api)
    response = api.post(
        f"/v1/reservations/{res.id}/collect",
        {
            "order_id": "sale-from-reservation-1",
            "staff_id": "maria",
            "payments": [{"tender": "cash", "amount": "288.98"}],
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["order"]["id"] == "sale-from-reservation-1"
    assert api.feed("WAW-01", "order", "sale-from-reservation-1")[-1]["status"] == "completed"
