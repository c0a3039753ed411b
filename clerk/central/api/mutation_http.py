"""HTTP plumbing shared by the mutation routers: ``If-Match``, ids in paths, answers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Header, Path

from clerk.central import models as m
from clerk.central.problems import bad_request
from clerk.central.serialize import etag, order_dict, parse_if_match

Answer = tuple[int, dict[str, Any], dict[str, str]]

PathId = Annotated[str, Path(min_length=1, max_length=48)]
IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=40,
        description='The version you saw (the ETag, e.g. "3"); a stale one gets 412.',
    ),
]

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=100,
        description="Required: a unique key per intended change; a retry with the same key "
        "and body gets the first answer again (missing → 400).",
    ),
]

PROBLEMS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Missing Idempotency-Key, malformed JSON or If-Match"},
    401: {"description": "No valid device token"},
    403: {"description": "The staff member may not do this (unknown-staff, role-not-allowed)"},
    404: {"description": "No such entity (or not visible to this device)"},
    409: {"description": "Impossible in the current state, or idempotency key in progress"},
    412: {"description": "Stale If-Match (version-mismatch)"},
    422: {"description": "Invalid body, or refused by a business rule"},
}


def expected_version(value: str | None) -> int | None:
    """The version an ``If-Match`` header names; 400 ``bad-if-match`` if it names none."""
    try:
        return parse_if_match(value)
    except ValueError:
        raise bad_request(
            "bad-if-match", 'If-Match must be the ETag you received, e.g. "3".'
        ) from None


def order_answer(order: m.Order, status: int = 200, extra: dict[str, Any] | None = None) -> Answer:
    """``{"order": …, **extra}`` with the order's ETag."""
    return status, {"order": order_dict(order), **(extra or {})}, {"ETag": etag(order.version)}
