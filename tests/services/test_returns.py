"""create_return: the domain policy's amounts, points reversed, stock back — at once, once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clerk.domain.entities import Fulfilment, OrderStatus, RefundMethod, ReturnCondition, Tender
from clerk.domain.entities import ReturnReason as Why
from clerk.domain.errors import DomainError
from clerk.domain.store_credit import credit_code, normalize_code
from clerk.services import ManagerOverride, ReturnItem, create_return
from tests.services.world import NOW, Tablet, order


def _store_sale(tablet: Tablet, *, days_ago: int = 3, sku: str = "SHIRT-M") -> str:
    """The Gold customer's store sale of 2 x ``sku``: card 159.98 + points 100.00, 238 earned."""
    sale = order(
        tablet,
        [(sku, 2)],
        status=OrderStatus.COMPLETED,
        fulfilment=Fulfilment.CARRY_OUT,
        payments=[(Tender.CARD, "159.98"), (Tender.POINTS, "100.00")] if sku == "SHIRT-M" else None,
        created_at=NOW - timedelta(days=days_ago),
        points_earned=238,
    )
    return sale.id


def test_return_splits_the_refund_reverses_points_and_restocks(tablet: Tablet) -> None:
    order_id = _store_sale(tablet)
    done = create_return(
        tablet.ctx,
        tablet.actor("piotr"),
        order_id,
        [ReturnItem(f"{order_id}-1", 1, Why.TOO_SMALL)],
        return_id="ret-tab1-000001",
    )
    ret = done.value
    assert ret.id == "ret-tab1-000001" and ret.staff_id == "piotr" and ret.source == "counter"
    assert str(ret.amount.amount) == "129.99"
    assert {r.tender: (str(r.amount.amount), r.points) for r in ret.refunds} == {
        Tender.CARD: ("79.99", 0),
        Tender.POINTS: ("50.00", 1000),
    }
    # 238 earned on 159.98 paid by card; the returned share of it reverses 119.
    assert ret.points_reversed == 119
    assert tablet.points() == 1000 - 119 + 1000
    assert tablet.stock("SHIRT-M") == (21, 0)
    shown = tablet.get("order", order_id)
    assert shown is not None and shown["lines"][0]["returned_qty"] == 1
    assert shown["version"] == 5 and shown["points_reversed"] == 119
    assert tablet.get("return", ret.id) == ret.to_dict()

    command = done.command
    assert (command.method, command.path, command.kind) == ("POST", "/v1/returns", "create_return")
    assert command.body == {
        "id": "ret-tab1-000001",
        "staff_id": "piotr",
        "order_id": order_id,
        "lines": [
            {"line_id": f"{order_id}-1", "qty": 1, "reason": "too_small", "condition": "resellable"}
        ],
        "refund_method": "original",
    }
    # No If-Match: central re-decides the return under the order's lock (never more than is
    # returnable), so another tablet's return of other units does not refuse this one.
    assert command.lane == f"order:{order_id}" and command.if_match is None
    [entry] = tablet.audit()
    assert entry.detail["amount"] == "129.99" and entry.detail["points_reversed"] == 119


def test_the_second_return_of_an_order_counts_the_first(tablet: Tablet) -> None:
    order_id = _store_sale(tablet)
    line = f"{order_id}-1"
    first = create_return(
        tablet.ctx, tablet.actor("anna"), order_id, [ReturnItem(line, 1, Why.OTHER)]
    )
    second = create_return(
        tablet.ctx,
        tablet.actor("anna"),
        order_id,
        [ReturnItem(line, 1, Why.OTHER, ReturnCondition.DAMAGED)],
    )
    # Together exactly what was paid per tender, and every earned point reversed once.
    card = sum(
        r.amount.amount for d in (first, second) for r in d.value.refunds if r.tender == Tender.CARD
    )
    assert str(card) == "159.98"
    assert first.value.points_reversed + second.value.points_reversed == 238
    assert tablet.stock("SHIRT-M") == (21, 0)  # the damaged one stays off the shelf
    assert second.command.if_match is None
    with pytest.raises(DomainError) as refused:
        create_return(tablet.ctx, tablet.actor("anna"), order_id, [ReturnItem(line, 1, Why.OTHER)])
    assert refused.value.code == "nothing_left"


def test_store_credit_is_one_refund(tablet: Tablet) -> None:
    order_id = _store_sale(tablet)
    done = create_return(
        tablet.ctx,
        tablet.actor("anna"),
        order_id,
        [ReturnItem(f"{order_id}-1", 2, Why.CHANGED_MIND)],
        refund_method=RefundMethod.STORE_CREDIT,
    )
    assert [(r.tender, str(r.amount.amount)) for r in done.value.refunds] == [
        (Tender.STORE_CREDIT, "259.98")
    ]
    assert done.command.body["refund_method"] == "store_credit"
    # The tablet made the credit's code from the return id, as central will.
    code = done.value.refunds[0].reference
    assert code == credit_code(done.value.id) == credit_code(done.command.body["id"])
    assert code is not None and normalize_code(code.lower()) == code


def test_out_of_policy_needs_a_managers_override(tablet: Tablet) -> None:
    late = _store_sale(tablet, days_ago=45)
    final = _store_sale(tablet, sku="SALE-1")
    anna = tablet.actor("anna")
    for order_id, code in ((late, "window_passed"), (final, "final_sale")):
        items = [ReturnItem(f"{order_id}-1", 1, Why.TOO_BIG)]
        with pytest.raises(DomainError) as refused:
            create_return(tablet.ctx, anna, order_id, items)
        assert refused.value.code == code
        for override, why in (
            (ManagerOverride("anna", "Stały klient"), "role_not_allowed"),
            (ManagerOverride("maria", "  "), "override_reason_required"),
            (ManagerOverride("krk-boss", "Stały klient"), "unknown_staff"),
        ):
            with pytest.raises(DomainError) as refused:
                create_return(tablet.ctx, anna, order_id, items, override=override)
            assert refused.value.code == why
    assert tablet.commands() == []

    allowed = ManagerOverride("maria", " Stały klient ")
    items = [ReturnItem(f"{late}-1", 1, Why.TOO_BIG)]
    done = create_return(tablet.ctx, anna, late, items, override=allowed)
    assert done.value.override_manager_id == "maria"
    assert done.value.override_reason == "Stały klient"
    assert done.command.body["override"] == {"manager_id": "maria", "reason": "Stały klient"}
    assert tablet.audit()[-1].detail["override"] == {
        "manager_id": "maria",
        "reason": "Stały klient",
    }


def test_return_refusals(tablet: Tablet) -> None:
    order_id = _store_sale(tablet)
    uncollected = order(tablet, [("SHIRT-M", 1)])
    anna = tablet.actor("anna")
    cases = [
        (order_id, [ReturnItem(f"{order_id}-1", 3, Why.OTHER)], "quantity_exceeds_returnable"),
        (order_id, [ReturnItem("nope", 1, Why.OTHER)], "unknown_line"),
        (order_id, [], "empty_return"),
        (order_id, [ReturnItem(f"{order_id}-1", 0, Why.OTHER)], "invalid_quantity"),
        ("ord-elsewhere", [ReturnItem("x", 1, Why.OTHER)], "order_not_found"),
        (uncollected.id, [ReturnItem(f"{uncollected.id}-1", 1, Why.OTHER)], "not_collected"),
    ]
    for target, items, code in cases:
        with pytest.raises(DomainError) as refused:
            create_return(tablet.ctx, anna, target, items)
        assert refused.value.code == code
    assert tablet.commands() == [] and tablet.points() == 1000
