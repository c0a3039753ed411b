"""The raw rows of one customer's timeline: orders, returns, reservations, loyalty, interactions.

Read as decoded feed data (plain dicts), not domain objects: a timeline of hundreds of rows is
built within a frame, and the services turn only the fields they show into entries.  Orders
are the one source that grows without bound, so they are read newest first with a limit and
an ``older than`` cursor on their indexed ``created_at``; the other sources are small per
customer and read whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select
from sqlalchemy.orm import Session

from clerk.store.slice import ENTITIES, loads


def _t(name: str) -> Table:
    return ENTITIES[name].table


@dataclass
class TimelineRows:
    """One customer's rows by source, as the feed delivered them."""

    orders: list[dict[str, Any]] = field(default_factory=list)
    more_orders: bool = False  # orders older than the last one read exist
    returns: list[dict[str, Any]] = field(default_factory=list)
    reservations: list[dict[str, Any]] = field(default_factory=list)
    loyalty: list[dict[str, Any]] = field(default_factory=list)
    interactions: list[dict[str, Any]] = field(default_factory=list)


# The timeline's statements, built once: a scan reads them all, and building a statement
# costs about as much as SQLite answering it.
_O = _t("order")
_ORDERS = (
    select(_O.c.data)
    .where(_O.c.customer_id == bindparam("customer"))
    .order_by(_O.c.created_at.desc(), _O.c.id.desc())
    .limit(bindparam("limit"))
)
_ORDERS_BEFORE = _ORDERS.where(_O.c.created_at < bindparam("before"))
_RETURNS = (
    select(_t("return").c.data)
    .join(_O, _O.c.id == _t("return").c.order_id)
    .where(_O.c.customer_id == bindparam("customer"))
)
_OF_CUSTOMER = {
    name: select(_t(name).c.data).where(_t(name).c.customer_id == bindparam("customer"))
    for name in ("reservation", "loyalty", "interaction")
}


class TimelineRepo:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _conn(self) -> Connection:
        return self._session.connection()

    def rows(
        self, customer_id: str, *, before: str | None = None, limit: int = 200
    ) -> TimelineRows:
        """The customer's rows: their newest ``limit`` orders created before ``before`` (ISO
        text, None: the newest), and every return, reservation, loyalty transaction and
        interaction of theirs (the caller cuts those at the same point in time)."""
        out = TimelineRows()
        conn = self._conn
        params = {"customer": customer_id, "before": before, "limit": limit + 1}
        stmt = _ORDERS_BEFORE if before is not None else _ORDERS
        texts = list(conn.execute(stmt, params).scalars())
        out.more_orders = len(texts) > limit
        out.orders = [loads(text) for text in texts[:limit]]
        for target, other in (
            (out.returns, _RETURNS),
            (out.reservations, _OF_CUSTOMER["reservation"]),
            (out.loyalty, _OF_CUSTOMER["loyalty"]),
            (out.interactions, _OF_CUSTOMER["interaction"]),
        ):
            target.extend(loads(text) for text in conn.execute(other, params).scalars())
        return out

    def waiting_pickups(
        self, customer_id: str, store_id: str, statuses: tuple[str, ...]
    ) -> list[dict[str, Any]]:
        """The customer's orders to be collected at ``store_id`` in one of ``statuses``."""
        orders = _t("order")
        # Sorted here, not in SQL: an ORDER BY created_at would lead SQLite to walk all of the
        # customer's orders by ix_orders_customer instead of the few ix_orders_pickup finds.
        stmt = select(orders.c.created_at, orders.c.id, orders.c.data).where(
            orders.c.pickup_store_id == store_id,
            orders.c.status.in_(statuses),
            orders.c.customer_id == customer_id,
        )
        rows = sorted(self._conn.execute(stmt).all(), key=lambda row: (row[0], row[1]))
        return [loads(row[2]) for row in rows]
