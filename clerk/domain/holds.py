"""How long goods wait: pickup holds on the shelf and reserve-in-store holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from clerk.domain._codec import require_aware
from clerk.domain.errors import HoldError

__all__ = ["HoldUrgency", "PickupHoldPolicy", "ReservationHoldPolicy"]


class HoldUrgency(StrEnum):
    """How soon a ready pickup needs attention."""

    OK = "ok"
    EXPIRING = "expiring"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class PickupHoldPolicy:
    """Ready orders wait ``hold_days``; a reminder goes ``reminder_days_before`` the end."""

    hold_days: int = 7
    reminder_days_before: int = 2

    def hold_until(self, ready_at: datetime) -> datetime:
        """When the hold of an order made ready at ``ready_at`` ends."""
        return require_aware(ready_at, "ready_at") + timedelta(days=self.hold_days)

    def reminder_due(self, hold_until: datetime, now: datetime) -> bool:
        """True inside the reminder window: the hold ends soon but has not ended yet."""
        start = require_aware(hold_until, "hold_until") - timedelta(days=self.reminder_days_before)
        return start <= require_aware(now, "now") < hold_until

    def is_overdue(self, hold_until: datetime, now: datetime) -> bool:
        """True once the hold has ended (the order may be expired and refunded)."""
        return require_aware(now, "now") >= require_aware(hold_until, "hold_until")

    def urgency(self, hold_until: datetime, now: datetime) -> HoldUrgency:
        """ok, expiring (reminder window) or overdue, for the pickup list."""
        if self.is_overdue(hold_until, now):
            return HoldUrgency.OVERDUE
        if self.reminder_due(hold_until, now):
            return HoldUrgency.EXPIRING
        return HoldUrgency.OK


@dataclass(frozen=True)
class ReservationHoldPolicy:
    """Reservations are held ``hold_hours``; a manager may extend up to ``max_days`` in total."""

    hold_hours: int = 48
    max_days: int = 7

    def hold_until(self, created_at: datetime) -> datetime:
        """When a reservation made at ``created_at`` stops being held."""
        return require_aware(created_at, "created_at") + timedelta(hours=self.hold_hours)

    def latest_until(self, created_at: datetime) -> datetime:
        """The furthest a reservation made at ``created_at`` can be extended."""
        return require_aware(created_at, "created_at") + timedelta(days=self.max_days)

    def validate_extension(
        self, created_at: datetime, new_until: datetime, now: datetime
    ) -> datetime:
        """Check a new end of hold; return it, or raise HoldError.

        Codes: ``in_the_past`` (not after ``now``), ``extension_too_long`` (beyond
        ``created_at`` + ``max_days``).
        """
        require_aware(new_until, "new_until")
        if new_until <= require_aware(now, "now"):
            raise HoldError("in_the_past", "The new hold end is in the past — pick a later time.")
        latest = self.latest_until(created_at)
        if new_until > latest:
            raise HoldError(
                "extension_too_long",
                f"A reservation can be held at most {self.max_days} days from when it was made "
                f"(until {latest.isoformat(timespec='minutes')}).",
                {"days": self.max_days},
            )
        return new_until
