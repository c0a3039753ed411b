"""Click-and-collect: POST /v1/orders/{id}/ready, /collect and /expire."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from clerk.central import models as m
from clerk.central.db import transaction
from tests.central.factories import NOW, make_order, ready_order, stock
from tests.central.ops_fixtures import Api, api, problem_type, world

__all__ = ["api", "world"]

VERIFY = {"method": "pickup_token", "collected_by": "Jan Kowalski", "age_checked": False}


def _placed(api: Api, **kw: object) -> m.Order:
    with transaction(api.factory) as session:
        return make_order(
            session,
            lines=[("SHIRT-M", 2, "129.99"), ("JEANS-32", 1, "249.00")],
            payments=[("online", "408.98"), ("points", "100.00")],
            customer=api.world.customer,
            points_earned=408,
            **kw,  # type: ignore[arg-type]
        )


def _notifications(api: Api, order_id: str) -> list[str]:
    with api.session() as session:
        rows = session.execute(
            select(m.Notification.template)
            .where(m.Notification.order_id == order_id)
            .order_by(m.Notification.created_at, m.Notification.template)
        ).scalars()
        return list(rows)


def test_ready_shelves_holds_stock_and_notifies(api: Api) -> None:
    order = _placed(api)
    response = api.post(
        f"/v1/orders/{order.id}/ready", {"staff_id": "piotr", "shelf": "B-3"}, if_match=1
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["return"] is None
    got = body["order"]
    assert got["status"] == "ready" and got["version"] == 2
    assert got["pickup"]["shelf"] == "B-3"
    assert got["pickup"]["hold_until"] == (NOW + timedelta(days=7)).isoformat()
    assert response.headers["etag"] == '"2"'
    with api.session() as session:
        assert stock(session, "WAW-01", "SHIRT-M") == (20, 2)
        assert stock(session, "WAW-01", "JEANS-32") == (20, 1)
    assert _notifications(api, order.id) == ["ready_for_pickup"]
    assert api.feed("WAW-01", "order", order.id)[-1]["status"] == "ready"
    assert api.feed("WAW-01", "inventory", "SHIRT-M")[-1]["held"] == 2


def test_ready_with_a_short_line_refunds_the_short_part(api: Api) -> None:
    order = _placed(api)
    line_id = f"{order.id}-1"
    response = api.post(
        f"/v1/orders/{order.id}/ready",
        {"staff_id": "piotr", "shelf": "B-3", "short_lines": [{"line_id": line_id, "qty": 1}]},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    refund = body["return"]
    assert refund["source"] == "pickup_refusal"
    assert [(ln["order_line_id"], ln["qty"], ln["reason"]) for ln in refund["lines"]] == [
        (line_id, 1, "short_pick")
    ]
    # 129.99 of 508.98 back, split over online (408.98) and points (100.00).
    assert sum(float(r["amount"]) for r in refund["refunds"]) == 129.99
    line = next(ln for ln in body["order"]["lines"] if ln["id"] == line_id)
    assert line["short_qty"] == 1 and line["returned_qty"] == 0
    with api.session() as session:
        assert stock(session, "WAW-01", "SHIRT-M") == (20, 1)
    assert _notifications(api, order.id) == ["ready_for_pickup", "short_pick"]


def test_ready_refusals(api: Api) -> None:
    order = _placed(api)
    path = f"/v1/orders/{order.id}/ready"
    sales = api.post(path, {"staff_id": "anna", "shelf": "A"})
    assert sales.status_code == 403 and problem_type(sales) == "role-not-allowed"
    stale = api.post(path, {"staff_id": "piotr", "shelf": "A"}, if_match=7)
    assert stale.status_code == 412 and problem_type(stale) == "version-mismatch"
    bad = api.post(path, {"staff_id": "piotr", "shelf": "A"}, if_match="nonsense")
    assert bad.status_code == 400
    assert api.post(path, {"staff_id": "piotr", "shelf": "A"}).status_code == 200
    twice = api.post(path, {"staff_id": "piotr", "shelf": "A"})
    assert twice.status_code == 409 and problem_type(twice) == "order-already-ready"
    other = api.post(path, {"staff_id": "krk-boss", "shelf": "A"}, token=api.world.other_token)
    assert other.status_code == 409 and problem_type(other) == "other-store-order"
    missing = api.post("/v1/orders/nope/ready", {"staff_id": "piotr", "shelf": "A"})
    assert missing.status_code == 404


def test_collect_everything(api: Api) -> None:
    with transaction(api.factory) as session:
        order = ready_order(session, api.world)
    response = api.post(
        f"/v1/orders/{order.id}/collect", {"staff_id": "piotr", "verification": VERIFY}, if_match=1
    )
    assert response.status_code == 200, response.text
    got = response.json()["order"]
    assert got["status"] == "collected"
    assert [ln["collected_qty"] for ln in got["lines"]] == [2, 1]
    assert got["pickup"]["collected_at"] == NOW.isoformat()
    assert got["pickup"]["verification"]["method"] == "pickup_token"
    with api.session() as session:
        assert stock(session, "WAW-01", "SHIRT-M") == (18, 0)
        assert stock(session, "WAW-01", "JEANS-32") == (19, 0)
    assert _notifications(api, order.id) == ["collected"]


def test_collect_with_a_refused_line_makes_a_return(api: Api) -> None:
    with transaction(api.factory) as session:
        order = ready_order(session, api.world)
    jeans = f"{order.id}-2"
    response = api.post(
        f"/v1/orders/{order.id}/collect",
        {
            "staff_id": "piotr",
            "verification": {**VERIFY, "method": "number_phone", "id_last4": "1234"},
            "lines": [{"line_id": f"{order.id}-1", "qty": 2}, {"line_id": jeans, "qty": 0}],
            "refused": [{"line_id": jeans, "qty": 1, "reason": "too_small"}],
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["order"]["status"] == "partially_collected"
    assert body["return"]["source"] == "pickup_refusal"
    assert body["return"]["refunds"] == [
        {"tender": "online", "amount": "249.00", "points": 0, "reference": None, "status": "issued"}
    ]
    with api.session() as session:
        # Refused jeans stay on the shelf (on hand), no longer held.
        assert stock(session, "WAW-01", "JEANS-32") == (20, 0)
        assert stock(session, "WAW-01", "SHIRT-M") == (18, 0)
    assert sorted(_notifications(api, order.id)) == ["collected", "refund_issued"]
    assert api.feed("WAW-01", "return", body["return"]["id"])


def test_collect_refusals(api: Api) -> None:
    with transaction(api.factory) as session:
        placed = make_order(
            session, lines=[("SHIRT-M", 1, "129.99")], payments=[("online", "129.99")]
        )
        order = ready_order(session, api.world)
        wine = ready_order(session, api.world, lines=[("WINE-1", 1, "45.00")])
    path = f"/v1/orders/{order.id}/collect"
    body = {"staff_id": "piotr", "verification": VERIFY}
    not_ready = api.post(f"/v1/orders/{placed.id}/collect", body)
    assert not_ready.status_code == 409 and problem_type(not_ready) == "order-not-ready"
    sales = api.post(path, {**body, "staff_id": "anna"})
    assert problem_type(sales) == "role-not-allowed"
    unaccounted = api.post(path, {**body, "lines": [{"line_id": f"{order.id}-1", "qty": 1}]})
    assert unaccounted.status_code == 422 and problem_type(unaccounted) == "unaccounted-items"
    no_method = api.post(path, {**body, "verification": {"collected_by": "X"}})
    assert no_method.status_code == 422
    age = api.post(f"/v1/orders/{wine.id}/collect", body)
    assert age.status_code == 422 and problem_type(age) == "age-check-required"
    checked = api.post(
        f"/v1/orders/{wine.id}/collect", {**body, "verification": {**VERIFY, "age_checked": True}}
    )
    assert checked.status_code == 200
    assert api.post(path, body).status_code == 200
    again = api.post(path, body)
    assert again.status_code == 409 and problem_type(again) == "order-already-collected"


def test_collect_replay_collects_once(api: Api) -> None:
    with transaction(api.factory) as session:
        order = ready_order(session, api.world)
    body = {"staff_id": "piotr", "verification": VERIFY}
    first = api.post(f"/v1/orders/{order.id}/collect", body, key="c-1")
    second = api.post(f"/v1/orders/{order.id}/collect", body, key="c-1")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    other_device = api.post(
        f"/v1/orders/{order.id}/collect", body, key="c-1", token=api.world.token2
    )
    assert other_device.status_code == 409
    with api.session() as session:
        assert stock(session, "WAW-01", "SHIRT-M") == (18, 0)


def test_expire_releases_stock_and_refunds_everything(api: Api) -> None:
    with transaction(api.factory) as session:
        order = ready_order(
            session,
            api.world,
            payments=[("online", "408.98"), ("points", "100.00")],
            hold_until=NOW - timedelta(hours=1),
            points_earned=408,
        )
    early_path = f"/v1/orders/{order.id}/expire"
    pickup = api.post(early_path, {"staff_id": "piotr"})
    assert pickup.status_code == 403 and problem_type(pickup) == "role-not-allowed"
    response = api.post(early_path, {"staff_id": "maria"}, if_match=1)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["order"]["status"] == "expired"
    refunds = {r["tender"]: (r["amount"], r["points"]) for r in body["return"]["refunds"]}
    assert refunds == {"online": ("408.98", 0), "points": ("100.00", 2000)}
    assert body["return"]["points_reversed"] == 408
    assert body["order"]["points_reversed"] == 408
    with api.session() as session:
        assert stock(session, "WAW-01", "SHIRT-M") == (20, 0)
        assert stock(session, "WAW-01", "JEANS-32") == (20, 0)
        customer = session.get(m.Customer, api.world.customer.id)
        assert customer is not None and customer.points_balance == 1000 - 408 + 2000
    assert _notifications(api, order.id) == ["refund_issued"]
    again = api.post(early_path, {"staff_id": "maria"})
    assert again.status_code == 409 and problem_type(again) == "order-expired"


def test_expire_before_the_hold_ends_is_refused(api: Api) -> None:
    with transaction(api.factory) as session:
        order = ready_order(session, api.world)
    response = api.post(f"/v1/orders/{order.id}/expire", {"staff_id": "maria"})
    assert response.status_code == 422 and problem_type(response) == "hold-not-over"


def test_use_cases_run_without_http(api: Api) -> None:
    """The ops layer is plain SQLAlchemy: a collect inside a caller's transaction."""
    from clerk.central.deps import DeviceContext
    from clerk.central.ops.pickup import CollectIn, collect_order

    with transaction(api.factory) as session:
        order = ready_order(session, api.world)
    device = DeviceContext(device_id=api.world.device.id, store_id="WAW-01")
    with transaction(api.factory) as session:
        result = collect_order(
            session,
            device,
            order.id,
            CollectIn.model_validate(
                {
                    "staff_id": "piotr",
                    "verification": VERIFY,
                    "refused": [{"line_id": f"{order.id}-1", "qty": 1, "condition": "damaged"}],
                }
            ),
            NOW,
            expected_version=1,
        )
        assert result.order.status == "partially_collected" and result.refund is not None
    with api.session() as session:
        # One shirt handed over, one refused damaged (written off), the jeans collected.
        assert stock(session, "WAW-01", "SHIRT-M") == (18, 0)
        assert stock(session, "WAW-01", "JEANS-32") == (19, 0)


def test_a_partly_refused_pickup_can_return_what_was_collected(api: Api) -> None:
    with transaction(api.factory) as session:
        order = ready_order(session, api.world, lines=[("SHIRT-M", 3, "100.00")])
    shirt = f"{order.id}-1"
    collect = api.post(
        f"/v1/orders/{order.id}/collect",
        {
            "staff_id": "piotr",
            "verification": VERIFY,
            "lines": [{"line_id": shirt, "qty": 2}],
            "refused": [{"line_id": shirt, "qty": 1}],
        },
    )
    assert collect.status_code == 200, collect.text
    body = {
        "staff_id": "piotr",
        "order_id": order.id,
        "lines": [{"line_id": shirt, "qty": 3, "reason": "too_big"}],
    }
    too_many = api.post("/v1/returns", body)
    assert problem_type(too_many) == "quantity-exceeds-returnable"
    body["lines"][0]["qty"] = 2  # type: ignore[index]
    ok = api.post("/v1/returns", body)
    assert ok.status_code == 201, ok.text
    assert ok.json()["order"]["lines"][0]["returned_qty"] == 3
    refunds = [r["amount"] for r in ok.json()["return"]["refunds"]]
    assert refunds == ["200.00"]
