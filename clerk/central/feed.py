"""The per-store change feed: what each store's tablets cache, as a log of full entity states.

Every mutation of something a store caches calls :func:`record_change` (usually through one
of the ``publish_*`` helpers, which know which stores care) in the same transaction as the
mutation; the entries are written when that transaction commits, under per-store locks that
make every store's entries commit in ``seq`` order (see :mod:`clerk.central.feed_log`).  A
tablet pulls ``GET /v1/stores/{id}/changes?after=<seq>`` and applies the entries in ``seq``
order; ``after=0`` always yields the full current state.

The slice of a store is what a tablet needs to work offline, and nothing more (a customer's
full history comes from the profile bundle, on demand):

* reference data: the store row and its settings, every product, the store's inventory, its
  staff (PIN hashes included), its devices' public keys and central's signing keys;
* the customers of ``store_customers`` with their active carts;
* orders sold or picked up here in the last :data:`STORE_ORDER_HISTORY` (180 days), every
  pickup still open here (placed, picking or ready — whatever its age), and the slice
  customers' orders of any channel from the last :data:`CUSTOMER_ORDER_HISTORY` (45 days:
  the return window with a margin), so any recent purchase can be returned here offline;
* the returns of those orders;
* the store's reservations that are active or ended (held until) in the last
  :data:`RESERVATION_HISTORY` (30 days);
* the slice customers' loyalty transactions of the last :data:`ACTIVITY_HISTORY` (30 days);
* the slice customers' interactions of the last 30 days plus every open support ticket's
  whole thread.

:func:`rebuild_store_feed` writes exactly that set; the live publishers follow the same rule
and may send a little more (an order of a slice customer in any channel at any age, a
return made here, entries that later age out of the window).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeAlias

from sqlalchemy import (
    ColumnElement,
    Select,
    Text,
    and_,
    cast,
    delete,
    exists,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from clerk.central import models as m
from clerk.central import serialize as ser
from clerk.central.feed_log import ENTITIES, flush_feed, lock_feed, record_change
from clerk.central.keys import signing_key_dict, signing_key_rows
from clerk.central.problems import Problem, not_found

__all__ = ["ENTITIES", "flush_feed", "lock_feed", "record_change"]

STORE_ORDER_HISTORY = timedelta(days=180)
CUSTOMER_ORDER_HISTORY = timedelta(days=45)
RESERVATION_HISTORY = timedelta(days=30)
ACTIVITY_HISTORY = timedelta(days=30)
OPEN_PICKUP_STATUSES = ("placed", "picking", "ready")
RETURN_WINDOW_DAYS = 30


def slice_members(store_id: str) -> Select[Any]:
    """The ids of the customers in ``store_id``'s slice (a subquery)."""
    return select(m.StoreCustomer.customer_id).where(m.StoreCustomer.store_id == store_id)


@dataclass(frozen=True)
class SliceOf:
    """ "The customers of this store's slice", for the filters below."""

    store_id: str


Customers: TypeAlias = SliceOf | Sequence[str]


def of_customers(column: Any, customers: Customers) -> ColumnElement[bool]:
    """``column`` (a customer id) is one of ``customers``: a correlated EXISTS for a store's
    slice (so a date range can drive the query), ``IN`` for a list of ids."""
    if isinstance(customers, SliceOf):
        sc = m.StoreCustomer
        return exists().where(sc.store_id == customers.store_id, sc.customer_id == column)
    found: ColumnElement[bool] = column.in_(list(customers))
    return found


def slice_order_filter(store_id: str, now: datetime) -> ColumnElement[bool]:
    """Which orders belong to ``store_id``'s slice."""
    o = m.Order
    return or_(
        and_(
            or_(o.store_id == store_id, o.pickup_store_id == store_id),
            o.created_at >= now - STORE_ORDER_HISTORY,
        ),
        and_(o.pickup_store_id == store_id, o.status.in_(OPEN_PICKUP_STATUSES)),
        customer_order_filter(SliceOf(store_id), now),
    )


def customer_order_filter(customers: Customers, now: datetime) -> ColumnElement[bool]:
    """Orders of ``customers`` (any channel) that a slice holding them carries."""
    return and_(
        m.Order.created_at >= now - CUSTOMER_ORDER_HISTORY,
        of_customers(m.Order.customer_id, customers),
    )


def reservation_filter(store_id: str, now: datetime) -> ColumnElement[bool]:
    """The store's reservations that are active or ended in the last 30 days."""
    r = m.Reservation
    return and_(
        r.store_id == store_id,
        or_(r.status == "active", r.hold_until >= now - RESERVATION_HISTORY),
    )


