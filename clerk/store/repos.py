"""Read repositories over the cached slice: plain domain objects out, no SQL outside clerk/store."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Select, Table, select, update
from sqlalchemy.orm import Session

from clerk.domain._codec import Record
from clerk.domain.entities import (
    Cart,
    Customer,
    Interaction,
    InventoryLevel,
    LoyaltyTransaction,
    Order,
    Product,
    Reservation,
    Return,
    Staff,
    Store,
    store_roster,
)
from clerk.store import models as m
from clerk.store.search import find_customer_ids
from clerk.store.slice import ENTITIES, loads
from clerk.store.upsert import upsert

R = TypeVar("R", bound=Record)


def _text_range(start: datetime, end: datetime) -> tuple[str, str]:
    """Bounds on an ISO 8601 UTC text column that hold every time in [start, end): the text
    range finds the candidates through an index, the parsed time decides."""
    low = start.astimezone(UTC).isoformat()[:19]
    high = end.astimezone(UTC).isoformat()[:19] + "~"
    return low, high


def _t(name: str) -> Table:
    return ENTITIES[name].table


class _Repo:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _conn(self) -> Connection:
        return self._session.connection()

    def _one(self, cls: type[R], stmt: Select[Any]) -> R | None:
        text = self._conn.execute(stmt.limit(1)).scalar_one_or_none()
        return None if text is None else cls.from_dict(loads(text))

    def _all(self, cls: type[R], stmt: Select[Any]) -> list[R]:
        return [cls.from_dict(loads(text)) for text in self._conn.execute(stmt).scalars()]

    def _many(self, cls: type[R], entity: str, ids: Iterable[str]) -> list[R]:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        table = _t(entity)
        return self._all(cls, select(table.c.data).where(table.c.id.in_(wanted)))

    def _by_id(self, cls: type[R], entity: str, entity_id: str) -> R | None:
        table = _t(entity)
        return self._one(cls, select(table.c.data).where(table.c.id == entity_id))


class CustomerRepo(_Repo):
    def get(self, customer_id: str) -> Customer | None:
        return self._by_id(Customer, "customer", customer_id)

    def by_card(self, card_number: str) -> Customer | None:
        table = _t("customer")
        return self._one(Customer, select(table.c.data).where(table.c.card_number == card_number))

    def search(self, query: str, limit: int = 20) -> list[Customer]:
        """Customers by name, phone, e-mail or card number (see clerk.store.search)."""
        ids = find_customer_ids(self._conn, query, limit)
        if not ids:
            return []
        table = _t("customer")
        stmt = select(table.c.id, table.c.data).where(table.c.id.in_(ids))
        rows = {row.id: row.data for row in self._conn.execute(stmt)}
        return [Customer.from_dict(loads(rows[i])) for i in ids if i in rows]

    def page(self, after: str | None = None, limit: int = 100) -> list[Customer]:
        """Customers in id order, ``limit`` at a time after the id ``after`` (lists, exports)."""
        table = _t("customer")
        stmt = select(table.c.data).order_by(table.c.id).limit(limit)
        if after is not None:
            stmt = stmt.where(table.c.id > after)
        return self._all(Customer, stmt)

    def is_fetched(self, customer_id: str) -> bool:
        """Whether the customer is on the tablet only because a clerk looked them up."""
        table = _t("customer")
        origin = self._conn.execute(
            select(table.c.origin).where(table.c.id == customer_id)
        ).scalar_one_or_none()
        return origin == "fetched"

    def touch_served(self, customer_id: str, now: datetime) -> None:
        """The clerk was shown this customer: restart the retention clock of a fetched one."""
        table = _t("customer")
        self._conn.execute(update(table).where(table.c.id == customer_id).values(served_at=now))
        profiles: Table = m.CachedProfile.__table__  # type: ignore[assignment]
        self._conn.execute(
            update(profiles).where(profiles.c.customer_id == customer_id).values(last_served_at=now)
        )

    def loyalty(self, customer_id: str, limit: int = 100) -> list[LoyaltyTransaction]:
        table = _t("loyalty")
        rows = self._all(
            LoyaltyTransaction, select(table.c.data).where(table.c.customer_id == customer_id)
        )
        rows.sort(key=lambda t: t.created_at, reverse=True)
        return rows[:limit]

    def feedback_at(self, store_id: str, start: datetime, end: datetime) -> list[Interaction]:
        """Feedback given at ``store_id`` in [start, end), oldest first."""
        table = _t("interaction")
        low, high = _text_range(start, end)
        stmt = select(table.c.data).where(
            table.c.kind == "feedback",
            table.c.store_id == store_id,
            table.c.created_at >= low,
            table.c.created_at < high,
        )
        rows = [
            i
            for i in self._all(Interaction, stmt)
            if i.kind == "feedback" and i.store_id == store_id and start <= i.created_at < end
        ]
        rows.sort(key=lambda i: (i.created_at, i.id))
        return rows

    def interactions(self, customer_id: str, limit: int = 100) -> list[Interaction]:
        table = _t("interaction")
        rows = self._all(
            Interaction, select(table.c.data).where(table.c.customer_id == customer_id)
        )
        rows.sort(key=lambda i: i.created_at, reverse=True)
        return rows[:limit]


class CatalogRepo(_Repo):
    def product(self, sku: str) -> Product | None:
        return self._by_id(Product, "product", sku)

    def by_ean(self, ean: str) -> Product | None:
        table = _t("product")
        return self._one(Product, select(table.c.data).where(table.c.ean == ean))

    def variants(self, style: str) -> list[Product]:
        """Every size and colour of one model, by SKU."""
        table = _t("product")
        return self._all(
            Product, select(table.c.data).where(table.c.style == style).order_by(table.c.id)
        )

    def stock(self, sku: str) -> InventoryLevel | None:
        return self._by_id(InventoryLevel, "inventory", sku)

    def products(self, skus: Iterable[str]) -> dict[str, Product]:
        """The catalogue's products among ``skus``, by SKU (one query)."""
        return {p.sku: p for p in self._many(Product, "product", skus)}

    def stocks(self, skus: Iterable[str]) -> dict[str, InventoryLevel]:
        """This store's stock of ``skus``, by SKU (one query; no row: unknown)."""
        return {level.sku: level for level in self._many(InventoryLevel, "inventory", skus)}


