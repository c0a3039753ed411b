"""Real threads against a real server on PostgreSQL: racing requests never break the rules.

Each race starts its requests together behind a barrier, over HTTP on loopback, so they run
in the server's worker threads on separate database connections.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from decimal import Decimal
from functools import partial
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, func, select

from clerk.central import models as m
from clerk.central.app import create_app
from clerk.central.clock import FixedClock
from clerk.central.context import CentralSettings
from clerk.central.db import make_session_factory, transaction
from tests.central.factories import NOW, World, make_order, ready_order, stock
from tests.central.ops_fixtures import world
from tests.support.live import serve_app

__all__ = ["world"]

ROUNDS = 5
VERIFY = {"method": "pickup_token", "collected_by": "Jan Kowalski"}


pytestmark = pytest.mark.postgres_only


@pytest.fixture
def server(db_url: str, central_engine: Engine, world: World) -> Iterator[str]:
    """The central service on a loopback port (PostgreSQL only)."""
    app = create_app(
        CentralSettings(db_url=db_url, clock=FixedClock(NOW), send_notifications=False)
    )
    with serve_app(app) as base:
        yield base


def _race(calls: list[Callable[[], requests.Response]]) -> list[requests.Response]:
    barrier = threading.Barrier(len(calls))
    results: list[requests.Response | None] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = calls[i]()
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert all(r is not None for r in results)
    return [r for r in results if r is not None]


def _post(base: str, token: str, path: str, body: dict[str, Any], key: str) -> requests.Response:
    return requests.post(
        base + path,
        json=body,
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
        timeout=30,
    )


def _give_back(base: str, token: str, order_id: str, qty: int, key: str) -> requests.Response:
    body = {
        "staff_id": "anna",
        "order_id": order_id,
        "lines": [{"line_id": f"{order_id}-1", "qty": qty, "reason": "changed_mind"}],
    }
    return _post(base, token, "/v1/returns", body, key)


def test_two_devices_collecting_one_order_exactly_one_wins(
    server: str, central_engine: Engine, world: World
) -> None:
    factory = make_session_factory(central_engine)
    for round_no in range(ROUNDS):
        with transaction(factory) as session:
            order = ready_order(session, world)
        path = f"/v1/orders/{order.id}/collect"
        body = {"staff_id": "piotr", "verification": VERIFY}
        answers = _race(
            [
                partial(_post, server, world.token, path, body, f"a-{round_no}"),
                partial(_post, server, world.token2, path, body, f"b-{round_no}"),
            ]
        )
        statuses = sorted(r.status_code for r in answers)
        assert statuses == [200, 409], [r.text for r in answers]
        loser = next(r for r in answers if r.status_code == 409)
        assert loser.json()["type"].endswith("/order-already-collected")
    with factory() as session:
        # Every order handed over once: 2 shirts and 1 pair of jeans per round.
        assert stock(session, "WAW-01", "SHIRT-M") == (20 - 2 * ROUNDS, 0)
        assert stock(session, "WAW-01", "JEANS-32") == (20 - ROUNDS, 0)


def test_concurrent_returns_of_one_line_never_exceed_what_was_bought(
    server: str, central_engine: Engine, world: World
) -> None:
    factory = make_session_factory(central_engine)
    for round_no in range(ROUNDS):
        with transaction(factory) as session:
            order = make_order(
                session,
                lines=[("SHIRT-M", 3, "100.00")],
                payments=[("card", "300.00")],
                customer=world.customer,
                fulfilment="carry_out",
                channel="store",
                status="completed",
                store_id="WAW-01",
                created_at=NOW - timedelta(days=1),
                points_earned=450,
            )
        line = f"{order.id}-1"

        answers = _race(
            [
                partial(_give_back, server, world.token, order.id, 2, f"r{round_no}-a"),
                partial(_give_back, server, world.token2, order.id, 2, f"r{round_no}-b"),
                partial(_give_back, server, world.token, order.id, 1, f"r{round_no}-c"),
            ]
        )
        created = [r for r in answers if r.status_code == 201]
        refused = [r for r in answers if r.status_code != 201]
        assert all(r.status_code == 422 for r in refused), [r.text for r in refused]
        returned = sum(r.json()["return"]["lines"][0]["qty"] for r in created)
        assert returned <= 3
        with factory() as session:
            row = session.get(m.OrderLine, line)
            assert row is not None and row.returned_qty == returned
            refunded = session.execute(
                select(func.coalesce(func.sum(m.Refund.amount), 0))
                .join(m.Return, m.Return.id == m.Refund.return_id)
                .where(m.Return.order_id == order.id)
            ).scalar_one()
            assert refunded == 100 * returned
            reversed_points = session.execute(
                select(m.Order.points_reversed).where(m.Order.id == order.id)
            ).scalar_one()
            assert reversed_points <= 450


def test_concurrent_sales_to_one_customer_lose_no_points(
    server: str, central_engine: Engine, world: World
) -> None:
    body = {
        "staff_id": "anna",
        "customer_id": world.customer.id,
        "lines": [{"sku": "SOCKS-1", "qty": 1}],
        "payments": [{"tender": "card", "amount": "19.99"}],
    }
    answers = _race(
        [partial(_post, server, world.token, "/v1/orders", body, f"s-{i}") for i in range(4)]
    )
    assert [r.status_code for r in answers] == [201] * 4, [r.text for r in answers]
    factory = make_session_factory(central_engine)
    with factory() as session:
        customer = session.get(m.Customer, world.customer.id)
        # 19 whole PLN x 1.5 = 28 points per sale.
        assert customer is not None and customer.points_balance == 1000 + 4 * 28
        assert stock(session, "WAW-01", "SOCKS-1") == (16, 0)


def test_two_tablets_spending_one_store_credit_never_spend_it_twice(
    server: str, central_engine: Engine, world: World
) -> None:
    factory = make_session_factory(central_engine)
    for round_no in range(ROUNDS):
        with transaction(factory) as session:
            order = make_order(
                session,
                lines=[("SOCKS-1", 1, "19.99")],
                payments=[("card", "19.99")],
                customer=world.customer,
                fulfilment="carry_out",
                channel="store",
                status="completed",
                store_id="WAW-01",
                created_at=NOW - timedelta(days=1),
            )
        give_back = {
            "id": f"credit-{round_no}",
            "staff_id": "anna",
            "order_id": order.id,
            "lines": [{"line_id": f"{order.id}-1", "qty": 1, "reason": "too_small"}],
            "refund_method": "store_credit",
        }
        made = _post(server, world.token, "/v1/returns", give_back, f"c{round_no}")
        assert made.status_code == 201, made.text
        code = made.json()["return"]["refunds"][0]["reference"]
        spend = {
            "staff_id": "anna",
            "lines": [{"sku": "SOCKS-1", "qty": 1}],
            "payments": [{"tender": "store_credit", "amount": "19.99", "reference": code}],
        }
        answers = _race(
            [
                partial(_post, server, world.token, "/v1/orders", spend, f"sc{round_no}-a"),
                partial(_post, server, world.token2, "/v1/orders", spend, f"sc{round_no}-b"),
            ]
        )
        assert sorted(r.status_code for r in answers) == [201, 422], [r.text for r in answers]
        refused = next(r for r in answers if r.status_code == 422)
        assert refused.json()["type"].endswith("/store-credit-insufficient")
        with factory() as session:
            spent = session.execute(
                select(func.coalesce(func.sum(m.Payment.amount), 0)).where(
                    m.Payment.tender == "store_credit", m.Payment.reference == code
                )
            ).scalar_one()
            assert spent == Decimal("19.99")