def loyalty_filter(customers: Customers, now: datetime) -> ColumnElement[bool]:
    """Loyalty transactions of ``customers`` that a slice carries (the last 30 days)."""
    t = m.LoyaltyTransaction
    return and_(t.created_at >= now - ACTIVITY_HISTORY, of_customers(t.customer_id, customers))


def interaction_filter(customers: Customers, now: datetime) -> ColumnElement[bool]:
    """Interactions of ``customers`` that a slice carries: the last 30 days and the whole
    thread of every open ticket (the thread's state lives on its first message)."""
    i = m.Interaction
    heads = aliased(m.Interaction)
    open_heads = select(heads.id).where(
        heads.kind == "ticket", heads.status == "open", of_customers(heads.customer_id, customers)
    )
    return and_(
        of_customers(i.customer_id, customers),
        or_(
            i.created_at >= now - ACTIVITY_HISTORY,
            i.id.in_(open_heads),
            i.thread_id.in_(open_heads),
        ),
    )


def slice_stores(session: Session, customer_id: str) -> list[str]:
    """The stores whose slice holds ``customer_id``."""
    return list(
        session.scalars(
            select(m.StoreCustomer.store_id).where(m.StoreCustomer.customer_id == customer_id)
        )
    )


def _insert_ignore(session: Session, table: Any, values: dict[str, Any]) -> bool:
    dialect = session.get_bind().dialect.name
    builder: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = builder(table).values(**values).on_conflict_do_nothing().returning(literal(1))
    # RETURNING, not rowcount: psycopg may report -1 rows for a single-row insert.
    return session.execute(stmt).first() is not None


def ensure_in_slice(session: Session, store_id: str, customer_id: str, now: datetime) -> bool:
    """Add the customer to the store's slice; if new there, publish them (and their recent
    carts, orders, loyalty and interactions) to that store.  True if they were added."""
    added = _insert_ignore(
        session, m.StoreCustomer.__table__, {"store_id": store_id, "customer_id": customer_id}
    )
    if not added:
        return False
    customer = session.get(m.Customer, customer_id)
    if customer is None:
        return True
    _publish_customer_bundle(session, store_id, customer, now)
    return True


def _publish_customer_bundle(
    session: Session, store_id: str, customer: m.Customer, now: datetime
) -> None:
    """What a slice carries of one customer (the slice rule of the module docstring)."""
    stores = [store_id]
    record_change(session, stores, "customer", customer.id, ser.customer_dict(customer), now=now)
    who = [customer.id]
    carts = session.scalars(
        select(m.Cart).where(m.Cart.customer_id == customer.id, m.Cart.status == "active")
    )
    for cart in carts:
        record_change(session, stores, "cart", cart.id, ser.cart_dict(cart), now=now)
    orders = list(session.scalars(select(m.Order).where(customer_order_filter(who, now))))
    for order in orders:
        record_change(session, stores, "order", order.id, ser.order_dict(order), now=now)
    if orders:
        returns = session.scalars(
            select(m.Return).where(m.Return.order_id.in_([o.id for o in orders]))
        )
        for ret in returns:
            record_change(session, stores, "return", ret.id, ser.return_dict(ret), now=now)
    txns = session.scalars(select(m.LoyaltyTransaction).where(loyalty_filter(who, now)))
    for txn in txns:
        record_change(session, stores, "loyalty", txn.id, ser.loyalty_dict(txn), now=now)
    for item in session.scalars(select(m.Interaction).where(interaction_filter(who, now))):
        record_change(session, stores, "interaction", item.id, ser.interaction_dict(item), now=now)


def publish_customer(session: Session, customer: m.Customer, now: datetime) -> None:
    """Publish a customer's new state to every store whose slice holds them."""
    record_change(
        session,
        slice_stores(session, customer.id),
        "customer",
        customer.id,
        ser.customer_dict(customer),
        now=now,
    )


def publish_order(session: Session, order: m.Order, now: datetime) -> None:
    """Publish an order to its selling and pickup stores (adding the customer to their slices)
    and to every other store whose slice holds the customer."""
    own = {s for s in (order.store_id, order.pickup_store_id) if s}
    stores = set(own)
    if order.customer_id:
        for store_id in sorted(own):
            ensure_in_slice(session, store_id, order.customer_id, now)
        stores.update(slice_stores(session, order.customer_id))
    record_change(session, stores, "order", order.id, ser.order_dict(order), now=now)


def publish_inventory(session: Session, store_id: str, sku: str, now: datetime) -> None:
    """Publish the stock level of ``sku`` in ``store_id`` to that store."""
    level = session.get(m.Inventory, (store_id, sku))
    if level is None:
        record_change(session, [store_id], "inventory", sku, None, op="delete", now=now)
        return
    record_change(session, [store_id], "inventory", sku, ser.inventory_dict(level), now=now)


