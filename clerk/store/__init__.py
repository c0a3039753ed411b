"""The tablet's local store: the cached slice of central data, the outbox, the audit log.

Everything else in the app reads and writes the database through ``LocalStore.unit()`` and the
repositories of a ``StoreUnit``; nothing outside this package writes SQL.
"""

# The names load on first use (PEP 562): importing one light module of this package (the
# app's first paint does) must not pull in the whole package and SQLAlchemy with it.

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clerk.store.audit import AuditEntry, NewAuditEntry
    from clerk.store.db import LocalStore, default_database_path, make_local_engine
    from clerk.store.outbox import NewCommand, OutboxCommand, OutboxCounts, OutboxStateError
    from clerk.store.unit import StoreUnit

_WHERE: dict[str, str] = {
    "AuditEntry": "clerk.store.audit",
    "LocalStore": "clerk.store.db",
    "NewAuditEntry": "clerk.store.audit",
    "NewCommand": "clerk.store.outbox",
    "OutboxCommand": "clerk.store.outbox",
    "OutboxCounts": "clerk.store.outbox",
    "OutboxStateError": "clerk.store.outbox",
    "StoreUnit": "clerk.store.unit",
    "default_database_path": "clerk.store.db",
    "make_local_engine": "clerk.store.db",
}

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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
