"""Who is signed in at this tablet, and what their role lets them open and do.

:class:`StaffSession` is the UI's one record of the signed-in staff member; screens ask it for
the acting :class:`~clerk.services.Actor` and whether a screen or action is allowed.  Roles
gate screens (sales: Counter, Returns; pickup: Pickup, Returns; manager: everything);
services check the role again, so a gate the UI forgot still refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from clerk.domain.entities import Role

if TYPE_CHECKING:
    from clerk.services import Actor, CustomerDirectory, ServiceContext
    from clerk.services.returns_desk import OrderDirectory
    from clerk.services.store_credit import CreditDirectory
    from clerk.ui.bridge import ServiceBridge, SyncBridge


class Screen(StrEnum):
    """The screens of the navigation rail, in rail order."""

    COUNTER = "counter"
    PICKUP = "pickup"
    RETURNS = "returns"
    RESERVATIONS = "reservations"
    TODAY = "today"
    ATTENTION = "attention"


# Each screen's line icon (resources/icons), on the rail and on the screen itself.
SCREEN_ICONS: dict[Screen, str] = {
    Screen.COUNTER: "counter",
    Screen.PICKUP: "pickup",
    Screen.RETURNS: "returns",
    Screen.RESERVATIONS: "reservations",
    Screen.TODAY: "today",
    Screen.ATTENTION: "attention",
}

SCREEN_ROLES: dict[Screen, frozenset[Role]] = {
    Screen.COUNTER: frozenset({Role.SALES, Role.MANAGER}),
    Screen.PICKUP: frozenset({Role.PICKUP, Role.MANAGER}),
    Screen.RETURNS: frozenset({Role.SALES, Role.PICKUP, Role.MANAGER}),
    Screen.RESERVATIONS: frozenset({Role.MANAGER}),
    Screen.TODAY: frozenset({Role.MANAGER}),
    Screen.ATTENTION: frozenset({Role.SALES, Role.PICKUP, Role.MANAGER}),
}


@dataclass(frozen=True)
class SignedInStaff:
    """The staff member at the tablet."""

    staff_id: str
    name: str
    role: Role


class StaffSession(QObject):
    """The signed-in staff member (or nobody) and whether the screen is locked.

    ``changed`` fires on sign-in, sign-out and lock/unlock.
    """

    changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._staff: SignedInStaff | None = None
        self._locked = False

    @property
    def staff(self) -> SignedInStaff | None:
        """Who signed in last (also while the screen is locked)."""
        return self._staff

    @property
    def locked(self) -> bool:
        """Whether the lock screen covers the work."""
        return self._locked

    @property
    def active(self) -> bool:
        """Someone is signed in and the screen is not locked."""
        return self._staff is not None and not self._locked

    def sign_in(self, staff: SignedInStaff) -> None:
        """``staff`` is at the tablet now, unlocked."""
        self._staff = staff
        self._locked = False
        self.changed.emit()

    def lock(self) -> None:
        """Cover the work; the same staff member (or anyone, after sign-out) unlocks."""
        if self._staff is not None and not self._locked:
            self._locked = True
            self.changed.emit()

    def sign_out(self) -> None:
        """Nobody is at the tablet; the work on screen is dropped."""
        self._staff = None
        self._locked = False
        self.changed.emit()

    def actor(self) -> Actor:
        """The signed-in staff member acting on this device (raises if nobody is)."""
        if self._staff is None:
            raise RuntimeError("nobody is signed in")
        return self._ctx.actor(self._staff.staff_id)

    def may_open(self, screen: Screen) -> bool:
        """Whether the signed-in staff member's role opens ``screen``."""
        return self._staff is not None and self._staff.role in SCREEN_ROLES[screen]

    @property
    def is_manager(self) -> bool:
        """Whether the signed-in staff member is a manager."""
        return self._staff is not None and self._staff.role == Role.MANAGER


@dataclass
class AppServices:
    """What screens are given by the composition root (nothing is looked up globally)."""

    ctx: ServiceContext
    bridge: ServiceBridge
    session: StaffSession
    sync: SyncBridge | None = None
    request_sync: Callable[[], None] = lambda: None
    # Central's customer directory (the sync engine): profiles and search outside the slice.
    directory: CustomerDirectory | None = None
    # Any order of any channel from central, with its returns (the sync engine): the Returns desk.
    orders: OrderDirectory | None = None
    # Store-credit balances from central (the sync engine): the checkout's store-credit tender.
    credits: CreditDirectory | None = None
    # The device's own private key (text), which signs the R code of the receipts it prints.
    receipt_key: str | None = None
