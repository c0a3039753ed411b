"""Who may do what: the acting staff member's role, checked against the local staff list.

The same matrix as central's (a manager may do everything): sales staff sell, return and
write notes; pickup staff run the pickup desk and take returns; managers also expire
pickups, manage reservations and override the return policy. Feedback is anyone's.
"""

from __future__ import annotations

from collections.abc import Iterable

from clerk.domain.entities import Role, Staff
from clerk.services.context import Actor
from clerk.services.errors import InvalidRequest, NotAllowed
from clerk.store import StoreUnit

__all__ = ["ANYONE", "MANAGER", "PICKUP", "SALES", "require_manager", "require_staff"]

SALES: frozenset[Role] = frozenset({Role.SALES, Role.MANAGER})
PICKUP: frozenset[Role] = frozenset({Role.PICKUP, Role.MANAGER})
ANYONE: frozenset[Role] = frozenset({Role.SALES, Role.PICKUP, Role.MANAGER})
MANAGER: frozenset[Role] = frozenset({Role.MANAGER})

_ROLE_NAMES = {Role.SALES: "sales", Role.PICKUP: "pickup", Role.MANAGER: "manager"}


def _member(unit: StoreUnit, staff_id: str, store_id: str) -> Staff:
    staff = unit.staff.get(staff_id)
    if staff is None or not staff.active or store_id not in staff.store_ids:
        raise NotAllowed(
            "unknown_staff",
            f"Staff member {staff_id!r} is not an active member of store {store_id}; "
            "sign in again or sync the tablet.",
        )
    return staff


def require_staff(unit: StoreUnit, actor: Actor, roles: Iterable[Role], doing: str) -> Staff:
    """The acting staff member, if active in the actor's store with one of ``roles``.

    ``doing`` names the action for the message ("sell", "release a pickup" …).
    """
    staff = _member(unit, actor.staff_id, actor.store_id)
    allowed = set(roles) | {Role.MANAGER}
    if Role(staff.role) not in allowed:
        names = " or ".join(sorted(_ROLE_NAMES[r] for r in allowed))
        raise NotAllowed(
            "role_not_allowed",
            f"{staff.name} ({_ROLE_NAMES[Role(staff.role)]}) may not {doing}; "
            f"ask a {names} staff member.",
        )
    return staff


def require_manager(unit: StoreUnit, store_id: str, manager_id: str | None, reason: str) -> Staff:
    """An override's manager: active in the store and a manager; the reason must be given."""
    if not manager_id:
        raise NotAllowed("override_manager_required", "An override needs a manager's approval.")
    if not reason.strip():
        raise InvalidRequest(
            "override_reason_required", "An override needs the manager's reason — type one in."
        )
    manager = _member(unit, manager_id, store_id)
    if Role(manager.role) != Role.MANAGER:
        raise NotAllowed(
            "role_not_allowed", f"{manager.name} is not a manager; only a manager may override."
        )
    return manager
