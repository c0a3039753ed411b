"""A fresh snapshot of a store's whole slice in its change feed (bulk, set-based).

Used after bulk loading (the demo seed) and to repair a store's feed.  Every entity kind is
read with one query over the slice rule of :mod:`clerk.central.feed` (its children — lines,
payments, refunds — with one more query each, joined to their parent in Python), turned
into feed dicts straight from the rows (:mod:`clerk.central.feed_rows`, equal to the
domain's ``to_dict()``), written with multi-row inserts, and finally the entries the
snapshot supersedes are compacted away.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from clerk.central import feed_rows as rows
from clerk.central import models as m
from clerk.central import serialize as ser
from clerk.central.feed import (
    SliceOf,
    compact_feed,
    device_key_dict,
    interaction_filter,
    loyalty_filter,
    of_customers,
    reservation_filter,
    settings_dict,
    slice_order_filter,
)
from clerk.central.feed_log import CHANGES, flush_feed, lock_feed
from clerk.central.keys import signing_key_dict, signing_key_rows

WRITE_CHUNK = 5000
READ_CHUNK = 5000


class _Writer:
    """Buffers feed rows and inserts them in chunks, straight through the driver: the JSON
    text is encoded here once and ``created_at`` (the same for every row) converted once,
    instead of per row by SQLAlchemy's bind processors; PostgreSQL gets them by ``COPY``."""

    _COLUMNS = "store_id, entity, entity_id, op, data, created_at"

    def __init__(self, session: Session, store_id: str, now: datetime) -> None:
        self.session = session
        self.store_id = store_id
        connection = session.connection()
        self.dialect = connection.dialect
        self.driver: Any = connection.connection.driver_connection
        bind = CHANGES.c.created_at.type.bind_processor(self.dialect)
        self.created_at = bind(now) if bind is not None else now
        self.encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        self.buffer: list[tuple[Any, ...]] = []
        self.written = 0

    def add(self, entity: str, entity_id: str, data: dict[str, Any]) -> None:
        self.buffer.append(
            (self.store_id, entity, entity_id, "upsert", self.encode(data), self.created_at)
        )
        if len(self.buffer) >= WRITE_CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        if self.dialect.name == "postgresql":
            with self.driver.cursor() as cursor:
                copy_sql = f"COPY changes ({self._COLUMNS}) FROM STDIN"
                with cursor.copy(copy_sql) as copy:
                    for row in self.buffer:
                        copy.write_row(row)
        else:
            cursor = self.driver.cursor()
            try:
                cursor.executemany(
                    f"INSERT INTO changes ({self._COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                    self.buffer,
                )
            finally:
                cursor.close()
        self.written += len(self.buffer)
        self.buffer = []


def _rows(session: Session, stmt: Select[Any]) -> Iterator[Any]:
    # Core on the session's connection: the ORM result machinery costs more than the query.
    result = session.connection().execute(stmt, execution_options={"stream_results": True})
    for partition in result.partitions(READ_CHUNK):
        yield from partition


def _children(session: Session, table: Any, key: Any, parents: Select[Any], *order: Any) -> Any:
    """Rows of ``table`` whose ``key`` is in the ``parents`` id subquery, grouped by key."""
    grouped: dict[str, list[Any]] = defaultdict(list)
    stmt = select(table).where(key.in_(parents)).order_by(key, *order)
    name = key.key
    for row in _rows(session, stmt):
        grouped[getattr(row, name)].append(row)
    return grouped


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
        out.add("product", product.sku, rows.product(product))
    inventory = select(m.Inventory.__table__).where(m.Inventory.store_id == store.id)
    for level in _rows(session, inventory.order_by(m.Inventory.sku)):
        out.add("inventory", level.sku, rows.inventory(level))


