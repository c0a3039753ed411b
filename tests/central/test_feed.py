"""The change feed: strictly increasing seq, batches, 410 for expired cursors, compaction,
slice membership and the bulk snapshot."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from clerk.central import models as m
from clerk.central import serialize as ser
from clerk.central.db import transaction
from clerk.central.feed import (
    compact_feed,
    publish_order,
    read_changes,
    rebuild_store_feed,
    record_change,
)
from tests.central.core_fixtures import (
    NOW,
    Central,
    add_customer,
    add_order,
    central,
    problem_slug,
)

__all__ = ["central"]


def _pull_all(c: Central, store_id: str = "WAW-01", limit: int = 3) -> list[dict[str, Any]]:
    after, seen = 0, []
    while True:
        page = c.get(f"/v1/stores/{store_id}/changes", store_id, after=after, limit=limit)
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["changes"]) <= limit
        seen.extend(body["changes"])
        if body["changes"]:
            assert body["next_after"] == body["changes"][-1]["seq"]
        if not body["has_more"]:
            return seen
        after = body["next_after"]


def _record_products(c: Central, count: int) -> None:
    with transaction(c.factory) as session:
        for i in range(count):
            record_change(session, ["WAW-01"], "product", f"P{i}", {"sku": f"P{i}"}, now=NOW)


def test_seq_strictly_increases_and_pages_join_up(central: Central) -> None:
    _record_products(central, 10)
    changes = _pull_all(central, limit=3)
    seqs = [c["seq"] for c in changes]
    assert seqs == sorted(set(seqs))
    assert {c["id"] for c in changes if c["entity"] == "product"} == {f"P{i}" for i in range(10)}
    last = central.get("/v1/stores/WAW-01/changes", after=seqs[-1]).json()
    assert last == {"changes": [], "next_after": seqs[-1], "has_more": False}


def test_other_stores_entries_stay_out(central: Central) -> None:
    with transaction(central.factory) as session:
        record_change(session, ["KRK-01"], "product", "ONLY-KRK", {"sku": "x"}, now=NOW)
    ids = {c["id"] for c in _pull_all(central)}
    assert "ONLY-KRK" not in ids


def test_batch_is_capped_by_settings(central: Central) -> None:
    _record_products(central, 8)
    central.app.state.central.settings.feed_batch_max = 5
    body = central.get("/v1/stores/WAW-01/changes", limit=1000).json()
    assert len(body["changes"]) == 5 and body["has_more"] is True


def test_compaction_keeps_newest_and_expires_old_cursors(central: Central) -> None:
    with transaction(central.factory) as session:
        for version in range(3):
            record_change(session, ["WAW-01"], "customer", "c1", {"v": version}, now=NOW)
        record_change(session, ["WAW-01"], "cart", "cart1", None, op="delete", now=NOW)
        record_change(session, ["WAW-01"], "customer", "c2", {"v": 0}, now=NOW)
    with central.factory() as session:
        page = read_changes(session, "WAW-01", 0, 1000)
    first_seq = page.changes[0]["seq"]
    keep_after = page.next_after
    with transaction(central.factory) as session:
        deleted = compact_feed(session, "WAW-01", keep_after)
    assert deleted == 2  # the two older versions of c1
    full = _pull_all(central, limit=100)
    c1 = [c for c in full if c["id"] == "c1"]
    assert [c["data"] for c in c1] == [{"v": 2}]
    assert any(c["id"] == "cart1" and c["op"] == "delete" for c in full)  # tombstone kept
    expired = central.get("/v1/stores/WAW-01/changes", after=first_seq)
    assert expired.status_code == 410
    assert problem_slug(expired) == "cursor-expired"
    assert central.get("/v1/stores/WAW-01/changes", after=keep_after).status_code == 200


def test_cursor_from_the_future_is_410(central: Central) -> None:
    answer = central.get("/v1/stores/WAW-01/changes", after=10**9)
    assert answer.status_code == 410
    assert problem_slug(answer) == "cursor-expired"


def test_publish_order_adds_customer_to_pickup_store_slice(central: Central) -> None:
    with transaction(central.factory) as session:
        customer = add_customer(session, "Ewa", "Lis", stores=("KRK-01",))
        order = add_order(session, customer, created_at=NOW, pickup_store_id="WAW-01")
        publish_order(session, order, NOW)
        customer_id, order_id = customer.id, order.id
    waw = _pull_all(central, "WAW-01", limit=50)
    krk = _pull_all(central, "KRK-01", limit=50)
    assert any(c["entity"] == "customer" and c["id"] == customer_id for c in waw)
    assert any(c["entity"] == "order" and c["id"] == order_id for c in waw)
    assert any(c["entity"] == "order" and c["id"] == order_id for c in krk)
    with central.factory() as session:
        members = set(
            session.scalars(
                select(m.StoreCustomer.store_id).where(m.StoreCustomer.customer_id == customer_id)
            )
        )
    assert members == {"WAW-01", "KRK-01"}


def _build_slice(central: Central) -> dict[str, str]:
    with transaction(central.factory) as session:
        inside = add_customer(session, "Anna", "Kowalska", stores=("WAW-01",))
        outside = add_customer(session, "Jan", "Nowak", stores=("KRK-01",))
        recent = add_order(session, inside, created_at=NOW - timedelta(days=10))
        old_elsewhere = add_order(
            session,
            inside,
            created_at=NOW - timedelta(days=200),
            fulfilment="ship",
            pickup_store_id=None,
        )
        old_here = add_order(
            session,
            None,
            created_at=NOW - timedelta(days=400),
            channel="store",
            fulfilment="carry_out",
            store_id="WAW-01",
        )
        foreign = add_order(session, outside, created_at=NOW, pickup_store_id="KRK-01")
        ret = m.Return(
            id="ret-1",
            order_id=recent.id,
            store_id="WAW-01",
            staff_id="st-anna",
            created_at=NOW,
            refund_method="original",
            amount=recent.lines[0].unit_price,
        )
        ret.lines.append(
            m.ReturnLine(
                order_line_id=recent.lines[0].id,
                qty=1,
                reason="too_small",
                condition="resellable",
                amount=recent.lines[0].unit_price,
            )
        )
        ret.refunds.append(m.Refund(tender="card", amount=recent.lines[0].unit_price))
        session.add(ret)
        cart = m.Cart(id="cart-1", customer_id=inside.id, updated_at=NOW)
        cart.lines.append(m.CartLine(line_no=1, sku="TS-L", qty=2))
        session.add(cart)
        res = m.Reservation(
            id="res-1",
            customer_id=inside.id,
            store_id="WAW-01",
            created_at=NOW,
            hold_until=NOW + timedelta(hours=48),
        )
        res.lines.append(m.ReservationLine(line_no=1, sku="JK-M", qty=1))
        session.add(res)
        session.add(
            m.LoyaltyTransaction(
                id="lt-1",
                customer_id=inside.id,
                kind="earn",
                points=99,
                order_id=recent.id,
                channel="web",
                created_at=NOW - timedelta(days=10),
            )
        )
        session.add(
            m.LoyaltyTransaction(
                id="lt-old",
                customer_id=inside.id,
                kind="earn",
                points=10,
                channel="web",
                created_at=NOW - timedelta(days=500),
            )
        )
        session.add(
            m.Interaction(
                id="int-1",
                customer_id=inside.id,
                kind="ticket",
                channel="web",
                subject="Gdzie paczka?",
                status="open",
                created_at=NOW - timedelta(days=3),
            )
        )
        session.flush()
        return {
            "inside": inside.id,
            "outside": outside.id,
            "recent": recent.id,
            "old_elsewhere": old_elsewhere.id,
            "old_here": old_here.id,
            "foreign": foreign.id,
        }


def test_rebuild_writes_the_whole_slice(central: Central) -> None:
    ids = _build_slice(central)
    with transaction(central.factory) as session:
        written = rebuild_store_feed(session, "WAW-01", NOW)
    with central.factory() as session:
        page = read_changes(session, "WAW-01", 0, 100_000)
        order = session.get(m.Order, ids["recent"])
        assert order is not None
        expected_order = ser.order_dict(order)
        ret = session.get(m.Return, "ret-1")
        assert ret is not None
        expected_return = ser.return_dict(ret)
    assert written >= 15
    by_kind: dict[str, set[str]] = {}
    latest: dict[tuple[str, str], Any] = {}
    for change in page.changes:
        by_kind.setdefault(change["entity"], set()).add(change["id"])
        latest[(change["entity"], change["id"])] = change["data"]
    assert by_kind["store"] == {"WAW-01"} and by_kind["settings"] == {"WAW-01"}
    assert by_kind["product"] == {"TS-M", "TS-L", "JK-M"}
    assert by_kind["inventory"] == {"TS-M", "TS-L", "JK-M"}
    assert by_kind["staff"] == {"st-anna", "st-piotr", "st-maria"}
    assert len(by_kind["signing_key"]) == 1 and len(by_kind["device_key"]) == 1
    assert by_kind["customer"] == {ids["inside"]}
    assert by_kind["order"] == {ids["recent"], ids["old_here"]}
    assert by_kind["return"] == {"ret-1"}
    assert by_kind["cart"] == {"cart-1"}
    assert by_kind["reservation"] == {"res-1"}
    assert by_kind["loyalty"] == {"lt-1"}
    assert by_kind["interaction"] == {"int-1"}
    assert latest[("order", ids["recent"])] == expected_order  # the one shape everywhere
    assert latest[("return", "ret-1")] == expected_return
    staff = latest[("staff", "st-maria")]
    assert staff["pin_hash"] and staff["store_ids"] == ["KRK-01", "WAW-01"]


def test_rebuild_again_supersedes_the_old_snapshot(central: Central) -> None:
    _build_slice(central)
    with transaction(central.factory) as session:
        first = rebuild_store_feed(session, "WAW-01", NOW)
    with transaction(central.factory) as session:
        second = rebuild_store_feed(session, "WAW-01", NOW)
    assert first == second
    with central.factory() as session:
        rows = session.execute(
            select(func.count()).select_from(m.Change).where(m.Change.store_id == "WAW-01")
        ).scalar_one()
        floor = session.get(m.Store, "WAW-01")
        assert floor is not None and floor.feed_floor > 0
    assert rows == second
    assert len(_pull_all(central, limit=1000)) == second


def test_fast_dicts_equal_the_domain_to_dict(central: Central) -> None:
    ids = _build_slice(central)
    with central.factory() as session:
        order = session.get(m.Order, ids["recent"])
        ret = session.get(m.Return, "ret-1")
        customer = session.get(m.Customer, ids["inside"])
        cart = session.get(m.Cart, "cart-1")
        res = session.get(m.Reservation, "res-1")
        txn = session.get(m.LoyaltyTransaction, "lt-1")
        item = session.get(m.Interaction, "int-1")
        assert order and ret and customer and cart and res and txn and item
        entities = [
            ser.order_to_domain(order),
            ser.return_to_domain(ret),
            ser.customer_to_domain(customer),
            ser.cart_to_domain(cart),
            ser.reservation_to_domain(res),
            ser.loyalty_to_domain(txn),
            ser.interaction_to_domain(item),
        ]
    for entity in entities:
        assert ser.entity_dict(entity) == entity.to_dict()
