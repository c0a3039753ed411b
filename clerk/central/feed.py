"""The per-store change feed: what each store's tablets cache, as a log of full entity states.

Every mutation of something a store caches calls :func:`record_change` (usually through one
of the ``publish_*`` helpers, which know which stores care) in the same transaction as the
mutation.  A tablet pulls ``GET /v1/stores/{id}/changes?after=<seq>`` and applies the entries
in ``seq`` order; ``after=0`` always yields the full current state.

``seq`` comes from one global sequence.  For a reader never to skip an entry that commits
late, feed writes are serialised: the first :func:`record_change` of a transaction takes a
transaction-scoped lock (``pg_advisory_xact_lock`` on PostgreSQL; SQLite has one writer
anyway), so entries commit in ``seq`` order.  Publish at the end of your transaction to
hold it briefly.

Slice of a store: its store row and settings, all products, its inventory, its staff (PIN
hashes included), its devices' public keys and central's signing keys, the customers of
``store_customers`` with their active carts, orders sold or picked up there plus the slice
customers' orders of the last 90 days, the returns of those orders, the reservations at the
store, and the slice customers' loyalty transactions and interactions of the last 365 days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from clerk.central import models as m
from clerk.central import serialize as ser
from clerk.central.keys import signing_key_dict, signing_key_rows
from clerk.central.problems import Problem, not_found

ENTITIES = frozenset(
    {
        "store",
        "settings",
        "product",
        "inventory",
        "staff",
        "device_key",
        "signing_key",
        "customer",
        "cart",
        "order",
        "return",
        "reservation",
        "loyalty",
        "interaction",
    }
)
ORDER_HISTORY = timedelta(days=90)
ACTIVITY_HISTORY = timedelta(days=365)
RETURN_WINDOW_DAYS = 30
_FEED_LOCK_KEY = 0x434C524B  # "CLRK"


def lock_feed(session: Session) -> None:
    """Serialise feed writers until this transaction ends (no-op on SQLite and when held)."""
    transaction = session.get_transaction()
    if transaction is not None and session.info.get("clerk_feed_lock") is transaction:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_FEED_LOCK_KEY)))
    session.info["clerk_feed_lock"] = session.get_transaction()


def _change_row(
    store_id: str,
    entity: str,
    entity_id: str,
    data: dict[str, Any] | None,
    op: str,
    now: datetime,
) -> dict[str, Any]:
    return {
        "store_id": store_id,
        "entity": entity,
        "entity_id": entity_id,
        "op": op,
        "data": data,
        "created_at": now,
    }


def record_change(
    session: Session,
    store_ids: Iterable[str],
    entity: str,
    entity_id: str,
    data: dict[str, Any] | None,
    op: str = "upsert",
    now: datetime | None = None,
) -> None:
    """Append the entity's new state (or a ``delete`` tombstone) to each store's feed."""
    if entity not in ENTITIES:
        raise ValueError(f"unknown feed entity {entity!r}")
    if op not in ("upsert", "delete"):
        raise ValueError(f"unknown feed op {op!r}")
    stores = sorted({s for s in store_ids if s})
    if not stores:
        return
    when = now or datetime.now(UTC)
    payload = None if op == "delete" else data
    lock_feed(session)
    session.execute(
        insert(m.Change),
        [_change_row(s, entity, entity_id, payload, op, when) for s in stores],
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
    result = session.execute(builder(table).values(**values).on_conflict_do_nothing())
    return bool(result.rowcount)  # type: ignore[attr-defined]


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
    stores = [store_id]
    record_change(session, stores, "customer", customer.id, ser.customer_dict(customer), now=now)
    carts = session.scalars(
        select(m.Cart).where(m.Cart.customer_id == customer.id, m.Cart.status == "active")
    )
    for cart in carts:
        record_change(session, stores, "cart", cart.id, ser.cart_dict(cart), now=now)
    orders = list(
        session.scalars(
            select(m.Order).where(
                m.Order.customer_id == customer.id, m.Order.created_at >= now - ORDER_HISTORY
            )
        )
    )
    for order in orders:
        record_change(session, stores, "order", order.id, ser.order_dict(order), now=now)
    if orders:
        returns = session.scalars(
            select(m.Return).where(m.Return.order_id.in_([o.id for o in orders]))
        )
        for ret in returns:
            record_change(session, stores, "return", ret.id, ser.return_dict(ret), now=now)
    since = now - ACTIVITY_HISTORY
    for txn in session.scalars(
        select(m.LoyaltyTransaction).where(
            m.LoyaltyTransaction.customer_id == customer.id,
            m.LoyaltyTransaction.created_at >= since,
        )
    ):
        record_change(session, stores, "loyalty", txn.id, ser.loyalty_dict(txn), now=now)
    for item in session.scalars(
        select(m.Interaction).where(
            m.Interaction.customer_id == customer.id, m.Interaction.created_at >= since
        )
    ):
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


def read_changes(session: Session, store_id: str, after: int, limit: int) -> FeedPage:
    """Entries of ``store_id``'s feed with ``seq > after``, oldest first, at most ``limit``.

    ``after=0`` always works; ``0 < after < feed_floor`` (compacted away) or a cursor
    beyond anything ever written → 410 ``cursor-expired``.
    """
    floor = session.execute(select(m.Store.feed_floor).where(m.Store.id == store_id)).scalar()
    if floor is None:
        raise not_found("store", f"No store {store_id}.")
    if 0 < after < floor:
        raise cursor_expired(
            f"Changes up to {floor} were compacted; pull the feed again from after=0."
        )
    if after > 0:
        newest = session.execute(select(func.max(m.Change.seq))).scalar() or 0
        if after > newest:
            raise cursor_expired("This cursor is unknown to the service; pull again from 0.")
    rows = session.execute(
        select(m.Change.seq, m.Change.entity, m.Change.entity_id, m.Change.op, m.Change.data)
        .where(m.Change.store_id == store_id, m.Change.seq > after)
        .order_by(m.Change.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = [
        {"seq": seq, "entity": entity, "id": entity_id, "op": op, "data": data}
        for seq, entity, entity_id, op, data in rows
    ]
    next_after = rows[-1][0] if rows else after
    return FeedPage(changes=changes, next_after=next_after, has_more=has_more)


def compact_feed(session: Session, store_id: str, keep_after_seq: int) -> int:
    """Delete superseded entries with ``seq <= keep_after_seq`` (the newest entry of every
    entity stays, tombstones included) and raise the store's feed floor; returns rows deleted."""
    newer = aliased(m.Change)
    lock_feed(session)
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
