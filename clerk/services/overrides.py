"""The overrides and sensitive actions of a day, from this tablet's audit log (managers only).

Returns taken outside the policy with a manager's override, pickup holds expired, contact
details revealed, refused actions given up, and the changes to reservations: who did it,
when, to what, and why — each in the words the audit log kept. Attempts the tablet refused
are listed too (result "refused"), so a manager sees what was tried as well as what was done;
so are the manager approvals the tablet refused (a wrong PIN, a locked-out or not a manager:
kind ``manager_override``, by the staff member who asked, ``approved_by`` the manager whose
PIN was tried).  An approval given shows on the action it approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from clerk.services.context import Actor, ServiceContext
from clerk.services.effects import settings_of
from clerk.services.staff import MANAGER, require_staff
from clerk.services.today import day_bounds
from clerk.store.audit import AuditEntry

__all__ = ["KINDS", "OverrideKind", "SensitiveAction", "sensitive_actions"]

OverrideKind = Literal[
    "return_override",
    "manager_override",
    "expired_hold",
    "revealed_contact",
    "discarded",
    "reservation",
]
KINDS: tuple[OverrideKind, ...] = (
    "return_override",
    "manager_override",
    "expired_hold",
    "revealed_contact",
    "discarded",
    "reservation",
)

_ACTIONS: dict[str, OverrideKind] = {
    "create_return": "return_override",
    "manager_override": "manager_override",
    "expire_pickup": "expired_hold",
    "reveal_contact": "revealed_contact",
    "discard_attention": "discarded",
    "extend_reservation": "reservation",
    "cancel_reservation": "reservation",
    "collect_reservation": "reservation",
}


@dataclass(frozen=True)
class SensitiveAction:
    """One audited action the manager answers for."""

    at: datetime
    kind: OverrideKind
    action: str  # the audit log's action name
    staff_id: str
    staff_name: str
    target: str  # what it was done to: "order:…", "customer:…", "reservation:…"
    why: str  # the reason given, if any
    detail: dict[str, Any]
    result: str  # queued, done, discarded or refused
    approved_by: str = ""  # an override's manager, by name


def _why(entry: AuditEntry) -> str:
    detail = entry.detail
    override = detail.get("override")
    if isinstance(override, dict) and isinstance(override.get("reason"), str):
        return str(override["reason"])
    for key in ("reason", "why", "message"):
        value = detail.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


def _kind(entry: AuditEntry) -> OverrideKind | None:
    name = _ACTIONS.get(entry.action)
    if name == "return_override" and "override" not in entry.detail:
        return None  # a return within the policy is no exception
    if name == "manager_override" and entry.result == "ok":
        return None  # an approval given shows on the action it approved
    return name


def _people(entry: AuditEntry) -> tuple[str, str]:
    """Who did it, and the manager who approved it (or whose approval was refused)."""
    if entry.action == "manager_override":
        asked = entry.detail.get("requested_by")
        return (str(asked) if asked else entry.staff_id or ""), entry.staff_id or ""
    override = entry.detail.get("override")
    manager = override.get("manager_id", "") if isinstance(override, dict) else ""
    return entry.staff_id or "", str(manager) if manager else ""


def sensitive_actions(
    ctx: ServiceContext,
    actor: Actor,
    day: date | None = None,
    *,
    staff_id: str | None = None,
    kind: OverrideKind | None = None,
) -> list[SensitiveAction]:
    """The day's overrides and sensitive actions on this tablet, newest first, optionally of
    one staff member or one kind."""
    moment = ctx.clock.now()
    with ctx.store.unit(read_only=True) as unit:
        require_staff(unit, actor, MANAGER, "see the overrides")
        zone = ZoneInfo(settings_of(unit, ctx.store_id).timezone)
        start, end = day_bounds(day or moment.astimezone(zone).date(), zone)
        entries = unit.audit.between(start, end, _ACTIONS)
        names = {s.id: s.name for s in unit.staff.active_for_store(ctx.store_id)}
        found: list[SensitiveAction] = []
        for entry in entries:
            which = _kind(entry)
            if which is None or (kind is not None and which != kind):
                continue
            who, manager = _people(entry)
            if staff_id is not None and who != staff_id:
                continue
            for person in (who, manager):
                if person and person not in names:
                    member = unit.staff.get(person)
                    names[person] = member.name if member is not None else person
            found.append(
                SensitiveAction(
                    at=entry.at,
                    kind=which,
                    action=entry.action,
                    staff_id=who,
                    staff_name=names.get(who, who),
                    target=entry.target or "",
                    why=_why(entry),
                    detail=entry.detail,
                    result=entry.result,
                    approved_by=names.get(manager, "") if manager else "",
                )
            )
    found.reverse()  # the log is read oldest first (time, then entry order)
    return found
