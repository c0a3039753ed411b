"""POST /v1/returns: the domain policy decides, refunds split, points reversed once, stock back."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, select

from clerk.central import models as m
from clerk.central import serialize
from clerk.central.db import transaction
from clerk.domain.entities import RefundMethod
from clerk.domain.money import Money
from clerk.domain.returns import split_refund
from tests.central.factories import NOW, make_order, make_product, set_stock, stock
from tests.central.ops_fixtures import Api, api, problem_type, world

__all__ = ["api", "world"]


def _store_sale(
    api: Api, days_ago: int = 3, sku: str = "SHIRT-M", price: str = "129.99"
) -> m.Order:
    """A Gold customer's store sale of 2 x ``sku``: card 159.98 + points 100.00, 238 earned."""
    with transaction(api.factory) as session:
        return make_order(
            session,
            lines=[(sku, 2, price)],
            payments=[("card", "159.98"), ("points", "100.00")],
            customer=api.world.customer,
            fulfilment="carry_out",
            channel="store",
            status="completed",
            store_id="WAW-01",
            created_at=NOW - timedelta(days=days_ago),
            points_earned=238,
        )


def _return(api: Api, order: m.Order, qty: int = 1, **kw: object) -> dict[str, object]:
    body: dict[str, object] = {
        "staff_id": "anna",
        "order_id": order.id,
        "lines": [{"line_id": f"{order.id}-1", "qty": qty, "reason": "too_small"}],
    }
    body.update(kw)
    return body


def test_return_splits_refund_reverses_points_and_restocks(api: Api) -> None:
    order = _store_sale(api)
    response = api.post("/v1/returns", _return(api, order), if_match=1)
    assert response.status_code == 201, response.text
    body = response.json()
    ret = body["return"]
    assert ret["store_id"] == "WAW-01" and ret["source"] == "counter"
    assert ret["lines"][0]["amount"] == "129.99"
    refunds = {r["tender"]: r["amount"] for r in ret["refunds"]}
    assert refunds == {"card": "79.99", "points": "50.00"}
    assert sum(r["points"] for r in ret["refunds"]) == 1000
    assert body["order"]["lines"][0]["returned_qty"] == 1
    assert body["order"]["points_reversed"] == ret["points_reversed"] > 0
    assert response.headers["etag"] == f'"{body["order"]["version"]}"'
    with api.session() as session:
        assert stock(session, "WAW-01", "SHIRT-M") == (21, 0)
        customer = session.get(m.Customer, api.world.customer.id)
        assert customer is not None
        assert customer.points_balance == 1000 - ret["points_reversed"] + 1000
        kinds = sorted(
            session.execute(
                select(m.LoyaltyTransaction.kind).where(m.LoyaltyTransaction.return_id == ret["id"])
            ).scalars()
        )
        assert kinds == ["adjust", "reverse"]
        notes = session.execute(
            select(m.Notification.template).where(m.Notification.order_id == order.id)
        ).scalars()
        assert list(notes) == ["refund_issued"]
    assert api.feed("WAW-01", "return", ret["id"])
    assert api.feed("WAW-01", "inventory", "SHIRT-M")[-1]["on_hand"] == 21


def test_points_are_reversed_exactly_once_in_total(api: Api) -> None:
    order = _store_sale(api)
    first = api.post("/v1/returns", _return(api, order)).json()
    second = api.post("/v1/returns", _return(api, order)).json()
    total = first["return"]["points_reversed"] + second["return"]["points_reversed"]
    assert total == 238
    assert second["order"]["points_reversed"] == 238
    refunded = [r for x in (first, second) for r in x["return"]["refunds"]]
    assert sum(float(r["amount"]) for r in refunded if r["tender"] == "card") == 159.98
    nothing = api.post("/v1/returns", _return(api, order))
    assert nothing.status_code == 422 and problem_type(nothing) == "nothing-left"


def test_damaged_items_do_not_go_back_to_stock_and_store_credit_is_one_refund(api: Api) -> None:
    order = _store_sale(api)
    body = _return(api, order, refund_method="store_credit")
    body["lines"] = [
        {
            "line_id": f"{order.id}-1",
            "qty": 2,
            "reason": "damaged_on_arrival",
            "condition": "damaged",
        }
    ]
    response = api.post("/v1/returns", body)
    assert response.status_code == 201, response.text
    refunds = response.json()["return"]["refunds"]
    assert [(r["tender"], r["amount"]) for r in refunds] == [("store_credit", "259.98")]
    with api.session() as session:
        assert stock(session, "WAW-01", "SHIRT-M") == (20, 0)


