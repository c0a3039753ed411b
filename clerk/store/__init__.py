"""The tablet's local store: the cached slice of central data, the outbox, the audit log.

Everything else in the app reads and writes the database through ``LocalStore.unit()`` and the
repositories of a ``StoreUnit``; nothing outside this package writes SQL.
"""

from clerk.store.audit import AuditEntry, NewAuditEntry
from clerk.store.db import LocalStore, default_database_path, make_local_engine
from clerk.store.outbox import NewCommand, OutboxCommand, OutboxCounts, OutboxStateError
from clerk.store.unit import StoreUnit

__all__ = [
    "AuditEntry",
    "LocalStore",
    "NewAuditEntry",
    "NewCommand",
    "OutboxCommand",
    "OutboxCounts",
    "OutboxStateError",
    "StoreUnit",
    "default_database_path",
    "make_local_engine",
]
