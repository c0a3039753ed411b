"""Applying central's state to the local cache, with local edits kept until their commands end.

A row edited by a service (``put_local``) shows the local state while a command touching it is
unfinished (pending or sending). Central's state for such a row goes to ``server_base`` instead of
the visible row; ``settle`` puts it back once no unfinished command touches the row any more.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, select, tuple_
from sqlalchemy.orm import Session

from clerk.store import models as m
from clerk.store.outbox import unfinished_touch_keys
from clerk.store.search import forget_terms, replace_terms
from clerk.store.slice import ENTITIES, dumps, entity, loads
from clerk.store.upsert import upsert

log = logging.getLogger(__name__)

Key = tuple[str, str]
State = Mapping[str, Any] | None  # None: the row does not exist ("absent" / deleted)

_BASE: Table = m.ServerBase.__table__  # type: ignore[assignment]
_PROFILES: Table = m.CachedProfile.__table__  # type: ignore[assignment]
_TERMS: Table = m.CustomerSearchTerm.__table__  # type: ignore[assignment]
_CHUNK = 500
_FEW = 50


class CacheRepo:
    """Central's state in the local cache (see the module docstring for the base rule)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _conn(self) -> Connection:
        return self._session.connection()

    # -- writing central's state -------------------------------------------------------------

    def apply_changes(self, changes: Sequence[Mapping[str, Any]]) -> frozenset[str]:
        """Apply feed entries (in seq order); returns the names of the entities touched."""
        latest: dict[Key, State] = {}
        for change in changes:
            name = change["entity"]
            if name not in ENTITIES:
                log.warning("ignoring feed entry of unknown entity %r", name)
                continue
            key = (name, str(change["id"]))
            latest.pop(key, None)
            latest[key] = change.get("data") if change["op"] == "upsert" else None
        if not latest:
            return frozenset()
        self._write_server_state(latest, origin="feed", keep_origin=False, served_at=None)
        return frozenset(name for name, _ in latest)

    def apply_entity(
        self,
        entity_name: str,
        data: Mapping[str, Any],
        origin: str = "feed",
        *,
        served_at: datetime | None = None,
    ) -> None:
        """Apply one full state (a command's answer, a fetched order); the same base rule.

        An existing row keeps its origin. Rows with origin "fetched" start their retention clock
        at ``served_at`` (default: now).
        """
        spec = entity(entity_name)
        if origin == "fetched" and served_at is None:
            served_at = datetime.now(UTC)
        self._write_server_state(
            {(spec.name, spec.key_of(data)): data},
            origin=origin,
            keep_origin=True,
            served_at=served_at,
        )

    def _write_server_state(
        self,
        states: Mapping[Key, State],
        *,
        origin: str,
        keep_origin: bool,
        served_at: datetime | None,
    ) -> None:
        conn = self._conn
        # A few keys (a command's answer): look them up; a feed page: read the (small) sets once.
        few = states.keys() if len(states) <= _FEW else None
        held = unfinished_touch_keys(conn, few)
        bases = self._base_keys(conn, few)
        to_base = {k: v for k, v in states.items() if k in held}
        visible = {k: v for k, v in states.items() if k not in held}
        if to_base:
            _save_bases(conn, to_base)
        stale = [k for k in visible if k in bases]
        if stale:
            _drop_bases(conn, stale)
        _write_visible(conn, visible, origin=origin, keep_origin=keep_origin, served_at=served_at)

    # -- local edits -------------------------------------------------------------------------

    def put_local(self, entity_name: str, data: Mapping[str, Any]) -> None:
        """A service's local effect: keep central's state as the base (once), then show ``data``."""
        spec = entity(entity_name)
        key = (spec.name, spec.key_of(data))
        conn = self._conn
        has_base = conn.execute(
            select(_BASE.c.entity).where(_BASE.c.entity == key[0], _BASE.c.entity_id == key[1])
        ).first()
        if has_base is None:
            current = self._row_data(conn, key)
            conn.execute(_BASE.insert().values(entity=key[0], entity_id=key[1], data=current))
        _write_visible(conn, {key: data}, origin="feed", keep_origin=True, served_at=None)

    def settle(self, keys: Iterable[Key]) -> None:
        """Show central's state again for ``keys`` no unfinished command touches any more."""
        conn = self._conn
        asked = set(keys)
        held = unfinished_touch_keys(conn, asked if len(asked) <= _FEW else None)
        wanted = asked - held
        if not wanted:
            return
        restore: dict[Key, State] = {}
        for chunk in _chunks(sorted(wanted)):
            rows = conn.execute(
                select(_BASE.c.entity, _BASE.c.entity_id, _BASE.c.data).where(
                    tuple_(_BASE.c.entity, _BASE.c.entity_id).in_(chunk)
                )
            ).all()
            for name, entity_id, data in rows:
                restore[(name, entity_id)] = None if data is None else loads(data)
        if not restore:
            return
        _drop_bases(conn, list(restore))
        _write_visible(conn, restore, origin="feed", keep_origin=True, served_at=None)

    def reset_for_resync(self) -> None:
        """Before a full re-sync: forget every cached row except those with a local edit."""
        conn = self._conn
        for spec in ENTITIES.values():
            kept = select(_BASE.c.entity_id).where(_BASE.c.entity == spec.name)
            conn.execute(delete(spec.table).where(spec.table.c.id.not_in(kept)))
        customers = ENTITIES["customer"].table
        conn.execute(delete(_TERMS).where(_TERMS.c.customer_id.not_in(select(customers.c.id))))
        conn.execute(delete(_PROFILES))

    # -- reading -----------------------------------------------------------------------------

    def get(self, entity_name: str, entity_id: str) -> dict[str, Any] | None:
        """The visible state of a row, as the feed's ``data``."""
        data = self._row_data(self._conn, (entity(entity_name).name, entity_id))
        return None if data is None else dict(loads(data))

    def base_version(self, entity_name: str, entity_id: str) -> int | None:
        """The ``version`` of central's state of a row (its base if edited), for If-Match."""
        conn = self._conn
        base = conn.execute(
            select(_BASE.c.data).where(
                _BASE.c.entity == entity_name, _BASE.c.entity_id == entity_id
            )
        ).first()
        text = base.data if base is not None else self._row_data(conn, (entity_name, entity_id))
        if text is None:
            return None
        version = loads(text).get("version")
        return int(version) if version is not None else None

    def has_base(self, entity_name: str, entity_id: str) -> bool:
        """True while the row shows a local edit over central's state."""
        row = self._conn.execute(
            select(_BASE.c.entity).where(
                _BASE.c.entity == entity_name, _BASE.c.entity_id == entity_id
            )
        ).first()
        return row is not None

    @staticmethod
    def _row_data(conn: Connection, key: Key) -> str | None:
        table = entity(key[0]).table
        return conn.execute(select(table.c.data).where(table.c.id == key[1])).scalar_one_or_none()

    @staticmethod
    def _base_keys(conn: Connection, among: Collection[Key] | None = None) -> set[Key]:
        stmt = select(_BASE.c.entity, _BASE.c.entity_id)
        if among is None:
            return {(e, i) for e, i in conn.execute(stmt)}
        found: set[Key] = set()
        for entity_name, entity_id in among:
            where = (_BASE.c.entity == entity_name) & (_BASE.c.entity_id == entity_id)
            found.update((e, i) for e, i in conn.execute(stmt.where(where)))
        return found


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _save_bases(conn: Connection, states: Mapping[Key, State]) -> None:
    rows = [
        {"entity": e, "entity_id": i, "data": None if s is None else dumps(s)}
        for (e, i), s in states.items()
    ]
    upsert(conn, _BASE, rows, keys=("entity", "entity_id"), update=("data",))