def test_returns_at_another_store_restock_there(api: Api) -> None:
    order = _store_sale(api)
    body = _return(api, order, staff_id="krk-boss")
    response = api.post("/v1/returns", body, token=api.world.other_token)
    assert response.status_code == 201, response.text
    assert response.json()["return"]["store_id"] == "KRK-01"
    with api.session() as session:
        assert stock(session, "KRK-01", "SHIRT-M") == (6, 0)
        assert stock(session, "WAW-01", "SHIRT-M") == (20, 0)


def test_policy_refusals_and_manager_override(api: Api) -> None:
    late = _store_sale(api, days_ago=45)
    refused = api.post("/v1/returns", _return(api, late))
    assert refused.status_code == 422 and problem_type(refused) == "window-passed"
    by_sales = api.post(
        "/v1/returns", _return(api, late, override={"manager_id": "anna", "reason": "Stały klient"})
    )
    assert by_sales.status_code == 403 and problem_type(by_sales) == "role-not-allowed"
    no_reason = api.post(
        "/v1/returns", _return(api, late, override={"manager_id": "maria", "reason": "   "})
    )
    assert no_reason.status_code == 422
    allowed = api.post(
        "/v1/returns",
        _return(api, late, override={"manager_id": "maria", "reason": "Stały klient"}),
    )
    assert allowed.status_code == 201, allowed.text
    ret = allowed.json()["return"]
    assert ret["override_manager_id"] == "maria" and ret["override_reason"] == "Stały klient"

    final = _store_sale(api, sku="SALE-1", price="59.00")
    final_sale = api.post("/v1/returns", _return(api, final))
    assert final_sale.status_code == 422 and problem_type(final_sale) == "final-sale"

    fresh = _store_sale(api)
    too_many = api.post("/v1/returns", _return(api, fresh, qty=3))
    assert problem_type(too_many) == "quantity-exceeds-returnable"
    stale = api.post("/v1/returns", _return(api, fresh), if_match=5)
    assert stale.status_code == 412 and problem_type(stale) == "version-mismatch"
    unknown = api.post("/v1/returns", {**_return(api, fresh), "order_id": "nope"})
    assert unknown.status_code == 404


def test_return_replay_returns_once(api: Api) -> None:
    order = _store_sale(api)
    first = api.post("/v1/returns", _return(api, order), key="r-1")
    second = api.post("/v1/returns", _return(api, order), key="r-1")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    with api.session() as session:
        assert session.execute(select(func.count()).select_from(m.Return)).scalar_one() == 1
        assert stock(session, "WAW-01", "SHIRT-M") == (21, 0)


def test_pickup_order_return_counts_from_collection(api: Api) -> None:
    with transaction(api.factory) as session:
        order = make_order(
            session,
            lines=[("SHIRT-M", 2, "129.99")],
            payments=[("online", "259.98")],
            customer=api.world.customer,
            status="collected",
            created_at=NOW - timedelta(days=60),
            collected_at=NOW - timedelta(days=10),
        )
        order.lines[0].collected_qty = 2
    response = api.post("/v1/returns", _return(api, order, staff_id="piotr"))
    assert response.status_code == 201, response.text
    assert response.json()["return"]["refunds"][0]["tender"] == "online"


def _variants(api: Api) -> None:
    """SHIRT-L (same price) and SHIRT-XL (139.99), other sizes of SHIRT-M, 3 of each here."""
    with transaction(api.factory) as session:
        make_product(session, "SHIRT-L", "129.99", name="Koszula lniana L")
        make_product(session, "SHIRT-XL", "139.99", name="Koszula lniana XL")
        set_stock(session, "WAW-01", "SHIRT-L", 3)
        set_stock(session, "WAW-01", "SHIRT-XL", 3)


def test_an_exchange_returns_and_sells_in_one_transaction_the_difference_paid(api: Api) -> None:
    _variants(api)
    order = _store_sale(api)
    body = _return(
        api,
        order,
        refund_method="exchange",
        exchange={
            "id": "exch-000000000001",
            "lines": [{"sku": "SHIRT-XL", "qty": 1}],
            "payments": [{"tender": "cash", "amount": "10.00"}],
        },
    )
    response = api.post("/v1/returns", body, if_match=1)
    assert response.status_code == 201, response.text
    answer = response.json()
    assert [(r["tender"], r["amount"], r["reference"]) for r in answer["return"]["refunds"]] == [
        ("store_credit", "129.99", "exchange")
    ]
    sale = answer["exchange_order"]
    assert sale["id"] == "exch-000000000001" and sale["channel"] == "store"
    assert [(ln["sku"], ln["qty"]) for ln in sale["lines"]] == [("SHIRT-XL", 1)]
    assert [(p["tender"], p["amount"]) for p in sale["payments"]] == [
        ("store_credit", "129.99"),
        ("cash", "10.00"),
    ]
    assert sale["customer_id"] == api.world.customer.id
    with api.session() as session:
        assert stock(session, "WAW-01", "SHIRT-M") == (21, 0)  # the M came back
        assert stock(session, "WAW-01", "SHIRT-XL") == (2, 0)  # the XL left
    assert api.feed("WAW-01", "order", sale["id"])


