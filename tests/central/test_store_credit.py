"""Store credit: a return refunded as store credit issues a code; sales spend it, never more."""

from __future__ import annotations

from datetime import timedelta

import httpx2 as httpx

from clerk.central import models as m
from clerk.central.db import transaction
from clerk.domain.store_credit import credit_code
from tests.central.factories import NOW, make_order
from tests.central.ops_fixtures import Api, api, problem_type, world

__all__ = ["api", "world"]


def _credit(api: Api, return_id: str = "ret-credit-1") -> tuple[m.Order, str]:
    """A store sale of 2 x SHIRT-M returned whole as store credit (259.98); its code."""
    with transaction(api.factory) as session:
        order = make_order(
            session,
            lines=[("SHIRT-M", 2, "129.99")],
            payments=[("card", "259.98")],
            customer=api.world.customer,
            fulfilment="carry_out",
            channel="store",
            status="completed",
            store_id="WAW-01",
            created_at=NOW - timedelta(days=2),
        )
    body = {
        "id": return_id,
        "staff_id": "anna",
        "order_id": order.id,
        "lines": [{"line_id": f"{order.id}-1", "qty": 2, "reason": "too_small"}],
        "refund_method": "store_credit",
    }
    response = api.post("/v1/returns", body)
    assert response.status_code == 201, response.text
    refunds = response.json()["return"]["refunds"]
    code = credit_code(return_id)
    assert [(r["tender"], r["amount"], r["reference"]) for r in refunds] == [
        ("store_credit", "259.98", code)
    ]
    return order, code


def _get(api: Api, code: str) -> httpx.Response:
    return api.client.get(
        f"/v1/store-credits/{code}", headers={"Authorization": f"Bearer {api.world.token}"}
    )


def _spend(api: Api, code: str, amount: str, card: str) -> httpx.Response:
    payments = [{"tender": "store_credit", "amount": amount, "reference": code}]
    if card != "0":
        payments.append({"tender": "card", "amount": card})
    body = {"staff_id": "anna", "lines": [{"sku": "SHIRT-M", "qty": 1}], "payments": payments}
    return api.post("/v1/orders", body)


def test_a_return_as_store_credit_issues_its_code_with_the_whole_amount(api: Api) -> None:
    _, code = _credit(api)
    response = _get(api, code)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "code": code,
        "customer_id": api.world.customer.id,
        "issued": "259.98",
        "spent": "0.00",
        "balance": "259.98",
    }


def test_a_sale_spends_the_credit_and_the_balance_drops(api: Api) -> None:
    _, code = _credit(api)
    first = _spend(api, code, "100.00", "29.99")
    assert first.status_code == 201, first.text
    payments = first.json()["order"]["payments"]
    assert ("store_credit", "100.00", code) in [
        (p["tender"], p["amount"], p["reference"]) for p in payments
    ]
    second = _spend(api, code, "129.99", "0")
    assert second.status_code == 201, second.text
    body = _get(api, code).json()
    assert (body["issued"], body["spent"], body["balance"]) == ("259.98", "229.99", "29.99")


def test_spending_more_than_is_left_is_refused_and_books_nothing(api: Api) -> None:
    _, code = _credit(api)
    assert _spend(api, code, "129.99", "0").status_code == 201
    assert _spend(api, code, "129.99", "0").status_code == 201
    refused = _spend(api, code, "1.00", "128.99")
    assert refused.status_code == 422
    assert problem_type(refused) == "store-credit-insufficient"
    assert refused.json()["balance"] == "0.00"
    assert _get(api, code).json()["spent"] == "259.98"


def test_an_unknown_code_is_refused_and_not_found(api: Api) -> None:
    refused = _spend(api, "SC-0000000000", "10.00", "119.99")
    assert refused.status_code == 422
    assert problem_type(refused) == "store-credit-unknown"
    assert _get(api, "SC-0000000000").status_code == 404
    # An exchange's internal credit is no code anyone can spend.
    assert _get(api, "exchange").status_code == 404
    assert problem_type(_spend(api, "exchange", "10.00", "119.99")) == "store-credit-unknown"


def test_the_balance_needs_a_device_token(api: Api) -> None:
    _, code = _credit(api)
    assert api.client.get(f"/v1/store-credits/{code}").status_code == 401
