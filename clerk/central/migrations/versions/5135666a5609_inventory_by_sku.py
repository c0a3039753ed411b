"""inventory by sku: the 360 cart's other stores with stock of a SKU read one index range

Revision ID: 5135666a5609
Revises: 3fc0293ed33d
Create Date: 2026-11-29 08:43:45.000000
"""

from __future__ import annotations

from alembic import op

revision = "5135666a5609"
down_revision = "3fc0293ed33d"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inventory", schema=None) as batch_op:
        batch_op.create_index("ix_inventory_sku", ["sku"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("inventory", schema=None) as batch_op:
        batch_op.drop_index("ix_inventory_sku")
