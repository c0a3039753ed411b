"""``GET /v1/store-credits/{code}``: what is left on a store-credit code."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse

from clerk.central.deps import DeviceDep, SessionDep
from clerk.central.ops.store_credit import credit_balance
from clerk.central.problems import not_found

router = APIRouter(tags=["store credit"])


@router.get("/v1/store-credits/{code}", responses={404: {"description": "No such store credit"}})
def get_store_credit(
    code: Annotated[str, Path(min_length=1, max_length=64)],
    session: SessionDep,
    device: DeviceDep,
) -> Any:
    """A store-credit code's ``{code, customer_id, issued, spent, balance}`` (amounts as
    decimal strings): issued by the returns refunded as store credit under it, spent by the
    sales paid with it."""
    found = credit_balance(session, code)
    if found is None:
        raise not_found("store credit", f"No store credit has the code {code}.")
    return JSONResponse(found.to_dict())
