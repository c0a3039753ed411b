"""``INSERT ... ON CONFLICT DO UPDATE`` as one executemany, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def upsert(
    conn: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    keys: Sequence[str],
    update: Sequence[str],
) -> None:
    """Insert ``rows`` (all with the same keys); on a key conflict update the ``update`` columns."""
    if not rows:
        return
    conn.execute(_statement(conn.dialect.name, table, tuple(keys), tuple(update)), list(rows))


@cache
def _statement(dialect: str, table: Table, keys: tuple[str, ...], update: tuple[str, ...]) -> Any:
    # Built once per shape: constructing ON CONFLICT clauses costs more than running them.
    if dialect == "postgresql":
        pg = postgresql.insert(table)
        return pg.on_conflict_do_update(
            index_elements=list(keys), set_={c: pg.excluded[c] for c in update}
        )
    lite = sqlite.insert(table)
    return lite.on_conflict_do_update(
        index_elements=list(keys), set_={c: lite.excluded[c] for c in update}
    )