class OrderRepo(_Repo):
    def get(self, order_id: str) -> Order | None:
        return self._by_id(Order, "order", order_id)

    def by_number(self, number: str) -> Order | None:
        table = _t("order")
        return self._one(Order, select(table.c.data).where(table.c.number == number))

    def for_customer(self, customer_id: str, limit: int = 50) -> list[Order]:
        """The customer's orders, newest first."""
        table = _t("order")
        stmt = (
            select(table.c.data)
            .where(table.c.customer_id == customer_id)
            .order_by(table.c.created_at.desc(), table.c.id.desc())
            .limit(limit)
        )
        return self._all(Order, stmt)

    def pickups(self, store_id: str, statuses: Iterable[str]) -> list[Order]:
        """Orders to be collected at ``store_id`` in one of ``statuses``, oldest first."""
        table = _t("order")
        stmt = (
            select(table.c.data)
            .where(table.c.pickup_store_id == store_id, table.c.status.in_(list(statuses)))
            .order_by(table.c.created_at, table.c.id)
        )
        return self._all(Order, stmt)

    def is_fetched(self, order_id: str) -> bool:
        """Whether the order is on the tablet only because a clerk looked it up (the feed
        does not keep it current)."""
        table = _t("order")
        origin = self._conn.execute(
            select(table.c.origin).where(table.c.id == order_id)
        ).scalar_one_or_none()
        return origin == "fetched"

    def sold_here_between(self, store_id: str, start: datetime, end: datetime) -> list[Order]:
        """Orders sold at ``store_id`` (store sales) created in [start, end), oldest first."""
        table = _t("order")
        low, high = _text_range(start, end)
        stmt = (
            select(table.c.data)
            .where(
                table.c.store_id == store_id,
                table.c.created_at >= low,
                table.c.created_at < high,
            )
            .order_by(table.c.created_at, table.c.id)
        )
        return [o for o in self._all(Order, stmt) if start <= o.created_at < end]

    def collected_between(
        self, store_id: str, start: datetime, end: datetime, statuses: Iterable[str]
    ) -> list[Order]:
        """Pickups at ``store_id`` in one of ``statuses`` the customer took in [start, end),
        in the order they were taken."""
        table = _t("order")
        low, high = _text_range(start, end)
        stmt = (
            select(table.c.data)
            .where(
                table.c.pickup_store_id == store_id,
                table.c.collected_at >= low,
                table.c.collected_at < high,
                table.c.status.in_(list(statuses)),
            )
            .order_by(table.c.collected_at, table.c.id)
        )
        return [
            o
            for o in self._all(Order, stmt)
            if o.pickup is not None
            and o.pickup.collected_at is not None
            and start <= o.pickup.collected_at < end
        ]

    def returns_at(self, store_id: str, start: datetime, end: datetime) -> list[Return]:
        """Returns taken at ``store_id`` in [start, end), oldest first."""
        table = _t("return")
        low, high = _text_range(start, end)
        stmt = (
            select(table.c.data)
            .where(
                table.c.store_id == store_id,
                table.c.created_at >= low,
                table.c.created_at < high,
            )
            .order_by(table.c.created_at, table.c.id)
        )
        rows = [r for r in self._all(Return, stmt) if start <= r.created_at < end]
        rows.sort(key=lambda r: (r.created_at, r.id))
        return rows

    def many(self, order_ids: Iterable[str]) -> dict[str, Order]:
        """The cached orders among ``order_ids``, by id (one query)."""
        return {o.id: o for o in self._many(Order, "order", order_ids)}

    def returns_of(self, order_id: str) -> list[Return]:
        table = _t("return")
        rows = self._all(Return, select(table.c.data).where(table.c.order_id == order_id))
        rows.sort(key=lambda r: (r.created_at, r.id))
        return rows


