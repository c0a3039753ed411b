"""The customer at the counter: loyalty resolve (with the store visit), interactions, feedback."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.api.mutation_http import PROBLEMS, Answer, IdempotencyKey, PathId
from clerk.central.deps import ContextDep, DeviceDep
from clerk.central.idempotency import idempotent
from clerk.central.ops.engagement import (
    FeedbackIn,
    InteractionIn,
    ResolveIn,
    add_interaction,
    record_feedback,
    resolve_loyalty,
)
from clerk.central.serialize import customer_dict, interaction_dict

router = APIRouter(tags=["customers"])


@router.post("/v1/loyalty/resolve", responses=PROBLEMS)
def resolve(
    body: ResolveIn,
    request: Request,
    ctx: ContextDep,
    device: DeviceDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Who is at the counter → the customer (roles sales, manager); records today's visit to
    this store and the once-a-day visit bonus.

    Send exactly one of ``code`` (a scanned loyalty token ``CLK1.L…`` or card number) and
    ``customer_id`` (a customer the tablet already recognised, e.g. offline from a token that
    has expired since); both or neither → 422 ``code-or-customer-id``. ``id`` (optional): the
    id the tablet chose for the visit interaction; it is used only when this call records
    the visit, so the tablet's local visit row and central's are the same row.

    422 ``token-expired``, ``token-bad-signature``, ``scan-bad-check-digit``,
    ``not-a-loyalty-code`` …; 404 ``customer-not-found`` for an unknown card or customer id;
    409 ``id-taken`` when ``id`` names another row. Answers ``{"customer_id", "customer",
    "visit_recorded", "visit_id", "bonus_points"}``: ``visit_recorded`` is false when a visit
    to this store was already recorded today, and ``visit_id`` names today's visit here
    either way (the earlier one's id in that case).
    """

    def work(session: Session) -> Answer:
        found = resolve_loyalty(session, device, body, ctx.now())
        payload = {
            "customer_id": found.customer.id,
            "customer": customer_dict(found.customer),
            "visit_recorded": found.visit is not None,
            "visit_id": found.visit_id,
            "bonus_points": found.bonus_points,
        }
        return 200, payload, {}

    return idempotent(request, ctx, device, work, body=body)


@router.post("/v1/customers/{customer_id}/interactions", status_code=201, responses=PROBLEMS)
def create_interaction(
    customer_id: PathId,
    body: InteractionIn,
    request: Request,
    ctx: ContextDep,
    device: DeviceDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """A note, store visit, contact or support ticket from the store (roles sales, manager).
    Answers 201 ``{"interaction"}``."""

    def work(session: Session) -> Answer:
        item = add_interaction(session, device, customer_id, body, ctx.now())
        return 201, {"interaction": interaction_dict(item)}, {}

    return idempotent(request, ctx, device, work, body=body)


def feedback_dict(row: m.Feedback) -> dict[str, Any]:
    """The API shape of a feedback score."""
    return {
        "id": row.id,
        "store_id": row.store_id,
        "staff_id": row.staff_id,
        "subject": row.subject,
        "ref_id": row.ref_id,
        "score": row.score,
        "created_at": row.created_at.isoformat(),
    }


@router.post("/v1/feedback", status_code=201, responses=PROBLEMS)
def create_feedback(
    body: FeedbackIn,
    request: Request,
    ctx: ContextDep,
    device: DeviceDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """An effort score (1–5) for a pickup, return or sale (any role). Answers 201
    ``{"feedback", "interaction"}`` (the interaction when a customer was named, else null)."""

    def work(session: Session) -> Answer:
        row, item = record_feedback(session, device, body, ctx.now())
        payload = {
            "feedback": feedback_dict(row),
            "interaction": None if item is None else interaction_dict(item),
        }
        return 201, payload, {}

    return idempotent(request, ctx, device, work, body=body)
