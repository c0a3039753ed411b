"""orders: covering indexes for a customer's timeline and their waiting pickups

Revision ID: 7d41c2a9e0b5
Revises: 3c8e7c64a04b
Create Date: 2026-11-29 11:40:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "7d41c2a9e0b5"
down_revision = "3c8e7c64a04b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_orders_customer", table_name="orders")
    op.create_index("ix_orders_customer", "orders", ["customer_id", "created_at", "id"])
    op.drop_index("ix_orders_pickup", table_name="orders")
    op.create_index("ix_orders_pickup", "orders", ["pickup_store_id", "status", "customer_id"])


def downgrade() -> None:
    op.drop_index("ix_orders_pickup", table_name="orders")
    op.create_index("ix_orders_pickup", "orders", ["pickup_store_id", "status"])
    op.drop_index("ix_orders_customer", table_name="orders")
    op.create_index("ix_orders_customer", "orders", ["customer_id", "created_at"])
