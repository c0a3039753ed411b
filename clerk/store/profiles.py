"""Profile bundles of customers outside the store's slice, kept while clerks keep using them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, and_, delete, or_, select, update
from sqlalchemy.orm import Session

from clerk.store import models as m
from clerk.store.cache import CacheRepo
from clerk.store.search import forget_terms
from clerk.store.slice import ENTITIES, dumps, loads
from clerk.store.upsert import upsert

_PROFILES: Table = m.CachedProfile.__table__  # type: ignore[assignment]
_BASE: Table = m.ServerBase.__table__  # type: ignore[assignment]


class ProfileCacheRepo:
    """``GET /v1/customers/{id}/profile`` answers, with a retention clock (last served)."""

    def __init__(self, session: Session, cache: CacheRepo) -> None:
        self._session = session
        self._cache = cache

    def put(self, customer_id: str, bundle: dict[str, Any], now: datetime) -> None:
        """Keep ``bundle``; its customer becomes a (fetched) customer row the app can show."""
        conn = self._session.connection()
        row = {
            "customer_id": customer_id,
            "bundle": dumps(bundle),
            "fetched_at": now,
            "last_served_at": now,
        }
        upsert(
            conn,
            _PROFILES,
            [row],
            keys=("customer_id",),
            update=("bundle", "fetched_at", "last_served_at"),
        )
        customer = bundle.get("customer")
        if isinstance(customer, dict):
            self._cache.apply_entity("customer", customer, origin="fetched", served_at=now)

    def get(self, customer_id: str, now: datetime) -> dict[str, Any] | None:
        """The cached bundle, or None; a hit restarts its retention clock."""
        conn = self._session.connection()
        text = conn.execute(
            select(_PROFILES.c.bundle).where(_PROFILES.c.customer_id == customer_id)
        ).scalar_one_or_none()
        if text is None:
            return None
        conn.execute(
            update(_PROFILES)
            .where(_PROFILES.c.customer_id == customer_id)
            .values(last_served_at=now)
        )
        customers = ENTITIES["customer"].table
        conn.execute(update(customers).where(customers.c.id == customer_id).values(served_at=now))
        return dict(loads(text))

    def purge(self, older_than: datetime) -> int:
        """Forget bundles and fetched-only rows not served since ``older_than``.

        Rows with a local edit (a base) stay. Returns how many bundles and rows were forgotten.
        """
        conn = self._session.connection()
        purged = conn.execute(
            delete(_PROFILES).where(_PROFILES.c.last_served_at < older_than)
        ).rowcount
        for spec in ENTITIES.values():
            table = spec.table
            stmt = select(table.c.id).where(
                table.c.origin == "fetched",
                or_(table.c.served_at.is_(None), table.c.served_at < older_than),
                table.c.id.not_in(select(_BASE.c.entity_id).where(_BASE.c.entity == spec.name)),
            )
            if spec.name == "customer":
                stmt = stmt.where(table.c.id.not_in(select(_PROFILES.c.customer_id)))
            ids = list(conn.execute(stmt).scalars())
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                conn.execute(delete(table).where(and_(table.c.id.in_(chunk))))
            if spec.name == "customer" and ids:
                forget_terms(conn, ids)
            purged += len(ids)
        return int(purged)