def publish_return(session: Session, ret: m.Return, now: datetime) -> None:
    """Publish a return to the returning store, the order's stores and the customer's stores."""
    stores = {ret.store_id}
    order = session.get(m.Order, ret.order_id)
    if order is not None:
        stores.update(s for s in (order.store_id, order.pickup_store_id) if s)
        if order.customer_id:
            stores.update(slice_stores(session, order.customer_id))
    record_change(session, stores, "return", ret.id, ser.return_dict(ret), now=now)


def publish_reservation(session: Session, reservation: m.Reservation, now: datetime) -> None:
    """Publish a reservation to its store (the customer joins that store's slice)."""
    ensure_in_slice(session, reservation.store_id, reservation.customer_id, now)
    record_change(
        session,
        [reservation.store_id],
        "reservation",
        reservation.id,
        ser.reservation_dict(reservation),
        now=now,
    )


def publish_cart(session: Session, cart: m.Cart, now: datetime) -> None:
    """Publish an active cart to the customer's stores; a consumed cart becomes a tombstone."""
    stores = slice_stores(session, cart.customer_id)
    if cart.status != "active":
        record_change(session, stores, "cart", cart.id, None, op="delete", now=now)
        return
    record_change(session, stores, "cart", cart.id, ser.cart_dict(cart), now=now)


def publish_loyalty(session: Session, txn: m.LoyaltyTransaction, now: datetime) -> None:
    """Publish a loyalty transaction to the customer's stores."""
    stores = slice_stores(session, txn.customer_id)
    record_change(session, stores, "loyalty", txn.id, ser.loyalty_dict(txn), now=now)


def publish_interaction(session: Session, item: m.Interaction, now: datetime) -> None:
    """Publish an interaction to the customer's stores."""
    stores = slice_stores(session, item.customer_id)
    record_change(session, stores, "interaction", item.id, ser.interaction_dict(item), now=now)


def all_store_ids(session: Session) -> list[str]:
    """Every store id."""
    return list(session.scalars(select(m.Store.id).order_by(m.Store.id)))


def settings_dict(store: m.Store) -> dict[str, Any]:
    """The store's operating rules the tablet needs offline."""
    return {
        "store_id": store.id,
        "timezone": store.timezone,
        "currency": store.currency,
        "pickup_hold_days": store.pickup_hold_days,
        "pickup_reminder_days_before": 2,
        "reservation_hold_hours": store.reservation_hold_hours,
        "reservation_max_days": 7,
        "return_window_days": RETURN_WINDOW_DAYS,
    }


def publish_store(session: Session, store: m.Store, now: datetime) -> None:
    """Publish a store row and its settings to that store."""
    record_change(session, [store.id], "store", store.id, ser.store_dict(store), now=now)
    record_change(session, [store.id], "settings", store.id, settings_dict(store), now=now)


def publish_product(session: Session, product: m.Product, now: datetime) -> None:
    """Publish a product to every store."""
    data = ser.product_dict(product)
    record_change(session, all_store_ids(session), "product", product.sku, data, now=now)


def staff_store_ids(session: Session, staff_id: str) -> list[str]:
    """The stores a staff member works in."""
    return list(
        session.scalars(select(m.StaffStore.store_id).where(m.StaffStore.staff_id == staff_id))
    )


def publish_staff(session: Session, staff: m.Staff, now: datetime) -> None:
    """Publish a staff member (with PIN hash) to the stores they work in."""
    stores = staff_store_ids(session, staff.id)
    record_change(session, stores, "staff", staff.id, ser.staff_dict(staff, stores), now=now)


def device_key_dict(device: m.Device) -> dict[str, Any]:
    """The feed shape of a device's public key (verifies the receipts it signs)."""
    return {"key_id": device.key_id, "public_key": device.public_key, "device_id": device.id}


def publish_device_key(session: Session, device: m.Device, now: datetime) -> None:
    """Publish a device's key to its store; a revoked device's key becomes a tombstone."""
    if device.revoked_at is not None:
        record_change(session, [device.store_id], "device_key", device.key_id, None, "delete", now)
        return
    data = device_key_dict(device)
    record_change(session, [device.store_id], "device_key", device.key_id, data, now=now)


def publish_signing_keys(session: Session, now: datetime) -> None:
    """Publish central's public signing keys to every store (after keys init/rotate)."""
    stores = all_store_ids(session)
    for row in signing_key_rows(session):
        record_change(session, stores, "signing_key", row.id, signing_key_dict(row), now=now)


