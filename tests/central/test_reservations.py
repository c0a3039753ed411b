"""POST /v1/reservations/{id}/extend, /cancel and /collect (managers only)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from clerk.central import models as m
from clerk.central.db import transaction
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