def test_a_cheaper_replacement_refunds_the_rest_to_the_original_tenders(api: Api) -> None:
    _variants(api)
    with transaction(api.factory) as session:
        make_product(session, "SHIRT-S", "99.99")
        set_stock(session, "WAW-01", "SHIRT-S", 1)
    order = _store_sale(api)
    domain_order = serialize.order_to_domain(order)
    body = _return(
        api, order, refund_method="exchange", exchange={"lines": [{"sku": "SHIRT-S", "qty": 1}]}
    )
    response = api.post("/v1/returns", body)
    assert response.status_code == 201, response.text
    sale = response.json()["exchange_order"]
    assert [(p["tender"], p["amount"]) for p in sale["payments"]] == [("store_credit", "99.99")]
    # 129.99 returned: 99.99 pays the replacement, the other 30.00 goes back to the card and
    # the points in proportion to what each paid (159.98 : 100.00), points as points.
    refunds = response.json()["return"]["refunds"]
    assert [(r["tender"], r["amount"], r["reference"]) for r in refunds[:1]] == [
        ("store_credit", "99.99", "exchange")
    ]
    expected = split_refund(domain_order, Money.of("30.00"), (), RefundMethod.ORIGINAL)
    assert [(r["tender"], r["amount"], r["points"]) for r in refunds[1:]] == [
        (str(r.tender), str(r.amount.amount), r.points) for r in expected
    ]
    assert [r["tender"] for r in refunds[1:]] == ["card", "points"]
    assert sum(Decimal(r["amount"]) for r in refunds) == Decimal("129.99")


def test_an_exchange_is_refused_whole_when_it_cannot_be_made(api: Api) -> None:
    _variants(api)
    order = _store_sale(api)
    other = _return(
        api, order, refund_method="exchange", exchange={"lines": [{"sku": "JEANS-32", "qty": 1}]}
    )
    refused = api.post("/v1/returns", other)
    assert refused.status_code == 422 and problem_type(refused) == "exchange-other-product"
    unpaid = _return(
        api, order, refund_method="exchange", exchange={"lines": [{"sku": "SHIRT-XL", "qty": 1}]}
    )
    short = api.post("/v1/returns", unpaid)
    assert short.status_code == 422 and problem_type(short) == "payments-do-not-match-total"
    mismatch = api.post(
        "/v1/returns", _return(api, order, exchange={"lines": [{"sku": "SHIRT-L", "qty": 1}]})
    )
    assert mismatch.status_code == 422 and problem_type(mismatch) == "exchange-mismatch"
    # Nothing of the refused attempts was kept: no return, the shirts where they were.
    with api.session() as session:
        assert session.execute(select(func.count()).select_from(m.Return)).scalar_one() == 0
        assert stock(session, "WAW-01", "SHIRT-M") == (20, 0)
        assert stock(session, "WAW-01", "SHIRT-XL") == (3, 0)


def test_the_second_tablet_returning_the_same_units_hears_why_not_just_stale(api: Api) -> None:
    order = _store_sale(api)
    # Both tablets saw version 1 and return the same two units of the line.
    first = api.post("/v1/returns", _return(api, order, qty=2), if_match=1)
    assert first.status_code == 201, first.text
    second = api.post("/v1/returns", _return(api, order, qty=2, staff_id="maria"), if_match=1)
    assert second.status_code == 422 and problem_type(second) == "nothing-left"
    assert "already been returned" in second.json()["detail"]
    with api.session() as session:
        assert session.execute(select(func.count()).select_from(m.Return)).scalar_one() == 1
        assert stock(session, "WAW-01", "SHIRT-M") == (22, 0)
        customer = session.get(m.Customer, api.world.customer.id)
        assert customer is not None and customer.points_balance == 1000 - 238 + 2000


def test_an_orders_returns_are_served_with_it(api: Api) -> None:
    order = _store_sale(api)
    made = api.post("/v1/returns", _return(api, order)).json()["return"]
    headers = {"Authorization": f"Bearer {api.world.token}"}
    answer = api.client.get(f"/v1/orders/{order.id}/returns", headers=headers)
    assert answer.status_code == 200
    assert [r["id"] for r in answer.json()["returns"]] == [made["id"]]
    missing = api.client.get("/v1/orders/nope/returns", headers=headers)
    assert missing.status_code == 404
