"""Building blocks shared by the use cases: row locks, versions, stock and staff checks."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, Any, Protocol, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import CursorResult, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clerk.central import feed
from clerk.central import models as m
from clerk.central.deps import require_staff
from clerk.central.problems import (
    Problem,
    conflict,
    id_taken,
    not_found,
    precondition_failed,
    unprocessable,
)
from clerk.domain.entities import OrderStatus, Role
from clerk.domain.errors import DomainError

SALES: frozenset[str] = frozenset({Role.SALES, Role.MANAGER})
PICKUP: frozenset[str] = frozenset({Role.PICKUP, Role.MANAGER})
COUNTER: frozenset[str] = frozenset({Role.SALES, Role.PICKUP, Role.MANAGER})
MANAGER: frozenset[str] = frozenset({Role.MANAGER})


class Command(BaseModel):
    """Base of the use cases' validated inputs: unknown fields and NUL characters refused.

    PostgreSQL cannot store NUL in text, so a NUL must be a 422 here, not a 500 later.
    """

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("text must not contain NUL characters")
        return value


class DeviceLike(Protocol):
    """The acting device as the use cases need it (A1's ``DeviceContext`` fits)."""

    @property
    def device_id(self) -> str: ...

    @property
    def store_id(self) -> str: ...


def new_id() -> str:
    """A fresh opaque identifier for a new row."""
    return uuid.uuid4().hex


# An id the client chose for the row it creates, so its local copy and central's agree from
# the start (an offline tablet shows the sale before central has seen it). At most 40
# characters: the id columns' width.
CLIENT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{7,39}$"
ClientId = Annotated[
    str,
    Field(
        pattern=CLIENT_ID_PATTERN,
        description="Optional id chosen by the client (8-40 letters, digits, _ or -); "
        "409 id-taken when another row already has it.",
    ),
]

_Created = TypeVar("_Created", bound=m.Base)


def choose_id(session: Session, requested: str | None, what: str, *models: type[m.Base]) -> str:
    """The client's id for a new row (refused with ``id-taken`` if any of ``models`` has it),
    or a fresh one."""
    if requested is None:
        return new_id()
    for model in models:
        if session.get(model, requested) is not None:
            raise id_taken(what, requested)
    return requested


def add_new(session: Session, row: _Created, what: str) -> _Created:
    """Insert ``row`` now; a concurrent insert of the same client-chosen id is ``id-taken``.

    SQLite has one writer (see :func:`start_use_case`), so only PostgreSQL can race here:
    the insert runs in a savepoint so the unique violation can be answered as a 409.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.add(row)
        session.flush()
        return row
    row_id = cast(str, cast(Any, row).id)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        if session.get(type(row), row_id) is not None:
            raise id_taken(what, row_id) from None
        raise
    return row


def start_use_case(session: Session) -> None:
    """Begin a use case: forget unpublished leftovers and become the writer (SQLite).

    SQLite has one writer at a time; a request that read first and wrote later could act on
    what it read before another request's commit. Taking the write lock up front (a write
    that changes nothing) makes such requests queue instead. PostgreSQL uses row locks.
    """
    session.info.pop("clerk_touched", None)
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("UPDATE stores SET feed_floor = feed_floor WHERE 1 = 0"))


def check_staff(
    session: Session, device: DeviceLike, staff_id: str, roles: Iterable[str]
) -> m.Staff:
    """The acting staff member of the device's store, refused (403) if their role may not act."""
    return require_staff(session, device.store_id, staff_id, {str(r) for r in roles})


def domain_refusal(error: DomainError) -> Problem:
    """A domain rule's refusal as a 422 problem whose type is the rule's stable code."""
    return unprocessable(error.code.replace("_", "-"), error.message)


_Row = TypeVar("_Row", m.Order, m.Reservation, m.Customer)