class ReservationRepo(_Repo):
    def get(self, reservation_id: str) -> Reservation | None:
        return self._by_id(Reservation, "reservation", reservation_id)

    def active(self, store_id: str) -> list[Reservation]:
        """Active reservations at ``store_id``, the soonest to expire first."""
        table = _t("reservation")
        rows = self._all(
            Reservation,
            select(table.c.data).where(table.c.store_id == store_id, table.c.status == "active"),
        )
        rows.sort(key=lambda r: (r.hold_until, r.id))
        return rows

    def for_customer(self, customer_id: str) -> list[Reservation]:
        table = _t("reservation")
        rows = self._all(
            Reservation, select(table.c.data).where(table.c.customer_id == customer_id)
        )
        rows.sort(key=lambda r: r.created_at, reverse=True)
        return rows


class StaffRepo(_Repo):
    def get(self, staff_id: str) -> Staff | None:
        return self._by_id(Staff, "staff", staff_id)

    def active_for_store(self, store_id: str) -> list[Staff]:
        """Active staff of ``store_id``, by name."""
        table = _t("staff")
        return store_roster(self._all(Staff, select(table.c.data)), store_id)


class CartRepo(_Repo):
    def active_for_customer(self, customer_id: str) -> Cart | None:
        """The customer's current web/app cart (the newest active one)."""
        table = _t("cart")
        carts = self._all(
            Cart,
            select(table.c.data).where(
                table.c.customer_id == customer_id, table.c.status == "active"
            ),
        )
        return max(carts, key=lambda c: c.updated_at, default=None)


class KeyRepo(_Repo):
    def signing_keys(self) -> dict[str, str]:
        """Central's token signing keys: key id → public key text."""
        return self._keys("signing_key")

    def device_keys(self) -> dict[str, str]:
        """The store's device keys: key id → public key text."""
        return self._keys("device_key")

    def _keys(self, entity: str) -> dict[str, str]:
        table = _t(entity)
        keys: dict[str, str] = {}
        for text in self._conn.execute(select(table.c.data)).scalars():
            data: dict[str, Any] = loads(text)
            keys[str(data["key_id"])] = str(data["public_key"])
        return keys


class StoreInfoRepo(_Repo):
    def store(self, store_id: str) -> Store | None:
        return self._by_id(Store, "store", store_id)

    def names(self) -> dict[str, str]:
        """Every store the tablet knows: id → name."""
        table = _t("store")
        return {
            str(data["id"]): str(data.get("name") or data["id"])
            for data in (loads(text) for text in self._conn.execute(select(table.c.data)).scalars())
        }

    def settings(self, store_id: str) -> dict[str, Any] | None:
        """The store's settings as central sends them (plain data)."""
        table = _t("settings")
        text = self._conn.execute(
            select(table.c.data).where(table.c.id == store_id)
        ).scalar_one_or_none()
        return None if text is None else dict(loads(text))


class SyncStateRepo(_Repo):
    CURSOR = "feed_cursor"

    def get(self, key: str) -> str | None:
        table: Table = m.SyncStateRow.__table__  # type: ignore[assignment]
        return self._conn.execute(
            select(table.c.value).where(table.c.key == key)
        ).scalar_one_or_none()

    def set(self, key: str, value: str) -> None:
        table: Table = m.SyncStateRow.__table__  # type: ignore[assignment]
        upsert(self._conn, table, [{"key": key, "value": value}], keys=("key",), update=("value",))

    def cursor(self) -> int:
        """The feed position applied so far (0: nothing yet)."""
        value = self.get(self.CURSOR)
        return int(value) if value is not None else 0

    def set_cursor(self, seq: int) -> None:
        self.set(self.CURSOR, str(seq))
