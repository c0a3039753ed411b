"""Client-chosen ids: a tablet names the sale, return, note or feedback it creates offline.

Central uses the id instead of a fresh one; an id another row already has is a 409
``id-taken`` (the same request under its Idempotency-Key is a replay instead), and an id
that does not fit the pattern is a 422 before anything happens.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import requests
from sqlalchemy import Engine, func, select

from clerk.central import models as m
from clerk.central.app import create_app
from clerk.central.clock import FixedClock
from clerk.central.context import CentralSettings
from clerk.central.db import make_session_factory, transaction
from tests.central.factories import NOW, World, make_order, make_reservation, stock
from tests.central.ops_fixtures import Api, api, problem_type, world
from tests.support.live import serve_app

__all__ = ["api", "world"]

SALE = {
    "staff_id": "anna",
    "lines": [{"sku": "SHIRT-M", "qty": 2}],
    "payments": [{"tender": "card", "amount": "259.98"}],
}


def _count(api: Api, model: type[m.Base]) -> int:
    with api.session() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_sale_uses_the_client_id_and_refuses_it_twice(api: Api) -> None:
    order_id = "tab1-0c9f3b7e2a5d4e61"
    response = api.post("/v1/orders", {**SALE, "id": order_id}, key="sale-a")
    assert response.status_code == 201, response.text
    order = response.json()["order"]
    assert order["id"] == order_id
    assert [line["id"] for line in order["lines"]] == [f"{order_id}-1"]
    assert order["number"]  # central still numbers it
    assert response.headers["location"] == f"/v1/orders/{order_id}"
    assert api.feed("WAW-01", "order", order_id)[-1]["id"] == order_id

    replay = api.post("/v1/orders", {**SALE, "id": order_id}, key="sale-a")
    assert replay.status_code == 201 and replay.json()["order"] == order
    assert replay.headers["idempotent-replayed"] == "true"

    again = api.post("/v1/orders", {**SALE, "id": order_id}, key="sale-b")
    assert again.status_code == 409 and problem_type(again) == "id-taken"
    assert again.json()["id"] == order_id
    with api.session() as session:
        assert stock(session, "WAW-01", "SHIRT-M") == (18, 0)  # taken once
    assert _count(api, m.Order) == 1


def test_an_id_another_device_or_channel_used_is_taken(api: Api) -> None:
    first = api.post("/v1/orders", {**SALE, "id": "shared-order-01"}, token=api.world.token2)
    assert first.status_code == 201, first.text
    clash = api.post("/v1/orders", {**SALE, "id": "shared-order-01"})
    assert clash.status_code == 409 and problem_type(clash) == "id-taken"

    with transaction(api.factory) as session:
        session.add(
            m.Order(
                id="web-order-000001",
                number="W-000001",
                channel="web",
                customer_id=None,
                fulfilment="ship",
                status="placed",
                created_at=NOW,
            )
        )
    web = api.post("/v1/orders", {**SALE, "id": "web-order-000001"})
    assert web.status_code == 409 and problem_type(web) == "id-taken"


def test_sale_without_an_id_still_gets_one(api: Api) -> None:
    response = api.post("/v1/orders", SALE)
    assert response.status_code == 201, response.text
    assert len(response.json()["order"]["id"]) == 32


@pytest.mark.parametrize(
    "bad_id",
    [
        "short",  # fewer than 8 characters
        "-leading-dash",
        "has space inside",
        "dots.are.not.ids",
        "x" * 41,  # wider than the id columns
        "zażółć-gęślą",
        "",
    ],
)
def test_ids_outside_the_pattern_are_a_validation_error(api: Api, bad_id: str) -> None:
    response = api.post("/v1/orders", {**SALE, "id": bad_id})
    assert response.status_code == 422 and problem_type(response) == "validation-error"
    assert _count(api, m.Order) == 0


def test_the_longest_id_fits_every_column(api: Api) -> None:
    order_id = "A" + "b" * 39
    response = api.post(
        "/v1/orders",
        {
            **SALE,
            "id": order_id,
            "lines": [{"sku": "SOCKS-1", "qty": 1}] * 12,
            "payments": [{"tender": "cash", "amount": "239.88"}],
        },
    )
    assert response.status_code == 201, response.text
    assert response.json()["order"]["lines"][-1]["id"] == f"{order_id}-12"


def _store_sale(api: Api) -> m.Order:
    with transaction(api.factory) as session:
        return make_order(
            session,
            lines=[("SHIRT-M", 2, "129.99")],
            payments=[("card", "259.98")],
            customer=api.world.customer,
            fulfilment="carry_out",
            channel="store",
            status="completed",
            store_id="WAW-01",
            created_at=NOW - timedelta(days=3),
        )


def _return_body(order: m.Order, return_id: str) -> dict[str, object]:
    return {
        "id": return_id,
        "staff_id": "anna",
        "order_id": order.id,
        "lines": [{"line_id": f"{order.id}-1", "qty": 1, "reason": "too_small"}],
    }


def test_return_uses_the_client_id_and_refuses_it_twice(api: Api) -> None:
    order = _store_sale(api)
    return_id = "ret-7d1f0e3c9b8a4f25"
    response = api.post("/v1/returns", _return_body(order, return_id))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["return"]["id"] == return_id
    assert response.headers["location"] == f"/v1/returns/{return_id}"
    assert api.feed("WAW-01", "return", return_id)[-1]["order_id"] == order.id

    again = api.post("/v1/returns", _return_body(order, return_id))
    assert again.status_code == 409 and problem_type(again) == "id-taken"
    # Nothing of the refused second return stuck: one unit back, one version bump.
    assert api.order(order.id).lines[0].returned_qty == 1
    assert api.order(order.id).version == 2
    with api.session() as session:
        assert stock(session, "WAW-01", "SHIRT-M") == (21, 0)


def test_note_uses_the_client_id(api: Api) -> None:
    customer_id = api.world.customer.id
    path = f"/v1/customers/{customer_id}/interactions"
    body = {"id": "note_0001-abcdef", "staff_id": "anna", "kind": "note", "body": "Woli SMS"}
    response = api.post(path, body)
    assert response.status_code == 201, response.text
    assert response.json()["interaction"]["id"] == "note_0001-abcdef"
    assert api.feed("WAW-01", "interaction", "note_0001-abcdef")[-1]["body"] == "Woli SMS"
    again = api.post(path, body)
    assert again.status_code == 409 and problem_type(again) == "id-taken"
    assert _count(api, m.Interaction) == 1


def test_feedback_id_names_the_feedback_and_its_timeline_entry(api: Api) -> None:
    body = {
        "id": "fb-5e2a9c41d07b",
        "staff_id": "piotr",
        "subject": "pickup",
        "score": 5,
        "customer_id": api.world.customer.id,
    }
    response = api.post("/v1/feedback", body)
    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["feedback"]["id"] == "fb-5e2a9c41d07b"
    assert answer["interaction"]["id"] == "fb-5e2a9c41d07b"

    again = api.post("/v1/feedback", {**body, "score": 4})
    assert again.status_code == 409 and problem_type(again) == "id-taken"

    # An id an interaction already has is taken for feedback too (it would name both).
    note = api.post(
        f"/v1/customers/{api.world.customer.id}/interactions",
        {"id": "shared-id-1234", "staff_id": "anna", "kind": "note"},
    )
    assert note.status_code == 201
    clash = api.post("/v1/feedback", {**body, "id": "shared-id-1234"})
    assert clash.status_code == 409 and problem_type(clash) == "id-taken"
    assert _count(api, m.Feedback) == 1

    anonymous = api.post("/v1/feedback", {**body, "id": "fb-anon-000001", "customer_id": None})
    assert anonymous.status_code == 201, anonymous.text
    assert anonymous.json()["interaction"] is None


def test_reservation_collect_uses_the_client_order_id(api: Api) -> None:
    with transaction(api.factory) as session:
        first = make_reservation(session, api.world.customer, "WAW-01", [("JEANS-32", 1)])
        second = make_reservation(session, api.world.customer, "WAW-01", [("JEANS-32", 1)])
    body = {
        "order_id": "res-sale-000000001",
        "staff_id": "maria",
        "payments": [{"tender": "card", "amount": "249.00"}],
    }
    response = api.post(f"/v1/reservations/{first.id}/collect", body)
    assert response.status_code == 200, response.text
    assert response.json()["order"]["id"] == "res-sale-000000001"
    with api.session() as session:
        row = session.get(m.Reservation, first.id)
        assert row is not None and row.order_id == "res-sale-000000001"

    taken = api.post(f"/v1/reservations/{second.id}/collect", body)
    assert taken.status_code == 409 and problem_type(taken) == "id-taken"
    with api.session() as session:
        row = session.get(m.Reservation, second.id)
        assert row is not None and row.status == "active" and row.order_id is None
        assert stock(session, "WAW-01", "JEANS-32") == (19, 1)


def _race_sale(base: str, order_id: str, keyed_tokens: list[tuple[str, str]]) -> list[int]:
    """POST one sale under ``order_id`` from each (token, key) at the same moment."""
    barrier = threading.Barrier(len(keyed_tokens))
    answers: list[int] = []

    def sell(token: str, key: str) -> None:
        barrier.wait(timeout=10)
        response = requests.post(
            f"{base}/v1/orders",
            json={**SALE, "id": order_id},
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
            timeout=30,
        )
        answers.append(response.status_code)

    threads = [threading.Thread(target=sell, args=pair) for pair in keyed_tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


@pytest.mark.postgres_only
def test_racing_sales_under_one_id_book_once(
    db_url: str, central_engine: Engine, world: World
) -> None:
    """Two devices posting one id at the same moment: one sale, one clean 409 (no 500)."""
    app = create_app(
        CentralSettings(db_url=db_url, clock=FixedClock(NOW), send_notifications=False)
    )
    with serve_app(app) as base:
        for n in range(5):
            pairs = [(world.token, f"a-{n}"), (world.token2, f"b-{n}")]
            answers = _race_sale(base, f"race-order-{n:04d}", pairs)
            assert sorted(answers) == [201, 409], answers
    with make_session_factory(central_engine)() as session:
        assert stock(session, "WAW-01", "SHIRT-M") == (10, 0)
