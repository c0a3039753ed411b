"""Appending to the change feed: entries wait in the session and are written at commit.

Why and how (the guarantee a reader relies on)
----------------------------------------------
``seq`` comes from one sequence shared by every store, and a tablet pulls "everything of my
store with ``seq > cursor``".  For that never to skip an entry, **the entries of one store must
become visible in ``seq`` order**: if a transaction could take ``seq`` 10, a second one take 11
and commit first, a reader would see 11, move its cursor there, and never see 10.

So every writer of a store's entries holds that store's feed lock from the moment it takes a
``seq`` for the store until its transaction ends.  Any entry of the store committed before is
older than the lock, so its ``seq`` is lower; any later writer waits for the lock and draws
higher ``seq`` values.  Committed entries of a store therefore always form a prefix of its
future ``seq`` order.

* PostgreSQL: the lock is ``pg_advisory_xact_lock`` (released at commit/rollback) with one key
  per (schema, store), so stores — and databases that share a server through schemas, as the
  tests do — never wait for each other.
* SQLite: a database has one writer at a time from its first write to its commit, which gives
  the same order without a lock.

Entries are buffered by :func:`record_change` and written by :func:`flush_feed`, which runs
just before the transaction commits (or when called).  It takes the locks of all the stores
involved at once, in key order, so two transactions touching the same stores can never
deadlock on them, and the locks are held only for the last moment of the transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, event, func, select
from sqlalchemy.orm import Session, SessionTransaction

from clerk.central import models as m

__all__ = ["ENTITIES", "flush_feed", "lock_feed", "lock_feed_stores", "record_change"]

ENTITIES = frozenset(
    {
        "store",
        "settings",
        "product",
        "inventory",
        "staff",
        "device_key",
        "signing_key",
        "customer",
        "cart",
        "order",
        "return",
        "reservation",
        "loyalty",
        "interaction",
    }
)
CHANGES = cast(Table, m.Change.__table__)  # Core inserts: no ORM unit-of-work overhead

_PENDING = "clerk_feed_pending"  # session.info: (root transaction, [rows])
_HELD = "clerk_feed_locks"  # session.info: (root transaction, {lock keys})
_HOOKED = "clerk_feed_hooked"


def _root(session: Session) -> SessionTransaction | None:
    transaction = session.get_transaction()
    while transaction is not None and transaction.parent is not None:
        transaction = transaction.parent
    return transaction


def lock_key(schema: str, store_id: str) -> int:
    """The advisory lock key (signed 64-bit) of one store's feed in one schema."""
    digest = hashlib.blake2b(f"clerk-feed\0{schema}\0{store_id}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


def lock_feed_stores(session: Session, store_ids: Iterable[str]) -> None:
    """Hold the feed locks of ``store_ids`` until this transaction ends (taken in key order;
    no-op on SQLite and for locks already held)."""
    stores = sorted(set(store_ids))
    if not stores or session.get_bind().dialect.name != "postgresql":
        return
    root = _root(session)
    held_for, held = session.info.get(_HELD, (None, set()))
    if held_for is not root:
        held = set()
    schema = session.execute(select(func.current_schema())).scalar() or "public"
    for key in sorted({lock_key(schema, s) for s in stores} - held):
        session.execute(select(func.pg_advisory_xact_lock(key)))
        held.add(key)
    session.info[_HELD] = (root, held)


def lock_feed(session: Session, store_id: str) -> None:
    """Hold one store's feed lock until this transaction ends (see the module docstring)."""
    lock_feed_stores(session, [store_id])


def _hook(session: Session) -> None:
    if session.info.get(_HOOKED):
        return
    event.listen(session, "before_commit", _before_commit)
    event.listen(session, "after_transaction_end", _after_transaction_end)
    session.info[_HOOKED] = True


def _before_commit(session: Session) -> None:
    flush_feed(session)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the root ended (commit or rollback): forget its state
        session.info.pop(_PENDING, None)
        session.info.pop(_HELD, None)


def record_change(
    session: Session,
    store_ids: Iterable[str],
    entity: str,
    entity_id: str,
    data: dict[str, Any] | None,
    op: str = "upsert",
    now: datetime | None = None,
) -> None:
    """Append the entity's new state (or a ``delete`` tombstone) to each store's feed.

    The entries are written when the transaction commits (or at :func:`flush_feed`).
    """
    if entity not in ENTITIES:
        raise ValueError(f"unknown feed entity {entity!r}")
    if op not in ("upsert", "delete"):
        raise ValueError(f"unknown feed op {op!r}")
    stores = sorted({s for s in store_ids if s})
    if not stores:
        return
    when = now or datetime.now(UTC)
    payload = None if op == "delete" else data
    if session.get_transaction() is None:
        session.connection()  # begin the transaction the entries belong to
    root = _root(session)
    owner, rows = session.info.get(_PENDING, (None, []))
    if owner is not root:
        rows = []
    rows.extend(
        {
            "store_id": s,
            "entity": entity,
            "entity_id": entity_id,
            "op": op,
            "data": payload,
            "created_at": when,
        }
        for s in stores
    )
    session.info[_PENDING] = (root, rows)
    _hook(session)


def flush_feed(session: Session) -> int:
    """Write the entries waiting in this transaction now (under their stores' locks);
    returns how many were written."""
    owner, rows = session.info.pop(_PENDING, (None, []))
    if not rows or owner is not _root(session):
        return 0
    lock_feed_stores(session, {row["store_id"] for row in rows})
    session.execute(CHANGES.insert(), rows)
    return len(rows)
