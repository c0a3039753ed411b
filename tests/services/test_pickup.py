"""mark_ready, release_pickup, expire_pickup: the desk's steps, shown at once, queued in order."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clerk.domain.entities import OrderStatus, ReturnCondition, Tender
from clerk.domain.errors import DomainError
from clerk.services import (
    RefusedItem,
    ShortLine,
    Verification,
    expire_pickup,
    mark_ready,
    release_pickup,
)
from tests.services.world import NOW, Tablet, order

VERIFIED = Verification("pickup_token", "Jan Kowalski")


def _returns(tablet: Tablet, order_id: str) -> list[dict[str, object]]:
    with tablet.store.unit(read_only=True) as unit:
        return [r.to_dict() for r in unit.orders.returns_of(order_id)]


def test_mark_ready_shelves_holds_and_refunds_short_lines(tablet: Tablet) -> None:
    placed = order(
        tablet,
        [("SHIRT-M", 2), ("JEANS-32", 1)],
        status=OrderStatus.PLACED,
        payments=[(Tender.ONLINE, "508.98")],
    )
    done = mark_ready(
        tablet.ctx,
        tablet.actor("piotr"),
        placed.id,
        shelf="B-7",
        short_lines=[ShortLine(f"{placed.id}-1", 1, "damaged")],
    )
    shown = done.value
    assert shown.status == "ready" and shown.version == 5
    assert shown.pickup is not None and shown.pickup.shelf == "B-7"
    assert shown.pickup.ready_at == NOW and shown.pickup.hold_until == NOW + timedelta(days=7)
    assert [ln.short_qty for ln in shown.lines] == [1, 0]
    assert tablet.stock("SHIRT-M") == (20, 1) and tablet.stock("JEANS-32") == (20, 1)
    [refund] = _returns(tablet, placed.id)
    assert refund["source"] == "pickup_refusal"
    assert refund["lines"] == [
        {
            "order_line_id": f"{placed.id}-1",
            "qty": 1,
            "reason": "short_pick",
            "condition": "damaged",
            "amount": "129.99",
        }
    ]
    assert refund["refunds"][0]["tender"] == "online"  # type: ignore[index]
    command = done.command
    assert (command.path, command.if_match, command.lane) == (
        f"/v1/orders/{placed.id}/ready",
        '"4"',
        f"order:{placed.id}",
    )
    assert command.body == {
        "staff_id": "piotr",
        "shelf": "B-7",
        "short_lines": [{"line_id": f"{placed.id}-1", "qty": 1, "reason": "damaged"}],
    }
    assert ("order", placed.id) in command.touches and ("inventory", "SHIRT-M") in command.touches


def test_every_unit_short_cancels_the_order(tablet: Tablet) -> None:
    placed = order(tablet, [("SOCKS-1", 1)], status=OrderStatus.PICKING)
    done = mark_ready(
        tablet.ctx,
        tablet.actor("maria"),
        placed.id,
        shelf="A",
        short_lines=[ShortLine(f"{placed.id}-1", 1)],
    )
    assert done.value.status == "cancelled"
    assert tablet.stock("SOCKS-1") == (20, 0)


def test_release_all_hands_over_and_chains_behind_ready(tablet: Tablet) -> None:
    placed = order(tablet, [("SHIRT-M", 1)], status=OrderStatus.PLACED)
    ready = mark_ready(tablet.ctx, tablet.actor("piotr"), placed.id, shelf="C-1")
    done = release_pickup(tablet.ctx, tablet.actor("piotr"), placed.id, VERIFIED)
    shown = done.value
    assert shown.status == "collected" and shown.version == 6
    assert shown.pickup is not None and shown.pickup.collected_by == "Jan Kowalski"
    assert shown.pickup.verification == {
        "method": "pickup_token",
        "collected_by": "Jan Kowalski",
        "id_last4": None,
        "age_checked": False,
        "staff_id": "piotr",
    }
    assert [ln.collected_qty for ln in shown.lines] == [1]
    assert tablet.stock("SHIRT-M") == (19, 0)
    commands = tablet.commands()
    assert [c.id for c in commands] == [ready.command.id, done.command.id]
    # The ready command names central's version; the chained collect cannot.
    assert ready.command.if_match == '"4"' and done.command.if_match is None
    assert done.command.body == {
        "staff_id": "piotr",
        "verification": {
            "method": "pickup_token",
            "collected_by": "Jan Kowalski",
            "id_last4": None,
            "age_checked": False,
        },
    }


def test_release_part_refused_lines_are_returned_on_the_spot(tablet: Tablet) -> None:
    ready = order(
        tablet,
        [("SHIRT-M", 2), ("JEANS-32", 1)],
        payments=[(Tender.ONLINE, "400.00"), (Tender.POINTS, "108.98")],
        points_earned=400,
    )
    done = release_pickup(
        tablet.ctx,
        tablet.actor("piotr"),
        ready.id,
        VERIFIED,
        lines={f"{ready.id}-1": 1, f"{ready.id}-2": 1},
        refused=[RefusedItem(f"{ready.id}-1", 1, condition=ReturnCondition.DAMAGED)],
    )
    shown = done.value
    assert shown.status == "partially_collected"
    assert [(ln.collected_qty, ln.returned_qty) for ln in shown.lines] == [(1, 1), (1, 0)]
    # The damaged refused unit is written off: neither on the shelf nor held.
    assert tablet.stock("SHIRT-M") == (18, 0) and tablet.stock("JEANS-32") == (19, 0)
    [refund] = _returns(tablet, ready.id)
    assert refund["id"].startswith("local-")  # type: ignore[union-attr]
    amounts = {r["tender"]: r["amount"] for r in refund["refunds"]}  # type: ignore[union-attr]
    assert amounts == {"online": "102.16", "points": "27.83"}
    assert done.command.body["refused"] == [
        {
            "line_id": f"{ready.id}-1",
            "qty": 1,
            "reason": "refused_at_pickup",
            "condition": "damaged",
        }
    ]
    assert done.command.body["lines"] == [
        {"line_id": f"{ready.id}-1", "qty": 1},
        {"line_id": f"{ready.id}-2", "qty": 1},
    ]
    assert ("return", refund["id"]) in done.command.touches


def test_release_refusals(tablet: Tablet) -> None:
    ready = order(tablet, [("SHIRT-M", 2), ("WINE-1", 1)])
    actor = tablet.actor("piotr")
    cases = [
        (lambda: release_pickup(tablet.ctx, actor, ready.id, VERIFIED), "age_check_required"),
        (
            lambda: release_pickup(
                tablet.ctx, actor, ready.id, VERIFIED, lines={f"{ready.id}-1": 1}
            ),
            "unaccounted_items",
        ),
        (
            lambda: release_pickup(
                tablet.ctx, actor, ready.id, VERIFIED, refused=[RefusedItem(f"{ready.id}-1", 3)]
            ),
            "quantity_exceeds_order",
        ),
        (
            lambda: release_pickup(
                tablet.ctx, actor, ready.id, VERIFIED, refused=[RefusedItem("nope", 1)]
            ),
            "unknown_line",
        ),
        (
            lambda: release_pickup(tablet.ctx, actor, ready.id, Verification("pickup_token", " ")),
            "collector_required",
        ),
        (
            lambda: release_pickup(tablet.ctx, tablet.actor("anna"), ready.id, VERIFIED),
            "role_not_allowed",
        ),
        (lambda: release_pickup(tablet.ctx, actor, "ord-missing", VERIFIED), "order_not_found"),
        (lambda: mark_ready(tablet.ctx, actor, ready.id, shelf="A"), "order_already_ready"),
        (lambda: expire_pickup(tablet.ctx, tablet.actor("maria"), ready.id), "hold_not_over"),
        (lambda: expire_pickup(tablet.ctx, actor, ready.id), "role_not_allowed"),
    ]
    for call, code in cases:
        with pytest.raises(DomainError) as refused:
            call()
        assert refused.value.code == code, (code, refused.value.message)
    assert tablet.commands() == []
    assert tablet.stock("SHIRT-M") == (20, 2)
    # Every refusal by the store's state is audited; a form error (no collector) is not.
    assert [e.result for e in tablet.audit()] == ["refused"] * (len(cases) - 1)

    checked = Verification("number_phone", "Jan Kowalski", id_last4="AB12", age_checked=True)
    done = release_pickup(tablet.ctx, actor, ready.id, checked)
    assert done.value.status == "collected"
    with pytest.raises(DomainError) as again:
        release_pickup(tablet.ctx, actor, ready.id, checked)
    assert again.value.code == "order_already_collected"


def test_other_stores_and_shipped_orders_are_not_released_here(tablet: Tablet) -> None:
    elsewhere = order(tablet, [("SHIRT-M", 1)], pickup_store_id="KRK-01")
    with pytest.raises(DomainError) as refused:
        release_pickup(tablet.ctx, tablet.actor("piotr"), elsewhere.id, VERIFIED)
    assert refused.value.code == "other_store_order"


def test_expire_after_the_hold_releases_and_refunds_everything(tablet: Tablet) -> None:
    ready = order(tablet, [("JEANS-32", 1), ("SOCKS-1", 2)])
    tablet.clock.current = NOW + timedelta(days=7)
    done = expire_pickup(tablet.ctx, tablet.actor("maria"), ready.id)
    assert done.value.status == "expired"
    assert [ln.returned_qty for ln in done.value.lines] == [1, 2]
    assert tablet.stock("JEANS-32") == (20, 0) and tablet.stock("SOCKS-1") == (20, 0)
    [refund] = _returns(tablet, ready.id)
    assert refund["refunds"] == [
        {"tender": "online", "amount": "288.98", "points": 0, "reference": None, "status": "issued"}
    ]
    assert done.command.path == f"/v1/orders/{ready.id}/expire"
    assert done.command.body == {"staff_id": "maria"} and done.command.if_match == '"4"'
