"""Reserve-in-store holds: ``extend``, ``cancel`` and ``collect`` (managers only)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from clerk.central.api.mutation_http import (
    PROBLEMS,
    Answer,
    IdempotencyKey,
    IfMatch,
    PathId,
    expected_version,
)
from clerk.central.deps import ContextDep, DeviceDep
from clerk.central.idempotency import idempotent
from clerk.central.ops.reservations import (
    CancelIn,
    CollectReservationIn,
    ExtendIn,
    ReservationResult,
    cancel_reservation,
    collect_reservation,
    extend_reservation,
)
from clerk.central.serialize import etag, order_dict, reservation_dict

router = APIRouter(tags=["reservations"])


def _answer(result: ReservationResult) -> Answer:
    payload = {
        "reservation": reservation_dict(result.reservation),
        "order": None if result.order is None else order_dict(result.order),
    }
    return 200, payload, {"ETag": etag(result.reservation.version)}


@router.post("/v1/reservations/{reservation_id}/extend", responses=PROBLEMS)
def extend(
    reservation_id: PathId,
    body: ExtendIn,
    request: Request,
    ctx: ContextDep,
    device: DeviceDep,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Hold an active reservation until ``hold_until`` (at most 7 days from when it was made;
    422 ``extension-too-long`` / ``in-the-past``). Answers ``{"reservation", "order": null}``."""
    version = expected_version(if_match)

    def work(session: Session) -> Answer:
        return _answer(
            extend_reservation(
                session, device, reservation_id, body, ctx.now(), expected_version=version
            )
        )

    return idempotent(request, ctx, device, work, body=body)


@router.post("/v1/reservations/{reservation_id}/cancel", responses=PROBLEMS)
def cancel(
    reservation_id: PathId,
    body: CancelIn,
    request: Request,
    ctx: ContextDep,
    device: DeviceDep,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Cancel an active reservation: its units become available again, the customer is told.
    409 ``reservation-collected`` / ``-cancelled`` / ``-expired`` when it is not active."""
    version = expected_version(if_match)

    def work(session: Session) -> Answer:
        return _answer(
            cancel_reservation(
                session, device, reservation_id, body, ctx.now(), expected_version=version
            )
        )

    return idempotent(request, ctx, device, work, body=body)


@router.post("/v1/reservations/{reservation_id}/collect", responses=PROBLEMS)
def collect(
    reservation_id: PathId,
    body: CollectReservationIn,
    request: Request,
    ctx: ContextDep,
    device: DeviceDep,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """The customer buys the reserved items: a store sale from the held units, with
    ``payments`` and optional ``redeem_points``. Answers ``{"reservation", "order"}``."""
    version = expected_version(if_match)

    def work(session: Session) -> Answer:
        return _answer(
            collect_reservation(
                session, device, reservation_id, body, ctx.now(), expected_version=version
            )
        )

    return idempotent(request, ctx, device, work, body=body)
