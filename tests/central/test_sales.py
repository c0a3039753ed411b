"""POST /v1/orders: store sales, cart finalization, points redemption and earning."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from clerk.central import models as m
from clerk.central.db import transaction
from clerk.central.ops import sale as sale_ops
from tests.central.factories import make_cart, set_stock, stock
from tests.central.ops_fixtures import Api, api, problem_type, world

__all__ = ["api", "world"]


def _sale(api: Api, **body: object) -> dict[str, object]:
    base: dict[str, object] = {
        "staff_id": "anna",
        "lines": [{"sku": "SHIRT-M", "qty": 2}],
        "payments": [{"tender": "card", "amount": "259.98"}],
    }
    base.update(body)
    return base


def test_store_sale_books_order_takes_stock_and_earns_points_by_tier(api: Api) -> None:
    customer = api.world.customer  # Gold, 1000 points
    response = api.post("/v1/orders", _sale(api, customer_id=customer.id))
    assert response.status_code == 201, response.text
    body = response.json()
    order = body["order"]
    assert order["channel"] == "store" and order["fulfilment"] == "carry_out"
    assert order["status"] == "completed" and order["store_id"] == "WAW-01"
    assert [(ln["sku"], ln["qty"], ln["unit_price"]) for ln in order["lines"]] == [
        ("SHIRT-M", 2, "129.99")
    ]
    assert response.headers["etag"] == f'"{order["version"]}"'
    assert response.headers["location"] == f"/v1/orders/{order['id']}"
    # 259 whole PLN x 1.5 (Gold) = 388 points.
    assert body["loyalty"] == {"earned": 388, "redeemed": 0, "balance": 1388}
    with api.session() as session:
        assert stock(session, "WAW-01", "SHIRT-M") == (18, 0)
        txns = session.execute(
            select(m.LoyaltyTransaction).where(m.LoyaltyTransaction.order_id == order["id"])
        ).scalars()
        assert [(t.kind, t.points) for t in txns] == [("earn", 388)]
    assert api.feed("WAW-01", "order", order["id"])[-1]["status"] == "completed"
    assert api.feed("WAW-01", "inventory", "SHIRT-M")[-1]["on_hand"] == 18
    assert api.feed("WAW-01", "customer", customer.id)[-1]["points_balance"] == 1388


def test_points_redemption_is_a_points_tender_and_does_not_earn(api: Api) -> None:
    customer = api.world.customer
    response = api.post(
        "/v1/orders",
        _sale(
            api,
            customer_id=customer.id,
            redeem_points=200,
            payments=[{"tender": "cash", "amount": "249.98"}],
        ),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    tenders = {p["tender"]: p["amount"] for p in body["order"]["payments"]}
    assert tenders == {"cash": "249.98", "points": "10.00"}
    # 249 PLN paid in cash x 1.5 = 373; 1000 - 200 + 373.
    assert body["loyalty"] == {"earned": 373, "redeemed": 200, "balance": 1173}
    with api.session() as session:
        kinds = session.execute(
            select(m.LoyaltyTransaction.kind, m.LoyaltyTransaction.points).order_by(
                m.LoyaltyTransaction.points
            )
        ).all()
        assert [tuple(k) for k in kinds] == [("redeem", -200), ("earn", 373)]


def test_redemption_refusals_come_from_the_domain(api: Api) -> None:
    customer = api.world.customer
    not_block = api.post("/v1/orders", _sale(api, customer_id=customer.id, redeem_points=150))
    assert not_block.status_code == 422 and problem_type(not_block) == "not-a-block"
    too_many = api.post("/v1/orders", _sale(api, customer_id=customer.id, redeem_points=2000))
    assert problem_type(too_many) == "insufficient-points"
    anonymous = api.post("/v1/orders", _sale(api, redeem_points=100))
    assert problem_type(anonymous) == "redemption-needs-customer"


def test_payments_must_match_the_total(api: Api) -> None:
    response = api.post("/v1/orders", _sale(api, payments=[{"tender": "card", "amount": "10.00"}]))
    assert response.status_code == 422
    assert problem_type(response) == "payments-do-not-match-total"
    assert response.json()["due"] == "259.98"
    points = api.post("/v1/orders", _sale(api, payments=[{"tender": "points", "amount": "259.98"}]))
    assert problem_type(points) == "points-as-payment"


def test_finalizing_the_online_cart_consumes_it(api: Api) -> None:
    customer = api.world.customer
    with transaction(api.factory) as session:
        cart = make_cart(session, customer, [("JEANS-32", 1), ("SOCKS-1", 3)])
    response = api.post(
        "/v1/orders",
        {
            "staff_id": "anna",
            "customer_id": customer.id,
            "cart_id": cart.id,
            "payments": [{"tender": "card", "amount": "308.97"}],
        },
    )
    assert response.status_code == 201, response.text
    order = response.json()["order"]
    assert order["cart_id"] == cart.id
    assert [(ln["sku"], ln["qty"]) for ln in order["lines"]] == [("JEANS-32", 1), ("SOCKS-1", 3)]
    with api.session() as session:
        row = session.get(m.Cart, cart.id)
        assert row is not None and row.status == "consumed"
    again = api.post(
        "/v1/orders",
        {
            "staff_id": "anna",
            "customer_id": customer.id,
            "cart_id": cart.id,
            "payments": [{"tender": "card", "amount": "308.97"}],
        },
    )
    assert again.status_code == 409 and problem_type(again) == "cart-consumed"


def test_sale_refusals_role_stock_and_unknowns(api: Api) -> None:
    assert problem_type(api.post("/v1/orders", _sale(api, staff_id="piotr"))) == "role-not-allowed"
    assert problem_type(api.post("/v1/orders", _sale(api, staff_id="krk-boss"))) == "unknown-staff"
    unknown = api.post("/v1/orders", _sale(api, lines=[{"sku": "NOPE", "qty": 1}]))
    assert unknown.status_code == 422 and problem_type(unknown) == "unknown-sku"
    with transaction(api.factory) as session:
        set_stock(session, "WAW-01", "SHIRT-M", 3, held=2)
    short = api.post("/v1/orders", _sale(api))
    assert short.status_code == 409 and problem_type(short) == "insufficient-stock"
    empty = api.post("/v1/orders", _sale(api, lines=[]))
    assert problem_type(empty) == "empty-sale"
    invalid = api.post("/v1/orders", _sale(api, lines=[{"sku": "SHIRT-M", "qty": 0}]))
    assert invalid.status_code == 422 and problem_type(invalid) == "validation-error"


def test_sale_replay_gives_the_same_order_once(api: Api) -> None:
    body = _sale(api, customer_id=api.world.customer.id)
    first = api.post("/v1/orders", body, key="sale-1")
    second = api.post("/v1/orders", body, key="sale-1")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second.headers.get("idempotent-replayed") == "true"
    with api.session() as session:
        assert session.query(m.Order).count() == 1
        assert stock(session, "WAW-01", "SHIRT-M") == (18, 0)
    other = api.post("/v1/orders", _sale(api), key="sale-1")
    assert other.status_code == 422 and problem_type(other) == "idempotency-key-reused"
    missing = api.client.post(
        "/v1/orders", json=body, headers={"Authorization": f"Bearer {api.world.token}"}
    )
    assert missing.status_code == 400


def test_sale_needs_a_device_token(api: Api) -> None:
    response = api.post("/v1/orders", _sale(api), token="not-a-token")
    assert response.status_code == 401


def test_a_taken_order_number_is_drawn_again(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    first = api.post("/v1/orders", _sale(api))
    assert first.status_code == 201, first.text
    taken = first.json()["order"]["number"]
    draws = iter([taken[-6:].lower(), taken[-6:].lower(), "00c0de"])
    monkeypatch.setattr(sale_ops.secrets, "token_hex", lambda _n: next(draws))
    second = api.post("/v1/orders", _sale(api))
    assert second.status_code == 201, second.text
    assert second.json()["order"]["number"] == taken[:-6] + "00C0DE"
