"""Signing in with a PIN, and a manager's PIN approving an override — offline, with a lockout.

PINs are checked against the Argon2id hashes central syncs with the staff list, so signing in
works without the network. Five wrong PINs in a row lock that staff member out for a minute
(the count is per staff member and shared by sign-in and overrides); while locked, even the
right PIN is refused. Every attempt is audited with its result, never with the PIN.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from clerk.domain.entities import Role, Staff
from clerk.domain.errors import DomainError
from clerk.services.context import ServiceContext
from clerk.services.errors import InvalidRequest, NotAllowed
from clerk.services.returns import REASON_MAX, ManagerOverride
from clerk.store import NewAuditEntry

__all__ = ["PinGate", "StaffLockedOut", "WrongPin"]

PIN_MAX = 64  # longer input is not a PIN; refuse before hashing it


class WrongPin(DomainError):
    """The PIN does not match; ``attempts_left`` more wrong ones lock the staff member out."""

    def __init__(self, attempts_left: int) -> None:
        super().__init__(
            "wrong_pin",
            f"Wrong PIN. {attempts_left} more wrong PIN(s) lock this staff member out for a "
            "while; type it again carefully.",
            {"attempts": attempts_left},
        )
        self.attempts_left = attempts_left


class StaffLockedOut(DomainError):
    """Too many wrong PINs: no PIN of this staff member is accepted ``until`` then."""

    def __init__(self, staff_id: str, until: datetime, now: datetime) -> None:
        seconds = max(1, round((until - now).total_seconds()))
        super().__init__(
            "staff_locked_out",
            f"Too many wrong PINs for this staff member; wait {seconds} seconds, then try again.",
            {"seconds": seconds},
        )
        self.staff_id = staff_id
        self.until = until


@dataclass
class _Tries:
    wrong: int = 0
    locked_until: datetime | None = None


class PinGate:
    """Checks staff PINs on this tablet, with a per-staff lockout. Safe to call from any thread.

    The counts live in memory: restarting the app clears them (the audit log keeps every try).
    """

    def __init__(
        self,
        ctx: ServiceContext,
        *,
        max_attempts: int = 5,
        lockout: timedelta = timedelta(minutes=1),
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.ctx = ctx
        self.max_attempts = max_attempts
        self.lockout = lockout
        self._hasher = PasswordHasher()
        self._tries: dict[str, _Tries] = {}
        # One check at a time: two quick tries on two threads must not both see "4 wrong".
        self._lock = threading.Lock()

    def locked_until(self, staff_id: str) -> datetime | None:
        """When the staff member's lockout ends; None if they are not locked out now."""
        with self._lock:
            return self._locked_until(staff_id, self.ctx.clock.now())

    def sign_in(self, staff_id: str, pin: str) -> Staff:
        """The staff member, if ``pin`` is theirs and they are active in this store.

        Raises :class:`WrongPin`, :class:`StaffLockedOut`, or
        :class:`~clerk.services.errors.NotAllowed` (``unknown_staff``, ``pin_unusable``).
        """
        with self._lock:
            staff, refusal = self._member(staff_id)
            result, error = "not_allowed", refusal
            if staff is not None:
                result, error = self._check(staff, pin)
            self._audit(staff_id, "sign_in", staff_id, _detail({}, error), result)
        if error is not None:
            raise error
        assert staff is not None
        return staff

    def verify_override(
        self,
        manager_id: str,
        pin: str,
        reason: str,
        action: str,
        target: str | None,
        *,
        requested_by: str | None = None,
    ) -> ManagerOverride:
        """A manager's approval of ``action`` on ``target`` with their PIN and a reason.

        The same PIN check and lockout as :meth:`sign_in`; ``requested_by`` is the signed-in
        staff member asking, for the audit. Raises :class:`WrongPin`, :class:`StaffLockedOut`,
        :class:`~clerk.services.errors.NotAllowed` (``unknown_staff``, ``role_not_allowed``,
        ``override_manager_required``) or :class:`~clerk.services.errors.InvalidRequest`
        (``override_reason_required``, ``override_reason_too_long``).
        """
        reason = reason.strip()
        if not manager_id:
            raise NotAllowed("override_manager_required", "An override needs a manager's approval.")
        if not reason:
            raise InvalidRequest(
                "override_reason_required", "An override needs the manager's reason — type one in."
            )
        if len(reason) > REASON_MAX:
            raise InvalidRequest(
                "override_reason_too_long", f"Keep the reason under {REASON_MAX} characters."
            )
        detail: dict[str, Any] = {"action": action, "reason": reason}
        if requested_by is not None:
            detail["requested_by"] = requested_by
        with self._lock:
            manager, refusal = self._member(manager_id)
            result, error = "not_allowed", refusal
            if manager is not None and Role(manager.role) != Role.MANAGER:
                result, error = (
                    "not_allowed",
                    NotAllowed(
                        "role_not_allowed",
                        f"{manager.name} is not a manager; only a manager may override.",
                    ),
                )
            elif manager is not None:
                result, error = self._check(manager, pin)
            self._audit(manager_id, "manager_override", target, _detail(detail, error), result)
        if error is not None:
            raise error
        return ManagerOverride(manager_id=manager_id, reason=reason)

    # -- the machinery (called with the lock held) ------------------------------------------

    def _member(self, staff_id: str) -> tuple[Staff | None, DomainError | None]:
        """The staff member if active in this store, else the refusal."""
        with self.ctx.store.unit(read_only=True) as unit:
            staff = unit.staff.get(staff_id)
        if staff is None or not staff.active or self.ctx.store_id not in staff.store_ids:
            return None, NotAllowed(
                "unknown_staff",
                f"Staff member {staff_id!r} is not an active member of store "
                f"{self.ctx.store_id}; choose another name or sync the tablet.",
            )
        return staff, None

    def _locked_until(self, staff_id: str, now: datetime) -> datetime | None:
        tries = self._tries.get(staff_id)
        if tries is None or tries.locked_until is None:
            return None
        if now >= tries.locked_until:
            tries.locked_until = None
            return None
        return tries.locked_until

    def _check(self, staff: Staff, pin: str) -> tuple[str, DomainError | None]:
        """The audit result of trying ``pin`` and the error to raise (None: it is theirs)."""
        now = self.ctx.clock.now()
        until = self._locked_until(staff.id, now)
        if until is not None:
            return "locked_out", StaffLockedOut(staff.id, until, now)
        try:
            matches = self._matches(staff, pin)
        except NotAllowed as unusable:
            return unusable.code, unusable
        if matches:
            self._tries.pop(staff.id, None)
            return "ok", None
        tries = self._tries.setdefault(staff.id, _Tries())
        tries.wrong += 1
        if tries.wrong >= self.max_attempts:
            tries.wrong = 0
            tries.locked_until = now + self.lockout
            return "wrong_pin", StaffLockedOut(staff.id, tries.locked_until, now)
        return "wrong_pin", WrongPin(self.max_attempts - tries.wrong)

    def _matches(self, staff: Staff, pin: str) -> bool:
        if not pin or len(pin) > PIN_MAX:
            return False
        try:
            return self._hasher.verify(staff.pin_hash, pin)
        except VerifyMismatchError:
            return False
        except (InvalidHashError, VerificationError) as exc:
            raise NotAllowed(
                "pin_unusable",
                f"The PIN of {staff.name} cannot be checked on this tablet; sync the tablet, "
                "or ask a manager to set the PIN again.",
            ) from exc

    def _audit(
        self,
        staff_id: str,
        action: str,
        target: str | None,
        detail: dict[str, Any],
        result: str,
    ) -> None:
        entry = NewAuditEntry(
            at=self.ctx.clock.now(),
            staff_id=staff_id,
            device_id=self.ctx.device_id,
            action=action,
            target=target,
            detail=detail,
            result=result,
            command_id=None,
        )
        with self.ctx.store.unit() as unit:
            unit.audit.record(entry)


def _detail(detail: dict[str, Any], error: DomainError | None) -> dict[str, Any]:
    """The audit detail of a try: the refusal's code, and when a lockout ends."""
    if error is None:
        return detail
    extra: dict[str, Any] = {"refused": error.code}
    if isinstance(error, StaffLockedOut):
        extra["locked_until"] = error.until.isoformat()
    return detail | extra
