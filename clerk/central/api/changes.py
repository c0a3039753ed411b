"""``GET /v1/stores/{store_id}/changes``: the store's change feed, in batches."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from clerk.central.deps import ContextDep, DeviceDep, SessionDep, require_own_store
from clerk.central.feed import read_changes_json

router = APIRouter(tags=["feed"])

MAX_SEQ = 2**62


class ChangeEntry(BaseModel):
    """One entity's full state after a change (``data`` is null for ``delete``)."""

    seq: int
    entity: str
    id: str
    op: str
    data: dict[str, Any] | None


class ChangePage(BaseModel):
    """A batch of the feed: apply ``changes`` in order, then ask again with ``next_after``."""

    changes: list[ChangeEntry]
    next_after: int
    has_more: bool


@router.get(
    "/v1/stores/{store_id}/changes",
    response_model=ChangePage,
    responses={
        404: {"description": "Another store's feed"},
        410: {"description": "Cursor too old: pull again from after=0"},
    },
)
def get_changes(
    store_id: str,
    ctx: ContextDep,
    device: DeviceDep,
    session: SessionDep,
    after: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
    limit: Annotated[int | None, Query(ge=1, le=100_000)] = None,
) -> Any:
    """Changes with ``seq > after`` in strictly increasing ``seq`` (at most ``limit``)."""
    require_own_store(device, store_id)
    batch_max = ctx.settings.feed_batch_max
    size = min(limit or batch_max, batch_max)
    # The stored JSON text of each entry goes out as it is: no decoding, no re-validation.
    body = read_changes_json(session, store_id, after, size)
    return Response(content=body, media_type="application/json")