@dataclass
class FeedPage:
    """One batch of a store's change feed."""

    changes: list[dict[str, Any]] = field(default_factory=list)
    next_after: int = 0
    has_more: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The API body of this batch."""
        return {"changes": self.changes, "next_after": self.next_after, "has_more": self.has_more}


def cursor_expired(detail: str) -> Problem:
    """410: the cursor cannot be served; the device must re-sync from ``after=0``."""
    return Problem(410, "cursor-expired", "Cursor expired", detail, {"restart_from": 0})


def _check_cursor(session: Session, store_id: str, after: int) -> None:
    floor = session.execute(select(m.Store.feed_floor).where(m.Store.id == store_id)).scalar()
    if floor is None:
        raise not_found("store", f"No store {store_id}.")
    # Below the floor, entries may have been compacted away: a device whose cursor names one
    # of them re-syncs. A cursor naming an entry that is still there is served — that is where
    # a device re-syncing from 0 stands while it pages through the compacted feed.
    if 0 < after < floor and not _still_there(session, store_id, after):
        raise cursor_expired(
            f"Changes up to {floor} were compacted; pull the feed again from after=0."
        )
    if after > 0:
        newest = session.execute(select(func.max(m.Change.seq))).scalar() or 0
        if after > newest:
            raise cursor_expired("This cursor is unknown to the service; pull again from 0.")


def _still_there(session: Session, store_id: str, seq: int) -> bool:
    found = session.execute(
        select(m.Change.seq).where(m.Change.seq == seq, m.Change.store_id == store_id)
    ).first()
    return found is not None


def _page_stmt(store_id: str, after: int, limit: int, data: Any) -> Select[Any]:
    c = m.Change
    return (
        select(c.seq, c.entity, c.entity_id, c.op, data)
        .where(c.store_id == store_id, c.seq > after)
        .order_by(c.seq)
        .limit(limit + 1)
    )


def read_changes(session: Session, store_id: str, after: int, limit: int) -> FeedPage:
    """Entries of ``store_id``'s feed with ``seq > after``, oldest first, at most ``limit``.

    ``after=0`` always works, and so does the seq of any entry still in the feed (pages of a
    re-sync through a compacted feed); a cursor below the feed floor whose entry was compacted
    away, or beyond anything ever written (central restored from a backup) → 410
    ``cursor-expired``.
    """
    flush_feed(session)  # this transaction's own entries, if any
    _check_cursor(session, store_id, after)
    rows = session.execute(_page_stmt(store_id, after, limit, m.Change.data)).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = [
        {"seq": seq, "entity": entity, "id": entity_id, "op": op, "data": data}
        for seq, entity, entity_id, op, data in rows
    ]
    next_after = rows[-1][0] if rows else after
    return FeedPage(changes=changes, next_after=next_after, has_more=has_more)


def read_changes_json(session: Session, store_id: str, after: int, limit: int) -> bytes:
    """The API body of :func:`read_changes` as JSON bytes, built from the stored JSON text
    of every entry without decoding and encoding it again (the feed's hot path)."""
    _check_cursor(session, store_id, after)
    stmt = _page_stmt(store_id, after, limit, cast(m.Change.data, Text))
    rows = session.connection().execute(stmt).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    dumps = json.dumps
    # entity and op come from fixed sets of plain words; ids and data are JSON-encoded.
    parts = [
        f'{{"seq":{seq},"entity":"{entity}","id":{dumps(entity_id)},"op":"{op}",'
        f'"data":{"null" if data is None else data}}}'
        for seq, entity, entity_id, op, data in rows
    ]
    next_after = rows[-1][0] if rows else after
    more = "true" if has_more else "false"
    body = f'{{"changes":[{",".join(parts)}],"next_after":{next_after},"has_more":{more}}}'
    return body.encode()


def compact_feed(session: Session, store_id: str, keep_after_seq: int) -> int:
    """Delete superseded entries with ``seq <= keep_after_seq`` (the newest entry of every
    entity stays, tombstones included) and raise the store's feed floor; returns rows deleted."""
    newer = aliased(m.Change)
    flush_feed(session)
    lock_feed(session, store_id)
    superseded = exists().where(
        newer.store_id == m.Change.store_id,
        newer.entity == m.Change.entity,
        newer.entity_id == m.Change.entity_id,
        newer.seq > m.Change.seq,
    )
    result = session.execute(
        delete(m.Change)
        .where(m.Change.store_id == store_id, m.Change.seq <= keep_after_seq, superseded)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(m.Store)
        .where(m.Store.id == store_id, m.Store.feed_floor < keep_after_seq)
        .values(feed_floor=keep_after_seq)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def rebuild_store_feed(session: Session, store_id: str, now: datetime) -> int:
    """Write a fresh snapshot of the store's whole slice as upserts, compact what it
    supersedes, and return the number of entries written (bulk; used after seeding)."""
    from clerk.central.feed_snapshot import write_store_snapshot

    return write_store_snapshot(session, store_id, now)