def lock_row(session: Session, model: type[_Row], row_id: str, what: str) -> _Row:
    """Load a row for change, holding its write lock until the transaction ends.

    A no-op UPDATE takes the row lock on PostgreSQL and the database write lock on SQLite
    (where a read first would pin a snapshot a concurrent writer could outdate); the row is
    then read fresh, so a waiting second request sees what the first one committed.
    """
    table = cast(Any, model)
    result = session.execute(
        update(table)
        .where(table.id == row_id)
        .values(version=table.version)
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult[Any], result).rowcount == 0:
        raise not_found(what)
    row = session.execute(
        select(model).where(table.id == row_id).execution_options(populate_existing=True)
    ).scalar_one()
    return row


def check_version(current: int, expected: int | None, what: str) -> None:
    """Refuse (412) when the client's ``If-Match`` names an older version than the current one."""
    if expected is not None and expected != current:
        raise precondition_failed(
            f"The {what} changed since you loaded it (version {expected}, now {current}); "
            "reload it and try again."
        )


def bump_version(session: Session, row: m.Order | m.Reservation | m.Customer) -> int:
    """Raise ``row``'s version by one, checking nobody else did meanwhile (optimistic)."""
    table = cast(Any, type(row))
    seen = row.version
    session.flush()
    result = session.execute(
        update(table)
        .where(table.id == row.id, table.version == seen)
        .values(version=seen + 1)
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult[Any], result).rowcount != 1:
        raise conflict(
            "concurrent-update",
            "Someone else changed this at the same moment; reload it and try again.",
        )
    session.refresh(row, ["version"])
    return seen + 1


def adjust_stock(
    session: Session,
    store_id: str,
    sku: str,
    *,
    on_hand: int = 0,
    held: int = 0,
    need_available: int | None = None,
) -> bool:
    """Change a store's stock of ``sku`` atomically in SQL (no lost updates between requests).

    With ``need_available`` the change happens only if at least that many units are
    available (on hand and not held); returns whether it happened. A missing inventory row
    counts as zero stock and is created when something is added.
    """
    inv = m.Inventory
    stmt = (
        update(inv)
        .where(inv.store_id == store_id, inv.sku == sku)
        .values(on_hand=inv.on_hand + on_hand, held=inv.held + held)
        .execution_options(synchronize_session=False)
    )
    if need_available is not None:
        stmt = stmt.where(inv.on_hand - inv.held >= need_available)
    result = session.execute(stmt)
    if cast(CursorResult[Any], result).rowcount == 1:
        _refresh_inventory(session, store_id, sku)
        return True
    if need_available is not None and need_available > 0:
        return False
    exists = session.get(inv, (store_id, sku))
    if exists is not None:  # pragma: no cover - only when need_available blocked a no-op
        return False
    session.add(m.Inventory(store_id=store_id, sku=sku, on_hand=on_hand, held=held))
    session.flush()
    return True


def _refresh_inventory(session: Session, store_id: str, sku: str) -> None:
    row = session.identity_map.get(session.identity_key(m.Inventory, (store_id, sku)))
    if row is not None:
        session.refresh(row)


def products_by_sku(session: Session, skus: Iterable[str]) -> dict[str, m.Product]:
    """The products named, by SKU (unknown SKUs are simply absent)."""
    wanted = sorted(set(skus))
    if not wanted:
        return {}
    rows = session.execute(select(m.Product).where(m.Product.sku.in_(wanted))).scalars()
    return {p.sku: p for p in rows}


def store_of(session: Session, store_id: str) -> m.Store:
    """The store row of ``store_id`` (it exists: devices belong to stores)."""
    store = session.get(m.Store, store_id)
    if store is None:  # pragma: no cover - a device's store always exists
        raise not_found("store")
    return store


