"""A fresh snapshot of a store's whole slice in its change feed (bulk, set-based).

Used after bulk loading (the demo seed) and to repair a store's feed.  Reads with a few
set-based queries per entity kind (orders and returns in id chunks), builds the same
dicts as the live publishers (:mod:`clerk.central.serialize`), writes them with
multi-row inserts, then compacts the entries the snapshot supersedes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, Table, func, or_, select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central import serialize as ser
from clerk.central.feed import (
    ACTIVITY_HISTORY,
    ORDER_HISTORY,
    compact_feed,
    device_key_dict,
    lock_feed,
    settings_dict,
)
from clerk.central.keys import signing_key_dict, signing_key_rows

WRITE_CHUNK = 5000
_CHANGES = cast(Table, m.Change.__table__)  # Core inserts: no ORM bulk overhead
READ_CHUNK = 2000


class _Writer:
    """Buffers feed rows and inserts them in chunks."""

    def __init__(self, session: Session, store_id: str, now: datetime) -> None:
        self.session = session
        self.store_id = store_id
        self.now = now
        self.buffer: list[dict[str, Any]] = []
        self.written = 0

    def add(self, entity: str, entity_id: str, data: dict[str, Any]) -> None:
        self.buffer.append(
            {
                "store_id": self.store_id,
                "entity": entity,
                "entity_id": entity_id,
                "op": "upsert",
                "data": data,
                "created_at": self.now,
            }
        )
        if len(self.buffer) >= WRITE_CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.session.execute(_CHANGES.insert(), self.buffer)
            self.written += len(self.buffer)
            self.buffer = []


def _chunks(items: Sequence[str], size: int = READ_CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _rows(session: Session, stmt: Select[Any]) -> Iterator[Any]:
    # Core on the session's connection: the ORM result machinery costs more than the query.
    result = session.connection().execute(stmt, execution_options={"stream_results": True})
    for partition in result.partitions(READ_CHUNK):
        yield from partition


def _grouped(session: Session, table: Any, key: Any, ids: Iterable[str], *order: Any) -> Any:
    grouped: dict[str, list[Any]] = defaultdict(list)
    stmt = select(table).where(key.in_(list(ids))).order_by(*order)
    for row in session.connection().execute(stmt):
        grouped[getattr(row, key.key)].append(row)
    return grouped


def _slice_customer_ids(store_id: str) -> Select[Any]:
    return select(m.StoreCustomer.customer_id).where(m.StoreCustomer.store_id == store_id)


def _write_reference(out: _Writer, session: Session, store: m.Store) -> None:
    out.add("store", store.id, ser.store_dict(store))
    out.add("settings", store.id, settings_dict(store))
    for key in signing_key_rows(session):
        out.add("signing_key", key.id, signing_key_dict(key))
    devices = session.scalars(
        select(m.Device).where(m.Device.store_id == store.id, m.Device.revoked_at.is_(None))
    )
    for device in devices:
        out.add("device_key", device.key_id, device_key_dict(device))
    staff_rows = session.scalars(
        select(m.Staff)
        .join(m.StaffStore, m.StaffStore.staff_id == m.Staff.id)
        .where(m.StaffStore.store_id == store.id)
        .order_by(m.Staff.id)
    ).all()
    stores_of: dict[str, list[str]] = defaultdict(list)
    for staff_id, other in session.execute(
        select(m.StaffStore.staff_id, m.StaffStore.store_id).where(
            m.StaffStore.staff_id.in_([s.id for s in staff_rows])
        )
    ):
        stores_of[staff_id].append(other)
    for staff in staff_rows:
        out.add("staff", staff.id, ser.staff_dict(staff, stores_of[staff.id]))
    for product in _rows(session, select(m.Product.__table__).order_by(m.Product.sku)):
        out.add("product", product.sku, ser.entity_dict(ser.product_to_domain(product)))
    inventory = select(m.Inventory.__table__).where(m.Inventory.store_id == store.id)
    for level in _rows(session, inventory.order_by(m.Inventory.sku)):
        out.add("inventory", level.sku, ser.entity_dict(ser.inventory_to_domain(level)))


def _write_customers(out: _Writer, session: Session, store_id: str) -> None:
    members = _slice_customer_ids(store_id)
    customers = select(m.Customer.__table__).where(m.Customer.id.in_(members))
    for row in _rows(session, customers.order_by(m.Customer.id)):
        out.add("customer", row.id, ser.entity_dict(ser.customer_to_domain(row)))
    carts = session.execute(
        select(m.Cart.__table__)
        .where(m.Cart.customer_id.in_(members), m.Cart.status == "active")
        .order_by(m.Cart.id)
    ).all()
    for chunk in _chunks([c.id for c in carts]):
        lines = _grouped(session, m.CartLine.__table__, m.CartLine.cart_id, chunk, "line_no")
        for cart in carts:
            if cart.id in chunk:
                data = ser.entity_dict(ser.cart_to_domain(cart, lines.get(cart.id, [])))
                out.add("cart", cart.id, data)


def _order_ids(session: Session, store_id: str, now: datetime) -> list[str]:
    ids: set[str] = set()
    ids.update(session.scalars(select(m.Order.id).where(m.Order.store_id == store_id)))
    ids.update(session.scalars(select(m.Order.id).where(m.Order.pickup_store_id == store_id)))
    recent = select(m.Order.id).where(
        m.Order.customer_id.in_(_slice_customer_ids(store_id)),
        m.Order.created_at >= now - ORDER_HISTORY,
    )
    ids.update(session.scalars(recent))
    return sorted(ids)


def _write_orders(out: _Writer, session: Session, store_id: str, now: datetime) -> list[str]:
    """Write the slice's orders; return the ids of their returns."""
    return_ids: set[str] = set()
    for chunk in _chunks(_order_ids(session, store_id, now)):
        orders = (
            session.connection()
            .execute(select(m.Order.__table__).where(m.Order.id.in_(chunk)).order_by(m.Order.id))
            .all()
        )
        lines = _grouped(session, m.OrderLine.__table__, m.OrderLine.order_id, chunk, "line_no")
        payments = _grouped(session, m.Payment.__table__, m.Payment.order_id, chunk, "id")
        for order in orders:
            data = ser.entity_dict(
                ser.order_to_domain(order, lines.get(order.id, []), payments.get(order.id, []))
            )
            out.add("order", order.id, data)
        return_ids.update(session.scalars(select(m.Return.id).where(m.Return.order_id.in_(chunk))))
    return_ids.update(session.scalars(select(m.Return.id).where(m.Return.store_id == store_id)))
    return sorted(return_ids)