def _drop_bases(conn: Connection, keys: Sequence[Key]) -> None:
    for chunk in _chunks(keys):
        conn.execute(
            delete(_BASE).where(tuple_(_BASE.c.entity, _BASE.c.entity_id).in_(list(chunk)))
        )


def _write_visible(
    conn: Connection,
    states: Mapping[Key, State],
    *,
    origin: str,
    keep_origin: bool,
    served_at: datetime | None,
) -> None:
    """Upsert (or delete) visible rows, entity by entity, with executemany statements."""
    by_entity: dict[str, list[tuple[str, State]]] = defaultdict(list)
    for (name, entity_id), state in states.items():
        by_entity[name].append((entity_id, state))
    for name, items in by_entity.items():
        spec = ENTITIES[name]
        rows = [spec.row(i, s, origin) for i, s in items if s is not None]
        gone = [i for i, s in items if s is None]
        if rows:
            update = ["data", *spec.columns]
            if served_at is not None:
                for row in rows:
                    row["served_at"] = served_at
                update.append("served_at")
            if not keep_origin:
                update.append("origin")
            upsert(conn, spec.table, rows, keys=("id",), update=update)
        for chunk in _chunks(gone):
            conn.execute(delete(spec.table).where(and_(spec.table.c.id.in_(list(chunk)))))
        if name == "customer":
            if gone:
                forget_terms(conn, gone)
            if rows:
                replace_terms(conn, [s for _, s in items if s is not None])