ORDER_STATE_PROBLEMS: dict[str, tuple[str, str]] = {
    OrderStatus.COLLECTED: ("order-already-collected", "This order has already been collected."),
    OrderStatus.PARTIALLY_COLLECTED: (
        "order-already-collected",
        "This order has already been collected (partly).",
    ),
    OrderStatus.CANCELLED: ("order-cancelled", "This order was cancelled."),
    OrderStatus.EXPIRED: (
        "order-expired",
        "The hold of this order expired; it went back to stock.",
    ),
    OrderStatus.PLACED: ("order-not-ready", "This order has not been picked and shelved yet."),
    OrderStatus.PICKING: ("order-not-ready", "This order has not been picked and shelved yet."),
    OrderStatus.READY: ("order-already-ready", "This order is already ready on the shelf."),
}


def refuse_order_state(order: m.Order) -> Problem:
    """The 409 problem for an order whose status does not allow the requested step."""
    slug, detail = ORDER_STATE_PROBLEMS.get(
        order.status, ("order-wrong-state", f"This order is {order.status}.")
    )
    return conflict(slug, detail)


def pickup_order_here(session: Session, device: DeviceLike, order_id: str) -> m.Order:
    """Lock a click-and-collect order waiting at the device's store (404/409 otherwise)."""
    order = lock_row(session, m.Order, order_id, "order")
    if order.fulfilment != "pickup":
        raise conflict("not-a-pickup-order", "This order is not a click-and-collect order.")
    if order.pickup_store_id != device.store_id:
        raise conflict(
            "other-store-order",
            f"This order is collected at store {order.pickup_store_id}, not here.",
        )
    return order


def customer_of(session: Session, customer_id: str | None) -> m.Customer | None:
    """The customer row, or None for anonymous orders."""
    return None if customer_id is None else session.get(m.Customer, customer_id)


def aware(value: datetime) -> datetime:
    """Refuse naive datetimes from clients (422): every time in Clerk carries its offset."""
    if value.tzinfo is None:
        raise unprocessable("naive-datetime", "Times must carry a UTC offset.")
    return value


class Touched:
    """What a use case changed; published to the feed once, at its end.

    Publishing last means every row lock is taken before the feed's per-store locks (which
    are taken just before commit, see :mod:`clerk.central.feed_log`), always in one order:
    order or reservation, customer, then stock in SKU order — so writers cannot deadlock.
    """

    def __init__(self) -> None:
        self.orders: dict[str, m.Order] = {}
        self.customers: dict[str, m.Customer] = {}
        self.returns: list[m.Return] = []
        self.reservations: dict[str, m.Reservation] = {}
        self.carts: dict[str, m.Cart] = {}
        self.loyalty: list[m.LoyaltyTransaction] = []
        self.interactions: list[m.Interaction] = []
        self.stock: set[tuple[str, str]] = set()

    def publish(self, session: Session, now: datetime) -> None:
        """Write every change to the feeds of the stores that care, then forget them."""
        session.flush()
        for order in self.orders.values():
            feed.publish_order(session, order, now)
        for customer in self.customers.values():
            feed.publish_customer(session, customer, now)
        for cart in self.carts.values():
            feed.publish_cart(session, cart, now)
        for ret in self.returns:
            feed.publish_return(session, ret, now)
        for reservation in self.reservations.values():
            feed.publish_reservation(session, reservation, now)
        for txn in self.loyalty:
            feed.publish_loyalty(session, txn, now)
        for item in self.interactions:
            feed.publish_interaction(session, item, now)
        for store_id, sku in sorted(self.stock):
            feed.publish_inventory(session, store_id, sku, now)
        session.info.pop("clerk_touched", None)


def touched(session: Session) -> Touched:
    """The changes of this session's current unit of work, waiting to be published."""
    found = session.info.get("clerk_touched")
    if not isinstance(found, Touched):
        found = Touched()
        session.info["clerk_touched"] = found
    return found


def publish_touched(session: Session, now: datetime) -> None:
    """Publish what this unit of work changed (call it last in a use case)."""
    touched(session).publish(session, now)
