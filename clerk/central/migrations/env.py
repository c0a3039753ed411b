"""Alembic environment for the central database; run through clerk.central.schema.migrate."""

from __future__ import annotations

from alembic import context

from clerk.central.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through clerk.central.schema
    raise RuntimeError("run central migrations through clerk.central.schema.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
