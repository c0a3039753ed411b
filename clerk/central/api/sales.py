"""``POST /v1/orders``: a store sale, including finalizing the customer's online cart."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from clerk.central.api.mutation_http import PROBLEMS, Answer, IdempotencyKey, order_answer
from clerk.central.deps import ContextDep, DeviceDep
from clerk.central.idempotency import idempotent
from clerk.central.ops.sale import SaleIn, record_sale

router = APIRouter(tags=["sales"])


@router.post("/v1/orders", status_code=201, responses=PROBLEMS)
def create_sale(
    body: SaleIn,
    request: Request,
    ctx: ContextDep,
    device: DeviceDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Book a store sale (roles sales, manager): lines at central prices, payments and points.

    With ``cart_id`` the customer's online cart is finalized (its lines are used when
    ``lines`` is empty) and consumed. ``redeem_points`` (blocks of 100) pay part of the total;
    payments plus redeemed value must equal the total. Answers 201 ``{"order", "loyalty":
    {"earned", "redeemed", "balance"}}`` with the order's ``ETag``.
    """

    def work(session: Session) -> Answer:
        result = record_sale(session, device, body, ctx.now())
        loyalty = None
        if result.customer is not None:
            loyalty = {
                "earned": result.points_earned,
                "redeemed": result.points_redeemed,
                "balance": result.customer.points_balance,
            }
        status, payload, headers = order_answer(result.order, 201, {"loyalty": loyalty})
        headers["Location"] = f"/v1/orders/{result.order.id}"
        return status, payload, headers

    return idempotent(request, ctx, device, work, body=body)
