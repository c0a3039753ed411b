"""Bulk loading for the seed: rows as plain dicts, inserted in chunks, parents before children."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Table, insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from clerk.central import models as m

# Insert order: every table after the tables its foreign keys point to.
TABLE_ORDER: tuple[type[m.Base], ...] = (
    m.Store,
    m.Staff,
    m.StaffStore,
    m.Product,
    m.Customer,
    m.Inventory,
    m.Cart,
    m.CartLine,
    m.Order,
    m.OrderLine,
    m.Payment,
    m.Return,
    m.ReturnLine,
    m.Refund,
    m.Reservation,
    m.ReservationLine,
    m.LoyaltyTransaction,
    m.Interaction,
    m.Feedback,
    m.StoreCustomer,
)


class BulkWriter:
    """Buffers rows per table and inserts them a chunk at a time.

    Rows stay mutable until :meth:`checkpoint` (the generators call it when a unit, such as
    an order with its returns, is complete); then, if a buffer is full, every buffer is
    flushed in :data:`TABLE_ORDER`, so a child row never reaches the database before its
    parent (PostgreSQL checks foreign keys at once).

    SQLite gets ``session.execute(insert(table), rows)`` (one executemany per chunk);
    PostgreSQL gets ``COPY … FROM STDIN`` through psycopg, several times faster than any
    INSERT form for the millions of rows of ``--scale 20``.  All rows of a table must
    have the same keys.
    """

    def __init__(self, session: Session, chunk: int = 5000) -> None:
        self.session = session
        self.chunk = chunk
        self._buffers: dict[type[m.Base], list[dict[str, Any]]] = {t: [] for t in TABLE_ORDER}
        self.counts: dict[str, int] = {t.__tablename__: 0 for t in TABLE_ORDER}
        self._full = False
        self._copy = session.get_bind().dialect.name == "postgresql"

    def add(self, model: type[m.Base], row: dict[str, Any]) -> None:
        """Queue one row of ``model``."""
        buffer = self._buffers[model]
        buffer.append(row)
        if len(buffer) >= self.chunk:
            self._full = True

    def add_all(self, model: type[m.Base], rows: list[dict[str, Any]]) -> None:
        """Queue many rows of ``model`` (a complete unit: checkpoints after each chunk)."""
        for row in rows:
            self.add(model, row)
            self.checkpoint()

    def checkpoint(self) -> None:
        """Everything queued so far is final: flush if a buffer is full."""
        if self._full:
            self.flush()

    def flush(self) -> None:
        """Insert everything buffered, parents first."""
        for model in TABLE_ORDER:
            rows = self._buffers[model]
            if rows:
                table = model.__table__
                assert isinstance(table, Table)
                if self._copy:
                    self._copy_rows(table, rows)
                else:
                    self.session.execute(insert(table), rows)
                self.counts[model.__tablename__] += len(rows)
                self._buffers[model] = []
        self._full = False

    def _copy_rows(self, table: Table, rows: list[dict[str, Any]]) -> None:
        from psycopg.types.json import Json

        # COPY knows nothing of the models' Python-side defaults: add the scalar ones.
        defaults = {
            c.name: c.default.arg
            for c in table.columns
            if c.name not in rows[0] and isinstance(c.default, ScalarElementColumnDefault)
        }
        columns = [*rows[0], *defaults]
        json_cols = {c.name for c in table.columns if isinstance(c.type, JSON)}
        wrap = [name in json_cols for name in columns]
        driver = self.session.connection().connection.driver_connection
        assert driver is not None
        names = ", ".join(f'"{c}"' for c in columns)
        with driver.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as cp:
            for row in rows:
                values = [row[c] if c in row else defaults[c] for c in columns]
                for i, is_json in enumerate(wrap):
                    if is_json and values[i] is not None:
                        values[i] = Json(values[i])
                cp.write_row(values)
