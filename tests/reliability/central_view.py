"""Behind central's API, for the reliability tests: stock that sales may take, stock counts."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from clerk.central import models as m


def sellable_skus(central: Engine, store_id: str, *, units: int, count: int) -> list[str]:
    """Up to ``count`` SKUs with at least ``units`` available in ``store_id`` that no pickup
    order of that store holds or waits for (so stock moves only by the test's sales), neither
    final sale nor age restricted."""
    with Session(central) as session:
        pickup_skus = set(
            session.scalars(
                select(m.OrderLine.sku)
                .join(m.Order, m.Order.id == m.OrderLine.order_id)
                .where(m.Order.pickup_store_id == store_id)
            )
        )
        candidates = session.scalars(
            select(m.Inventory.sku)
            .join(m.Product, m.Product.sku == m.Inventory.sku)
            .where(
                m.Inventory.store_id == store_id,
                m.Inventory.on_hand - m.Inventory.held >= units,
                m.Product.final_sale.is_(False),
                m.Product.age_restricted.is_(False),
            )
            .order_by(m.Inventory.sku)
        ).all()
    return [sku for sku in candidates if sku not in pickup_skus][:count]


def on_hand(central: Engine, store_id: str, skus: Iterable[str]) -> dict[str, int]:
    """Units on hand in ``store_id`` per SKU, at central."""
    with Session(central) as session:
        rows = session.execute(
            select(m.Inventory.sku, m.Inventory.on_hand).where(
                m.Inventory.store_id == store_id, m.Inventory.sku.in_(list(skus))
            )
        )
        return {sku: qty for sku, qty in rows}
