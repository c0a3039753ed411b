"""The local database: SQLAlchemy 2 models of the store's slice, outbox, audit and sync state.

Cached central entities live one table per entity: the columns the app queries by, plus ``data``
(the JSON text of the entity's full state, exactly the feed's ``data``) and ``origin`` ("feed" for
the store's slice, "fetched" for rows brought in on demand, purged after the retention).
Repositories read and write these tables with Core statements; no ORM object leaves clerk/store.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime given to the local store")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# Search terms compare byte-wise: prefix ranges (term >= t AND term < t') need a binary collation,
# which SQLite has by default and PostgreSQL gets with "C".
SearchTerm = String(200).with_variant(String(200, collation="C"), "postgresql")


class Base(DeclarativeBase):
    pass


class CachedRow:
    """Columns every cached entity table has (``id`` is the feed entry's ``id``)."""

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(8), default="feed")
    # For fetched rows: when the app last showed them (the retention clock).
    served_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class StoreRow(CachedRow, Base):
    __tablename__ = "stores"


class SettingsRow(CachedRow, Base):
    __tablename__ = "store_settings"


class SigningKeyRow(CachedRow, Base):
    __tablename__ = "signing_keys"


class DeviceKeyRow(CachedRow, Base):
    __tablename__ = "device_keys"


class StaffRow(CachedRow, Base):
    __tablename__ = "staff"


class ProductRow(CachedRow, Base):
    __tablename__ = "products"
    ean: Mapped[str] = mapped_column(String(32), index=True)
    style: Mapped[str] = mapped_column(String(64), index=True)


class InventoryRow(CachedRow, Base):
    __tablename__ = "inventory"
    store_id: Mapped[str] = mapped_column(String(16))


class CustomerRow(CachedRow, Base):
    __tablename__ = "customers"
    card_number: Mapped[str] = mapped_column(String(32), index=True)


class CustomerSearchTerm(Base):
    """Folded words a customer is found by; one row per (customer, term)."""

    __tablename__ = "customer_search_term"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    term: Mapped[str] = mapped_column(SearchTerm, primary_key=True)
    # On SQLite the primary key is the table (no rowid copy): the terms are most of the database.
    __table_args__ = (
        Index("ix_customer_search_term_term", "term", "customer_id"),
        {"sqlite_with_rowid": False},
    )


class CartRow(CachedRow, Base):
    __tablename__ = "carts"
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16))


class OrderRow(CachedRow, Base):
    __tablename__ = "orders"
    number: Mapped[str] = mapped_column(String(32), index=True)
    customer_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    store_id: Mapped[str | None] = mapped_column(String(16), nullable=True)
    pickup_store_id: Mapped[str | None] = mapped_column(String(16), nullable=True)
    status: Mapped[str] = mapped_column(String(24))
    created_at: Mapped[str] = mapped_column(String(40))  # ISO 8601 UTC text: sorts as time
    # When the customer took a pickup (ISO 8601 UTC text; NULL until then).
    collected_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # A customer's timeline reads newest first and joins their returns by order id: with the
    # id in the index both come from the index alone.  The pickup queue reads by store and
    # status, a customer's waiting pickups by the three.  The manager's day reads the sales
    # of a store and the pickups it released by time.
    __table_args__ = (
        Index("ix_orders_customer", "customer_id", "created_at", "id"),
        Index("ix_orders_pickup", "pickup_store_id", "status", "customer_id"),
        Index("ix_orders_store_created", "store_id", "created_at", "id"),
        Index("ix_orders_collected", "pickup_store_id", "collected_at"),
    )


class ReturnRow(CachedRow, Base):
    __tablename__ = "returns"
    order_id: Mapped[str] = mapped_column(String(64), index=True)
    store_id: Mapped[str | None] = mapped_column(String(16), nullable=True)
    created_at: Mapped[str | None] = mapped_column(String(40), nullable=True)  # ISO 8601 UTC
    __table_args__ = (Index("ix_returns_store_created", "store_id", "created_at", "id"),)


class ReservationRow(CachedRow, Base):
    __tablename__ = "reservations"
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    store_id: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    __table_args__ = (Index("ix_reservations_store_status", "store_id", "status"),)


class LoyaltyRow(CachedRow, Base):
    __tablename__ = "loyalty_transactions"
    customer_id: Mapped[str] = mapped_column(String(64), index=True)


class InteractionRow(CachedRow, Base):
    __tablename__ = "interactions"
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str | None] = mapped_column(String(16), nullable=True)
    store_id: Mapped[str | None] = mapped_column(String(16), nullable=True)
    created_at: Mapped[str | None] = mapped_column(String(40), nullable=True)  # ISO 8601 UTC
    # The feedback given at a store in a day (the manager's effort scores).
    __table_args__ = (
        Index("ix_interactions_kind_store_created", "kind", "store_id", "created_at"),
    )


class ServerBase(Base):
    """Central's last known state of a row the tablet has edited locally (unfinished commands).

    ``data`` NULL means the row did not exist on central ("absent").
    """

    __tablename__ = "server_base"
    entity: Mapped[str] = mapped_column(String(24), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str | None] = mapped_column(Text, nullable=True)


class OutboxRow(Base):
    """A command waiting for central, sent with its ``id`` as the Idempotency-Key."""

    __tablename__ = "outbox"
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(48))
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    lane: Mapped[str | None] = mapped_column(String(100), nullable=True)
    if_match: Mapped[str | None] = mapped_column(String(40), nullable=True)
    staff_id: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    problem: Mapped[str | None] = mapped_column(Text, nullable=True)
    answer: Mapped[str | None] = mapped_column(Text, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    discarded_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    discard_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    __table_args__ = (
        Index("ix_outbox_state_position", "state", "position"),
        Index("ix_outbox_lane_position", "lane", "position"),
    )


class OutboxTouch(Base):
    """A row a command's local effect edited: it shows the local state until the command ends."""

    __tablename__ = "outbox_touches"
    command_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("outbox.id", ondelete="CASCADE"), primary_key=True
    )
    entity: Mapped[str] = mapped_column(String(24), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    __table_args__ = (Index("ix_outbox_touches_key", "entity", "entity_id"),)


class AuditRow(Base):
    """Who did what, when, on which device, with which result. Append-only (DB triggers)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    staff_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    device_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    action: Mapped[str] = mapped_column(String(48), index=True)
    target: Mapped[str | None] = mapped_column(String(120), nullable=True)
    detail: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(String(24))
    command_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class SyncStateRow(Base):
    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CachedProfile(Base):
    """A customer 360 bundle fetched for a customer outside the slice."""

    __tablename__ = "cached_profiles"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    bundle: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_served_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
