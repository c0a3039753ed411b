"""the manager's day: query columns and indexes for the sales, pickups released, returns and
feedback of a store in a day

Revision ID: 5e1b9c07d3a4
Revises: 7d41c2a9e0b5
Create Date: 2026-11-29 12:40:00.000000
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "5e1b9c07d3a4"
down_revision = "7d41c2a9e0b5"
branch_labels = None
depends_on = None


def _json_field(dialect: str) -> Callable[..., str]:
    """SQL for the text at a path of the ``data`` column's JSON (NULL where there is none)."""

    def sqlite(*path: str) -> str:
        return "json_extract(data, '$." + ".".join(path) + "')"

    def postgresql(*path: str) -> str:
        return "(data::jsonb #>> '{" + ",".join(path) + "}')"

    return sqlite if dialect == "sqlite" else postgresql


def upgrade() -> None:
    op.add_column("orders", sa.Column("collected_at", sa.String(length=40), nullable=True))
    op.add_column("returns", sa.Column("store_id", sa.String(length=16), nullable=True))
    op.add_column("returns", sa.Column("created_at", sa.String(length=40), nullable=True))
    op.add_column("interactions", sa.Column("kind", sa.String(length=16), nullable=True))
    op.add_column("interactions", sa.Column("store_id", sa.String(length=16), nullable=True))
    op.add_column("interactions", sa.Column("created_at", sa.String(length=40), nullable=True))
    # The rows already cached get their columns from their data (the feed's JSON text), the
    # same values clerk.store.slice extracts for the rows written from now on.
    field = _json_field(op.get_bind().dialect.name)
    op.execute(
        f"UPDATE orders SET collected_at = {field('pickup', 'collected_at')} "
        "WHERE pickup_store_id IS NOT NULL"
    )
    op.execute(
        f"UPDATE returns SET store_id = {field('store_id')}, created_at = {field('created_at')}"
    )
    op.execute(
        f"UPDATE interactions SET kind = {field('kind')}, store_id = {field('store_id')}, "
        f"created_at = {field('created_at')}"
    )
    op.create_index("ix_orders_store_created", "orders", ["store_id", "created_at", "id"])
    op.create_index("ix_orders_collected", "orders", ["pickup_store_id", "collected_at"])
    op.create_index("ix_returns_store_created", "returns", ["store_id", "created_at", "id"])
    op.create_index(
        "ix_interactions_kind_store_created", "interactions", ["kind", "store_id", "created_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_interactions_kind_store_created", table_name="interactions")
    op.drop_index("ix_returns_store_created", table_name="returns")
    op.drop_index("ix_orders_collected", table_name="orders")
    op.drop_index("ix_orders_store_created", table_name="orders")
    with op.batch_alter_table("interactions") as batch:
        batch.drop_column("created_at")
        batch.drop_column("store_id")
        batch.drop_column("kind")
    with op.batch_alter_table("returns") as batch:
        batch.drop_column("created_at")
        batch.drop_column("store_id")
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("collected_at")
