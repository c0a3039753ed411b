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

from sqlalchemy import Connection, Table, select
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
        orders = _t("order")
        stmt = (
            select(orders.c.data)
            .where(orders.c.customer_id == customer_id)
            .order_by(orders.c.created_at.desc(), orders.c.id.desc())
            .limit(limit + 1)
        )
        if before is not None:
            stmt = stmt.where(orders.c.created_at < before)
        texts = list(self._conn.execute(stmt).scalars())
        out.more_orders = len(texts) > limit
        out.orders = [loads(text) for text in texts[:limit]]

        returns = _t("return")
        out.returns = [
            loads(text)
            for text in self._conn.execute(
                select(returns.c.data)
                .join(orders, orders.c.id == returns.c.order_id)
                .where(orders.c.customer_id == customer_id)
            ).scalars()
        ]
        for name, target in (
            ("reservation", out.reservations),
            ("loyalty", out.loyalty),
            ("interaction", out.interactions),
        ):
            table = _t(name)
            target.extend(
                loads(text)
                for text in self._conn.execute(
                    select(table.c.data).where(table.c.customer_id == customer_id)
                ).scalars()
            )
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
