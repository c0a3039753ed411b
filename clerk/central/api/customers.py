"""``GET /v1/customers?q=`` and ``GET /v1/customers/{id}/profile`` (the customer 360).

Customers belong to the brand, not to a store: any enrolled device may find them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from clerk.central import models as m
from clerk.central.deps import DeviceDep, SessionDep
from clerk.central.problems import bad_request, not_found
from clerk.central.profile import TIMELINE_LIMIT, customer_profile
from clerk.central.search import search_customers
from clerk.central.serialize import customer_dict

router = APIRouter(tags=["customers"])


@router.get("/v1/customers")
def find_customers(
    session: SessionDep,
    device: DeviceDep,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Any:
    """Customers by name words, phone, e-mail or loyalty card number."""
    found = search_customers(session, q, limit)
    return JSONResponse({"customers": [customer_dict(c) for c in found], "count": len(found)})


@router.get("/v1/customers/{customer_id}", responses={404: {"description": "No such customer"}})
def get_customer(customer_id: str, session: SessionDep, device: DeviceDep) -> Any:
    """One customer's profile data."""
    customer = session.get(m.Customer, customer_id)
    if customer is None:
        raise not_found("customer", f"No customer {customer_id}.")
    return JSONResponse(customer_dict(customer))


@router.get(
    "/v1/customers/{customer_id}/profile", responses={404: {"description": "No such customer"}}
)
def get_profile(
    customer_id: str,
    session: SessionDep,
    device: DeviceDep,
    before: Annotated[datetime | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=TIMELINE_LIMIT)] = TIMELINE_LIMIT,
) -> Any:
    """The customer 360: profile, timeline (newest first; page with ``before``), the online
    cart with prices and stock in this device's store, and the open items here."""
    if before is not None and before.tzinfo is None:
        raise bad_request("naive-datetime", "before must carry a UTC offset.")
    customer = session.get(m.Customer, customer_id)
    if customer is None:
        raise not_found("customer", f"No customer {customer_id}.")
    return JSONResponse(customer_profile(session, customer, device.store_id, before, limit))