def _write_customers(out: _Writer, session: Session, store_id: str) -> None:
    members = SliceOf(store_id)
    customers = select(m.Customer.__table__).where(of_customers(m.Customer.id, members))
    for row in _rows(session, customers.order_by(m.Customer.id)):
        out.add("customer", row.id, rows.customer(row))
    active = (m.Cart.status == "active", of_customers(m.Cart.customer_id, members))
    cart_ids = select(m.Cart.id).where(*active)
    lines = _children(session, m.CartLine.__table__, m.CartLine.cart_id, cart_ids, "line_no")
    for cart in _rows(session, select(m.Cart.__table__).where(*active).order_by(m.Cart.id)):
        out.add("cart", cart.id, rows.cart(cart, lines.get(cart.id, ())))


def _write_orders(out: _Writer, session: Session, store_id: str, now: datetime) -> None:
    in_slice = slice_order_filter(store_id, now)
    order_ids = select(m.Order.id).where(in_slice)
    lines = _children(session, m.OrderLine.__table__, m.OrderLine.order_id, order_ids, "line_no")
    payments = _children(session, m.Payment.__table__, m.Payment.order_id, order_ids, "id")
    stmt = select(m.Order.__table__).where(in_slice).order_by(m.Order.id)
    for order in _rows(session, stmt):
        data = rows.order(order, lines.get(order.id, ()), payments.get(order.id, ()))
        out.add("order", order.id, data)
    del lines, payments
    of_orders = m.Return.order_id.in_(order_ids)
    return_ids = select(m.Return.id).where(of_orders)
    ret_lines = _children(session, m.ReturnLine.__table__, m.ReturnLine.return_id, return_ids, "id")
    refunds = _children(session, m.Refund.__table__, m.Refund.return_id, return_ids, "id")
    for ret in _rows(session, select(m.Return.__table__).where(of_orders).order_by(m.Return.id)):
        data = rows.return_(ret, ret_lines.get(ret.id, ()), refunds.get(ret.id, ()))
        out.add("return", ret.id, data)


def _write_reservations(out: _Writer, session: Session, store_id: str, now: datetime) -> None:
    wanted = reservation_filter(store_id, now)
    ids = select(m.Reservation.id).where(wanted)
    line_table, key = m.ReservationLine.__table__, m.ReservationLine.reservation_id
    lines = _children(session, line_table, key, ids, "line_no")
    stmt = select(m.Reservation.__table__).where(wanted).order_by(m.Reservation.id)
    for res in _rows(session, stmt):
        out.add("reservation", res.id, rows.reservation(res, lines.get(res.id, ())))


def _write_activity(out: _Writer, session: Session, store_id: str, now: datetime) -> None:
    members = SliceOf(store_id)
    kinds: list[tuple[str, Any, Any, Callable[[Any], dict[str, Any]]]] = [
        ("loyalty", m.LoyaltyTransaction, loyalty_filter(members, now), rows.loyalty),
        ("interaction", m.Interaction, interaction_filter(members, now), rows.interaction),
    ]
    for entity, model, wanted, build in kinds:
        stmt = select(model.__table__).where(wanted).order_by(model.created_at, model.id)
        for row in _rows(session, stmt):
            out.add(entity, row.id, build(row))


def write_store_snapshot(session: Session, store_id: str, now: datetime) -> int:
    """Write the whole slice of ``store_id`` as upserts, compact what it supersedes, and
    return the number of entries written."""
    store = session.get(m.Store, store_id)
    if store is None:
        raise LookupError(f"no store {store_id!r}")
    flush_feed(session)
    lock_feed(session, store_id)
    previous = session.execute(
        select(func.max(m.Change.seq)).where(m.Change.store_id == store_id)
    ).scalar()
    out = _Writer(session, store_id, now)
    _write_reference(out, session, store)
    _write_customers(out, session, store_id)
    _write_orders(out, session, store_id, now)
    _write_reservations(out, session, store_id, now)
    _write_activity(out, session, store_id, now)
    out.flush()
    if previous:
        compact_feed(session, store_id, int(previous))
    return out.written
