"""Click-and-collect at the desk: ``ready``, ``collect`` and ``expire`` of an order."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from clerk.central.api.mutation_http import (
    PROBLEMS,
    Answer,
    IdempotencyKey,
    IfMatch,
    PathId,
    expected_version,
    order_answer,
)
from clerk.central.deps import ContextDep, DeviceDep
from clerk.central.idempotency import idempotent
from clerk.central.ops.pickup import (
    CollectIn,
    ExpireIn,
    ReadyIn,
    collect_order,
    expire_order,
    mark_ready,
)
from clerk.central.ops.refunds import RecordedReturn
from clerk.central.serialize import return_dict

router = APIRouter(tags=["pickup"])


def _refund_of(recorded: RecordedReturn | None) -> dict[str, Any] | None:
    return None if recorded is None else return_dict(recorded.row)


@router.post("/v1/orders/{order_id}/ready", responses=PROBLEMS)
def ready(
    order_id: PathId,
    body: ReadyIn,
    request: Request,
    ctx: ContextDep,
    device: DeviceDep,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Picked and shelved (roles pickup, manager): the hold starts and the customer is told.

    Short-picked lines are refunded at once. 409 ``order-not-ready``-style types when the
    order is past this step. Answers ``{"order", "return"}`` (the short-pick refund or null).
    """
    version = expected_version(if_match)

    def work(session: Session) -> Answer:
        result = mark_ready(session, device, order_id, body, ctx.now(), expected_version=version)
        return order_answer(result.order, extra={"return": _refund_of(result.refund)})

    return idempotent(request, ctx, device, work, body=body)


@router.post("/v1/orders/{order_id}/collect", responses=PROBLEMS)
def collect(
    order_id: PathId,
    body: CollectIn,
    request: Request,
    ctx: ContextDep,
    device: DeviceDep,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Hand the order over (roles pickup, manager), with the verification used.

    Refused lines become a return on the spot. 409 ``order-already-collected``,
    ``order-cancelled``, ``order-expired`` or ``order-not-ready`` when it cannot be collected.
    Answers ``{"order", "return"}``.
    """
    version = expected_version(if_match)

    def work(session: Session) -> Answer:
        result = collect_order(session, device, order_id, body, ctx.now(), expected_version=version)
        return order_answer(result.order, extra={"return": _refund_of(result.refund)})

    return idempotent(request, ctx, device, work, body=body)


@router.post("/v1/orders/{order_id}/expire", responses=PROBLEMS)
def expire(
    order_id: PathId,
    body: ExpireIn,
    request: Request,
    ctx: ContextDep,
    device: DeviceDep,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """The hold ran out (managers only): the items go back to stock and everything paid is
    refunded. 422 ``hold-not-over`` before the hold's end. Answers ``{"order", "return"}``."""
    version = expected_version(if_match)

    def work(session: Session) -> Answer:
        result = expire_order(session, device, order_id, body, ctx.now(), expected_version=version)
        return order_answer(result.order, extra={"return": _refund_of(result.refund)})

    return idempotent(request, ctx, device, work, body=body)
