"""Loyalty points moving on a customer's account: one ledger row and one balance change each."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import update
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.ops.common import new_id, touched
from clerk.domain.entities import LoyaltyKind


def move_points(
    session: Session,
    customer: m.Customer,
    points: int,
    kind: LoyaltyKind,
    *,
    now: datetime,
    channel: str = "store",
    store_id: str | None = None,
    order_id: str | None = None,
    return_id: str | None = None,
    note: str = "",
) -> m.LoyaltyTransaction | None:
    """Add (or, negative, take) ``points``, record the transaction and publish both.

    The balance changes in SQL (``balance + points``) so two requests for one customer
    never lose each other's points. Zero points record nothing and return None.
    """
    if points == 0:
        return None
    table = cast(Any, m.Customer)
    session.execute(
        update(table)
        .where(table.id == customer.id)
        .values(points_balance=table.points_balance + points, version=table.version + 1)
        .execution_options(synchronize_session=False)
    )
    session.refresh(customer, ["points_balance", "version"])
    txn = m.LoyaltyTransaction(
        id=new_id(),
        customer_id=customer.id,
        kind=str(kind),
        points=points,
        order_id=order_id,
        return_id=return_id,
        channel=channel,
        store_id=store_id,
        created_at=now,
        note=note[:200],
    )
    session.add(txn)
    session.flush()
    touched(session).loyalty.append(txn)
    touched(session).customers[customer.id] = customer
    return txn
