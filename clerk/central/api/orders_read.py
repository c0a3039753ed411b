"""``GET /v1/orders/{id}`` and ``GET /v1/orders?number=``: any order of any channel."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from sqlalchemy import select

from clerk.central import models as m
from clerk.central.deps import DeviceDep, SessionDep
from clerk.central.problems import not_found
from clerk.central.serialize import etag, order_dict, return_dict

router = APIRouter(tags=["orders"])


def _answer(order: m.Order) -> JSONResponse:
    return JSONResponse(order_dict(order), headers={"ETag": etag(order.version)})


@router.get("/v1/orders", responses={404: {"description": "No order with that number"}})
def get_order_by_number(
    session: SessionDep,
    device: DeviceDep,
    number: Annotated[str, Query(min_length=1, max_length=32)],
) -> Any:
    """The order with this number (as printed on receipts and e-mails)."""
    order = session.execute(
        select(m.Order).where(m.Order.number == number.strip())
    ).scalar_one_or_none()
    if order is None:
        raise not_found("order", f"No order number {number}.")
    return _answer(order)


@router.get("/v1/orders/{order_id}", responses={404: {"description": "No such order"}})
def get_order(order_id: str, session: SessionDep, device: DeviceDep) -> Any:
    """The order with this id; its ``ETag`` is the version to send in ``If-Match``."""
    order = session.get(m.Order, order_id)
    if order is None:
        raise not_found("order", f"No order {order_id}.")
    return _answer(order)


@router.get("/v1/orders/{order_id}/returns", responses={404: {"description": "No such order"}})
def get_order_returns(order_id: str, session: SessionDep, device: DeviceDep) -> Any:
    """The returns made of this order, oldest first (``{"returns": [...]}``): with the order
    they are what the return policy needs to decide another return anywhere."""
    if session.get(m.Order, order_id) is None:
        raise not_found("order", f"No order {order_id}.")
    rows = session.execute(
        select(m.Return).where(m.Return.order_id == order_id).order_by(m.Return.created_at)
    ).scalars()
    return {"returns": [return_dict(row) for row in rows]}
