"""``POST /v1/returns``: goods back at the counter, refunded as the domain policy decides."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from clerk.central.api.mutation_http import (
    PROBLEMS,
    Answer,
    IdempotencyKey,
    IfMatch,
    expected_version,
)
from clerk.central.deps import ContextDep, DeviceDep
from clerk.central.idempotency import idempotent
from clerk.central.ops.returns import ReturnIn, create_return
from clerk.central.serialize import etag, order_dict, return_dict

router = APIRouter(tags=["returns"])


@router.post("/v1/returns", status_code=201, responses=PROBLEMS)
def create(
    body: ReturnIn,
    request: Request,
    ctx: ContextDep,
    device: DeviceDep,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Return units of an order (roles sales, pickup, manager); ``If-Match`` (optional) is
    the order's: the policy decides again under the order's lock either way, so the tablet
    sends none — another device's return of other units must not refuse this one.

    The domain's ReturnPolicy decides: 422 with its code (``window-passed``, ``final-sale``,
    ``quantity-exceeds-returnable`` …); window and final-sale refusals pass with
    ``override`` {manager_id, reason} of a manager. Refunds are split over the original
    tenders (or store credit / exchange), earned points are reversed once, resellable units
    go back on this store's shelf. An ``exchange`` (refund method "exchange") sells the
    replacement goods in the same transaction, paid by the value returned and, for a dearer
    replacement, the customer's ``payments``; what a cheaper one leaves is refunded to the
    original tenders in proportion. Answers 201 ``{"return", "order"}`` (and
    ``"exchange_order"``) with the order's ETag.
    """
    version = expected_version(if_match)

    def work(session: Session) -> Answer:
        result = create_return(session, device, body, ctx.now(), expected_version=version)
        payload = {"return": return_dict(result.recorded.row), "order": order_dict(result.order)}
        if result.exchange_order is not None:
            payload["exchange_order"] = order_dict(result.exchange_order)
        headers = {
            "ETag": etag(result.order.version),
            "Location": f"/v1/returns/{result.recorded.row.id}",
        }
        return 201, payload, headers

    return idempotent(request, ctx, device, work, body=body)
