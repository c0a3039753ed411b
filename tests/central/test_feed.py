"""The change feed: strictly increasing seq, batches, 410 for expired cursors, compaction,
slice membership and the bulk snapshot."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from clerk.central import models as m
from clerk.central import serialize as ser
from clerk.central.db import transaction
from clerk.central.feed import (
    compact_feed,
    ensure_in_slice,
    flush_feed,
    publish_order,
    read_changes,
    rebuild_store_feed,
    record_change,
)
from clerk.central.feed_log import lock_key
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


def test_compaction_keeps_newest_expires_lost_cursors_and_lets_a_resync_page_through(
    central: Central,
) -> None:
    with transaction(central.factory) as session:
        for version in range(3):
            record_change(session, ["WAW-01"], "customer", "c1", {"v": version}, now=NOW)
        record_change(session, ["WAW-01"], "cart", "cart1", None, op="delete", now=NOW)
        record_change(session, ["WAW-01"], "customer", "c2", {"v": 0}, now=NOW)
    with central.factory() as session:
        page = read_changes(session, "WAW-01", 0, 1000)
    first_seq = next(c["seq"] for c in page.changes if c["id"] == "c1")
    keep_after = page.next_after
    with transaction(central.factory) as session:
        deleted = compact_feed(session, "WAW-01", keep_after)
    assert deleted == 2  # the two older versions of c1
    # A re-sync from 0 in pages of one passes cursors below the floor: every page is served.
    full = _pull_all(central, limit=1)
    c1 = [c for c in full if c["id"] == "c1"]
    assert [c["data"] for c in c1] == [{"v": 2}]
    assert any(c["id"] == "cart1" and c["op"] == "delete" for c in full)  # tombstone kept
    # A device whose cursor was compacted away must re-sync.
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


def _ret(ret_id: str, order: m.Order) -> m.Return:
    line = order.lines[0]
    ret = m.Return(
        id=ret_id,
        order_id=order.id,
        store_id="WAW-01",
        staff_id="st-anna",
        created_at=order.created_at + timedelta(days=2),
        refund_method="original",
        amount=line.unit_price,
    )
    ret.lines.append(
        m.ReturnLine(
            order_line_id=line.id,
            qty=1,
            reason="too_small",
            condition="resellable",
            amount=line.unit_price,
        )
    )
    ret.refunds.append(m.Refund(tender="card", amount=line.unit_price))
    return ret


def _reservation(res_id: str, customer: m.Customer, status: str, hold_until: Any) -> m.Reservation:
    res = m.Reservation(
        id=res_id,
        customer_id=customer.id,
        store_id="WAW-01",
        status=status,
        created_at=hold_until - timedelta(hours=48),
        hold_until=hold_until,
    )
    res.lines.append(m.ReservationLine(line_no=1, sku="JK-M", qty=1))
    return res


def _interaction(item_id: str, customer: m.Customer, days_ago: int, **extra: Any) -> m.Interaction:
    values: dict[str, Any] = {"kind": "ticket", "channel": "web", "subject": "Gdzie paczka?"}
    values.update(extra)
    return m.Interaction(
        id=item_id, customer_id=customer.id, created_at=NOW - timedelta(days=days_ago), **values
    )


def _build_slice(central: Central) -> dict[str, str]:
    """Data on both sides of every line of the slice rule (WAW-01's point of view)."""
    with transaction(central.factory) as session:
        inside = add_customer(session, "Anna", "Kowalska", stores=("WAW-01",))
        outside = add_customer(session, "Jan", "Nowak", stores=("KRK-01",))
        day = timedelta(days=1)
        orders = {
            # in: the slice customer's pickup here, 10 days ago
            "recent": add_order(session, inside, created_at=NOW - 10 * day),
            # in: the slice customer's web order shipped home, 40 days ago (return window)
            "shipped": add_order(
                session, inside, created_at=NOW - 40 * day, fulfilment="ship", status="delivered"
            ),
            # out: the same 200 days ago
            "old_elsewhere": add_order(
                session, inside, created_at=NOW - 200 * day, fulfilment="ship"
            ),
            # in: a guest sale here 100 days ago (store orders: 180 days)
            "sold_here": add_order(
                session,
                None,
                created_at=NOW - 100 * day,
                channel="store",
                fulfilment="carry_out",
                store_id="WAW-01",
                status="completed",
            ),
            # out: a sale here 400 days ago
            "old_here": add_order(
                session,
                None,
                created_at=NOW - 400 * day,
                channel="store",
                fulfilment="carry_out",
                store_id="WAW-01",
                status="completed",
            ),
            # in: a pickup still waiting here, whatever its age, of a customer from elsewhere
            "open_pickup": add_order(session, outside, created_at=NOW - 400 * day, status="ready"),
            # out: a pickup here collected 300 days ago
            "collected_old": add_order(
                session, outside, created_at=NOW - 300 * day, status="collected"
            ),
            # out: another store's pickup
            "foreign": add_order(session, outside, created_at=NOW, pickup_store_id="KRK-01"),
        }
        session.add(_ret("ret-1", orders["recent"]))
        session.add(_ret("ret-old", orders["old_elsewhere"]))
        cart = m.Cart(id="cart-1", customer_id=inside.id, updated_at=NOW)
        cart.lines.append(m.CartLine(line_no=1, sku="TS-L", qty=2))
        session.add(cart)
        session.add(
            m.Cart(id="cart-used", customer_id=inside.id, status="consumed", updated_at=NOW)
        )
        session.add(_reservation("res-1", inside, "active", NOW + 2 * day))
        session.add(_reservation("res-done", inside, "collected", NOW - 5 * day))
        session.add(_reservation("res-old", inside, "expired", NOW - 40 * day))
        for txn_id, days_ago in (("lt-1", 10), ("lt-40", 40), ("lt-old", 500)):
            session.add(
                m.LoyaltyTransaction(
                    id=txn_id,
                    customer_id=inside.id,
                    kind="earn",
                    points=99,
                    channel="web",
                    created_at=NOW - days_ago * day,
                )
            )
        session.add(_interaction("int-1", inside, 3, status="open", thread_id="int-1"))
        session.add(_interaction("int-open", inside, 100, status="open", thread_id="int-open"))
        session.add(_interaction("int-open-re", inside, 90, subject="Re", thread_id="int-open"))
        session.add(
            _interaction("int-closed", inside, 100, status="closed", thread_id="int-closed")
        )
        session.add(_interaction("int-closed-re", inside, 90, thread_id="int-closed"))
        session.add(_interaction("int-note", inside, 20, kind="note", channel="store"))
        session.add(_interaction("int-note-old", inside, 60, kind="note", channel="store"))
        session.flush()
        ids = {name: order.id for name, order in orders.items()}
        ids.update(inside=inside.id, outside=outside.id)
        return ids


SLICE_OF_INSIDE = {
    "cart": {"cart-1"},
    "return": {"ret-1"},
    "loyalty": {"lt-1"},
    "interaction": {"int-1", "int-open", "int-open-re", "int-note"},
}


def _latest(changes: list[dict[str, Any]]) -> dict[tuple[str, str], Any]:
    return {(c["entity"], c["id"]): c["data"] for c in changes}


def _kinds(changes: list[dict[str, Any]]) -> dict[str, set[str]]:
    by_kind: dict[str, set[str]] = {}
    for change in changes:
        by_kind.setdefault(change["entity"], set()).add(change["id"])
    return by_kind


def test_rebuild_writes_the_whole_slice(central: Central) -> None:
    ids = _build_slice(central)
    with transaction(central.factory) as session:
        written = rebuild_store_feed(session, "WAW-01", NOW)
    with central.factory() as session:
        page = read_changes(session, "WAW-01", 0, 100_000)
    assert written == len(page.changes)
    by_kind = _kinds(page.changes)
    assert by_kind["store"] == {"WAW-01"} and by_kind["settings"] == {"WAW-01"}
    assert by_kind["product"] == {"TS-M", "TS-L", "JK-M"}
    assert by_kind["inventory"] == {"TS-M", "TS-L", "JK-M"}
    assert by_kind["staff"] == {"st-anna", "st-piotr", "st-maria"}
    assert len(by_kind["signing_key"]) == 1 and len(by_kind["device_key"]) == 1
    assert by_kind["customer"] == {ids["inside"]}
    wanted = {"recent", "shipped", "sold_here", "open_pickup"}
    assert by_kind["order"] == {ids[name] for name in wanted}
    assert by_kind["reservation"] == {"res-1", "res-done"}
    for kind, expected in SLICE_OF_INSIDE.items():
        assert by_kind[kind] == expected, kind
    staff = _latest(page.changes)[("staff", "st-maria")]
    assert staff["pin_hash"] and staff["store_ids"] == ["KRK-01", "WAW-01"]


def test_snapshot_dicts_equal_the_domain_to_dict(central: Central) -> None:
    """The bulk snapshot builds its dicts from rows; they must be the one shape everywhere."""
    _build_slice(central)
    with transaction(central.factory) as session:
        rebuild_store_feed(session, "WAW-01", NOW)
    builders: dict[str, tuple[Any, Any]] = {
        "customer": (m.Customer, ser.customer_dict),
        "product": (m.Product, ser.product_dict),
        "cart": (m.Cart, ser.cart_dict),
        "order": (m.Order, ser.order_dict),
        "return": (m.Return, ser.return_dict),
        "reservation": (m.Reservation, ser.reservation_dict),
        "loyalty": (m.LoyaltyTransaction, ser.loyalty_dict),
        "interaction": (m.Interaction, ser.interaction_dict),
    }
    checked = set()
    with central.factory() as session:
        for (entity, entity_id), data in _latest(
            read_changes(session, "WAW-01", 0, 10**5).changes
        ).items():
            if entity == "inventory":
                level = session.get(m.Inventory, ("WAW-01", entity_id))
                assert level is not None and data == ser.inventory_dict(level)
            elif entity in builders:
                model, to_dict = builders[entity]
                row = session.get(model, entity_id)
                assert row is not None
                assert data == to_dict(row), (entity, entity_id)
                assert data == ser.entity_dict(_domain(entity, row))
            checked.add(entity)
    assert checked >= set(builders) | {"inventory"}


def _domain(entity: str, row: Any) -> Any:
    to_domain = {
        "customer": ser.customer_to_domain,
        "product": ser.product_to_domain,
        "cart": ser.cart_to_domain,
        "order": ser.order_to_domain,
        "return": ser.return_to_domain,
        "reservation": ser.reservation_to_domain,
        "loyalty": ser.loyalty_to_domain,
        "interaction": ser.interaction_to_domain,
    }[entity]
    entity_obj = to_domain(row)
    assert ser.entity_dict(entity_obj) == entity_obj.to_dict()
    return entity_obj


def test_joining_a_slice_publishes_what_the_rule_carries(central: Central) -> None:
    """The live path (a customer joins another store's slice) follows the snapshot's rule."""
    ids = _build_slice(central)
    with transaction(central.factory) as session:
        assert ensure_in_slice(session, "KRK-01", ids["inside"], NOW)
        assert not ensure_in_slice(session, "KRK-01", ids["inside"], NOW)
    live = [
        c
        for c in _pull_all(central, "KRK-01", limit=1000)
        if c["id"] == ids["inside"]
        or (c["data"] or {}).get("customer_id") == ids["inside"]
        or c["entity"] == "return"
    ]
    by_kind = _kinds(live)
    assert by_kind["customer"] == {ids["inside"]}
    assert by_kind["order"] == {ids["recent"], ids["shipped"]}
    for kind, expected in SLICE_OF_INSIDE.items():
        assert by_kind[kind] == expected, kind
    with transaction(central.factory) as session:
        rebuild_store_feed(session, "KRK-01", NOW)
    rebuilt = _kinds(_pull_all(central, "KRK-01", limit=1000))
    assert rebuilt["customer"] == {ids["inside"], ids["outside"]}
    assert rebuilt["order"] == {ids["recent"], ids["shipped"], ids["foreign"]}
    for kind, expected in SLICE_OF_INSIDE.items():
        assert rebuilt[kind] == expected, kind


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


def test_feed_lock_keys_are_per_schema_and_store() -> None:
    keys = {lock_key(schema, store) for schema in ("public", "t_1") for store in ("A", "B")}
    assert len(keys) == 4


def test_entries_wait_for_the_commit_and_lock_only_their_stores(central: Central) -> None:
    """Entries are written at commit under their stores' locks (PostgreSQL): a writer of
    WAW-01 waits for another transaction holding WAW-01's lock; a writer of KRK-01 does not.
    (SQLite has one writer per database anyway.)"""
    holder = central.factory()
    try:
        holder.begin()
        record_change(holder, ["WAW-01"], "product", "HELD", {"sku": "HELD"}, now=NOW)
        with central.factory() as reader:
            seen = {c["id"] for c in read_changes(reader, "WAW-01", 0, 100).changes}
            assert "HELD" not in seen  # not written before the commit
        assert flush_feed(holder) == 1  # written now: WAW-01's lock is held to the end
        if holder.get_bind().dialect.name == "postgresql":
            with transaction(central.factory) as other:
                record_change(other, ["KRK-01"], "product", "FREE", {"sku": "FREE"}, now=NOW)
            blocked = central.factory()
            try:
                blocked.begin()
                blocked.execute(text("SET LOCAL lock_timeout = '300ms'"))
                record_change(blocked, ["WAW-01"], "product", "WAIT", {"sku": "W"}, now=NOW)
                with pytest.raises(OperationalError):
                    blocked.commit()
            finally:
                blocked.close()
            assert "FREE" in {c["id"] for c in _pull_all(central, "KRK-01", limit=100)}
        holder.commit()
    finally:
        holder.close()
    ids = [c["id"] for c in _pull_all(central, "WAW-01", limit=100)]
    assert "HELD" in ids and "WAIT" not in ids
