"""``GET /healthz``: liveness and database reachability, no authentication."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import text

from clerk.central.deps import ContextDep
from clerk.central.problems import Problem

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(ctx: ContextDep) -> dict[str, Any]:
    """The service is up and its database answers."""
    try:
        with ctx.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        raise Problem(503, "database-unavailable", None, "The database does not answer.") from exc
    return {"status": "ok", "time": ctx.now().isoformat()}
