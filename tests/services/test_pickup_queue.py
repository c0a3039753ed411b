"""The pickup desk's reads: the queue by state and urgency, the pick list, finding an order."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clerk.domain.entities import OrderStatus, PickupDetails
from clerk.domain.errors import DomainError
from clerk.domain.holds import HoldUrgency
from clerk.services import Verification, release_pickup
from clerk.services.pickup_queue import (
    find_by_number_and_phone,
    pickup_detail,
    pickup_queue,
    ready_for_customer,
)
from tests.services.world import NOW, Tablet, order


def test_the_queue_sorts_each_state_by_urgency(tablet: Tablet) -> None:
    placed_late = order(
        tablet, [("SHIRT-M", 1)], status=OrderStatus.PLACED, created_at=NOW - timedelta(hours=2)
    )
    placed_early = order(
        tablet, [("SOCKS-1", 1)], status=OrderStatus.PICKING, created_at=NOW - timedelta(hours=9)
    )
    ready = order(tablet, [("JEANS-32", 1)])  # hold ends in 6 days
    expiring = order(tablet, [("SOCKS-1", 2)], hold_until=NOW + timedelta(days=1))
    overdue = order(tablet, [("SHIRT-M", 1)], hold_until=NOW - timedelta(hours=3))
    collected = order(tablet, [("SOCKS-1", 1)], status=OrderStatus.COLLECTED)
    collected.pickup = PickupDetails("123456", collected_at=NOW - timedelta(hours=1))
    tablet.put("order", collected)
    yesterday = order(tablet, [("SOCKS-1", 1)], status=OrderStatus.COLLECTED)
    yesterday.pickup = PickupDetails("123456", collected_at=NOW - timedelta(days=1))
    tablet.put("order", yesterday)
    order(tablet, [("SOCKS-1", 1)], status=OrderStatus.CANCELLED)

    queue = pickup_queue(tablet.ctx)
    assert [e.order_id for e in queue.to_prepare] == [placed_early.id, placed_late.id]
    assert [e.order_id for e in queue.ready] == [ready.id]
    assert [e.order_id for e in queue.expiring] == [overdue.id, expiring.id]
    assert [e.urgency for e in queue.expiring] == [HoldUrgency.OVERDUE, HoldUrgency.EXPIRING]
    assert [e.order_id for e in queue.collected_today] == [collected.id]
    entry = queue.ready[0]
    assert (entry.customer_name, entry.phone_tail, entry.items, entry.shelf) == (
        "Łucja Wójcik",
        "567",
        1,
        "A-1",
    )
    assert entry.waited(NOW) == timedelta(days=1)


def test_the_queue_is_searched_by_number_name_and_phone(tablet: Tablet) -> None:
    ready = order(tablet, [("JEANS-32", 1)])
    entry = pickup_queue(tablet.ctx).ready[0]
    assert entry.matches(ready.number[-4:]) and entry.matches(ready.number.lower())
    assert entry.matches("wójcik") and entry.matches("234 5")
    assert not entry.matches("kowalski") and not entry.matches("999")


def test_a_release_waiting_to_be_sent_marks_the_order_pending(tablet: Tablet) -> None:
    ready = order(tablet, [("JEANS-32", 1)])
    release_pickup(
        tablet.ctx, tablet.actor("piotr"), ready.id, Verification("pickup_token", "Łucja Wójcik")
    )
    done = pickup_queue(tablet.ctx).collected_today
    assert [(e.order_id, e.pending) for e in done] == [(ready.id, True)]


def test_the_pick_list_names_each_item_and_what_is_left(tablet: Tablet) -> None:
    ready = order(tablet, [("JEANS-32", 2), ("WINE-1", 1)], collected_qty=0)
    detail = pickup_detail(tablet.ctx, ready.id)
    jeans, wine = detail.lines
    assert (jeans.sku, jeans.qty, jeans.waiting, jeans.size, jeans.colour) == (
        "JEANS-32",
        2,
        2,
        "M",
        "navy",
    )
    assert jeans.ean.startswith("590") and not jeans.age_restricted
    assert wine.age_restricted and detail.age_restricted
    assert detail.customer is not None and detail.entry.state == "ready"


def test_an_order_of_another_store_is_refused_in_words(tablet: Tablet) -> None:
    elsewhere = order(tablet, [("SOCKS-1", 1)], pickup_store_id="KRK-01")
    with pytest.raises(DomainError) as refused:
        pickup_detail(tablet.ctx, elsewhere.id)
    assert refused.value.code == "other_store_order"
    with pytest.raises(DomainError) as missing:
        pickup_detail(tablet.ctx, "ord-none")
    assert missing.value.code == "order_not_found"


def test_an_order_is_found_by_its_number_and_the_phones_last_digits(tablet: Tablet) -> None:
    ready = order(tablet, [("SOCKS-1", 1)])
    assert find_by_number_and_phone(tablet.ctx, ready.number.lower(), "567") == ready.id
    for number, digits in ((ready.number, "568"), ("W99999999", "567")):
        with pytest.raises(DomainError) as refused:
            find_by_number_and_phone(tablet.ctx, number, digits)
        assert refused.value.code == "no_matching_pickup"
    with pytest.raises(DomainError) as short:
        find_by_number_and_phone(tablet.ctx, ready.number, "56")
    assert short.value.code == "number_and_digits_needed"


def test_the_customers_ready_orders_here(tablet: Tablet) -> None:
    ready = order(tablet, [("SOCKS-1", 1)])
    order(tablet, [("SHIRT-M", 1)], status=OrderStatus.PLACED)
    assert [e.order_id for e in ready_for_customer(tablet.ctx, "cust-gold")] == [ready.id]
    assert ready_for_customer(tablet.ctx, "someone-else") == []
