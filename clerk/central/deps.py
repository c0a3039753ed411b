"""FastAPI dependencies: the context, a session per request, the calling device, staff checks.

Route handlers declare what they need with the ``*Dep`` aliases, e.g.::

    @router.get("/v1/things/{id}")
    def get_thing(id: str, session: SessionDep, device: DeviceDep) -> dict[str, Any]: ...

Reads use :data:`SessionDep` (one session per request, committed when the handler
returns).  State-changing POSTs go through :func:`clerk.central.idempotency.idempotent`,
which opens its own transaction, so they take :data:`ContextDep` instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk.central.auth import DeviceContext, authenticate_device, hash_token
from clerk.central.clock import Clock
from clerk.central.context import CentralContext
from clerk.central.models import Staff, StaffStore
from clerk.central.problems import Problem, forbidden, not_found, unprocessable


def central_context(request: Request) -> CentralContext:
    """The service's composition root, kept on ``app.state.central``."""
    ctx = request.app.state.central
    assert isinstance(ctx, CentralContext)
    return ctx


ContextDep = Annotated[CentralContext, Depends(central_context)]


def db_session(ctx: ContextDep) -> Iterator[Session]:
    """One session for the request: committed if the handler returns, rolled back otherwise."""
    with ctx.session_factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


SessionDep = Annotated[Session, Depends(db_session)]


def clock(ctx: ContextDep) -> Clock:
    """The service clock (a fixed one in tests)."""
    return ctx.clock


ClockDep = Annotated[Clock, Depends(clock)]


_bearer = HTTPBearer(auto_error=False, description="The device token from enrollment")


def current_device(
    ctx: ContextDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> DeviceContext:
    """Authenticate the ``Authorization: Bearer`` token: 401 if missing, unknown or revoked."""
    token = credentials.credentials if credentials is not None else None
    with ctx.session_factory() as session:
        return authenticate_device(session, token)


DeviceDep = Annotated[DeviceContext, Depends(current_device)]


def require_own_store(device: DeviceContext, store_id: str) -> None:
    """Store-scoped resources of another store are invisible: 404, not 403."""
    if device.store_id != store_id:
        raise not_found("store", f"Store {store_id} is not visible to this device.")


MANAGER = "manager"


def require_staff(session: Session, store_id: str, staff_id: str, roles: set[str]) -> Staff:
    """The active staff member ``staff_id`` of ``store_id`` whose role is one of ``roles``.

    A manager may do everything.  Unknown, inactive or other-store staff → 403
    ``unknown-staff``; a role that may not do this → 403 ``role-not-allowed``.
    """
    staff = session.execute(
        select(Staff)
        .join(StaffStore, StaffStore.staff_id == Staff.id)
        .where(Staff.id == staff_id, StaffStore.store_id == store_id)
    ).scalar_one_or_none()
    if staff is None or not staff.active:
        raise forbidden(
            "unknown-staff",
            f"Staff member {staff_id!r} is not an active member of store {store_id}.",
        )
    if staff.role != MANAGER and staff.role not in roles:
        allowed = ", ".join(sorted(roles | {MANAGER}))
        raise forbidden(
            "role-not-allowed",
            f"A {staff.role} may not do this; it needs one of: {allowed}.",
            role=staff.role,
            allowed_roles=sorted(roles | {MANAGER}),
        )
    return staff


def require_manager_override(
    session: Session, store_id: str, manager_id: str | None, reason: str | None
) -> Staff:
    """An override needs an active manager of the store and a non-empty reason."""
    if not manager_id:
        raise forbidden("override-manager-required", "An override needs a manager's id.")
    if reason is None or not reason.strip():
        raise unprocessable("override-reason-required", "An override needs the manager's reason.")
    staff = require_staff(session, store_id, manager_id, {MANAGER})
    if staff.role != MANAGER:
        raise forbidden("role-not-allowed", "Only a manager may override the policy.")
    return staff


__all__ = [
    "MANAGER",
    "ClockDep",
    "ContextDep",
    "DeviceContext",
    "DeviceDep",
    "Problem",
    "SessionDep",
    "central_context",
    "clock",
    "current_device",
    "db_session",
    "hash_token",
    "require_manager_override",
    "require_own_store",
    "require_staff",
]