def _write_returns(out: _Writer, session: Session, return_ids: Sequence[str]) -> None:
    for chunk in _chunks(return_ids):
        returns = (
            session.connection()
            .execute(select(m.Return.__table__).where(m.Return.id.in_(chunk)).order_by(m.Return.id))
            .all()
        )
        lines = _grouped(session, m.ReturnLine.__table__, m.ReturnLine.return_id, chunk, "id")
        refunds = _grouped(session, m.Refund.__table__, m.Refund.return_id, chunk, "id")
        for ret in returns:
            data = ser.entity_dict(
                ser.return_to_domain(ret, lines.get(ret.id, []), refunds.get(ret.id, []))
            )
            out.add("return", ret.id, data)


def _write_reservations(out: _Writer, session: Session, store_id: str, now: datetime) -> None:
    reservations = session.execute(
        select(m.Reservation.__table__)
        .where(
            m.Reservation.store_id == store_id,
            or_(m.Reservation.status == "active", m.Reservation.created_at >= now - ORDER_HISTORY),
        )
        .order_by(m.Reservation.id)
    ).all()
    for chunk in _chunks([r.id for r in reservations]):
        lines = _grouped(
            session,
            m.ReservationLine.__table__,
            m.ReservationLine.reservation_id,
            chunk,
            "line_no",
        )
        for res in reservations:
            if res.id in chunk:
                data = ser.entity_dict(ser.reservation_to_domain(res, lines.get(res.id, [])))
                out.add("reservation", res.id, data)


def _write_activity(out: _Writer, session: Session, store_id: str, now: datetime) -> None:
    members = _slice_customer_ids(store_id)
    since = now - ACTIVITY_HISTORY
    loyalty = select(m.LoyaltyTransaction.__table__).where(
        m.LoyaltyTransaction.customer_id.in_(members),
        m.LoyaltyTransaction.created_at >= since,
    )
    for row in _rows(session, loyalty.order_by(m.LoyaltyTransaction.created_at)):
        out.add("loyalty", row.id, ser.entity_dict(ser.loyalty_to_domain(row)))
    interactions = select(m.Interaction.__table__).where(
        m.Interaction.customer_id.in_(members), m.Interaction.created_at >= since
    )
    for row in _rows(session, interactions.order_by(m.Interaction.created_at)):
        out.add("interaction", row.id, ser.entity_dict(ser.interaction_to_domain(row)))


def write_store_snapshot(session: Session, store_id: str, now: datetime) -> int:
    """Write the whole slice of ``store_id`` as upserts, compact what it supersedes, and
    return the number of entries written."""
    store = session.get(m.Store, store_id)
    if store is None:
        raise LookupError(f"no store {store_id!r}")
    lock_feed(session)
    previous = session.execute(
        select(func.max(m.Change.seq)).where(m.Change.store_id == store_id)
    ).scalar()
    out = _Writer(session, store_id, now)
    _write_reference(out, session, store)
    _write_customers(out, session, store_id)
    return_ids = _write_orders(out, session, store_id, now)
    _write_returns(out, session, return_ids)
    _write_reservations(out, session, store_id, now)
    _write_activity(out, session, store_id, now)
    out.flush()
    if previous:
        compact_feed(session, store_id, int(previous))
    return out.written
