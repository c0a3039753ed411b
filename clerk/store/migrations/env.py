"""Alembic environment for the local store; run through clerk.store.schema.migrate."""

from __future__ import annotations

from alembic import context

from clerk.store.models import Base
from clerk.store.schema import VERSION_TABLE

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through clerk.store.schema
    raise RuntimeError("run local store migrations through clerk.store.schema.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    version_table=VERSION_TABLE,
)
with context.begin_transaction():
    context.run_migrations()
