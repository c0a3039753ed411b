"""Pickup holds (7 days, reminder 2 days before) and reservation holds (48 h, up to 7 days)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clerk.domain.errors import HoldError
from clerk.domain.holds import HoldUrgency, PickupHoldPolicy, ReservationHoldPolicy

T0 = datetime(2026, 3, 1, 12, tzinfo=UTC)


def test_pickup_hold_until_and_urgency() -> None:
    policy = PickupHoldPolicy()
    until = policy.hold_until(T0)
    assert until == T0 + timedelta(days=7)
    assert policy.urgency(until, T0) is HoldUrgency.OK
    assert not policy.reminder_due(until, until - timedelta(days=2, seconds=1))
    assert policy.reminder_due(until, until - timedelta(days=2))
    assert policy.urgency(until, until - timedelta(hours=1)) is HoldUrgency.EXPIRING
    assert not policy.is_overdue(until, until - timedelta(seconds=1))
    assert policy.is_overdue(until, until)
    assert not policy.reminder_due(until, until)
    assert policy.urgency(until, until + timedelta(days=1)) is HoldUrgency.OVERDUE


def test_pickup_hold_respects_store_settings() -> None:
    policy = PickupHoldPolicy(hold_days=3, reminder_days_before=1)
    until = policy.hold_until(T0)
    assert until == T0 + timedelta(days=3)
    assert policy.urgency(until, T0 + timedelta(days=2)) is HoldUrgency.EXPIRING


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2026, 3, 1, 12)
    with pytest.raises(ValueError, match="aware"):
        PickupHoldPolicy().hold_until(naive)
    with pytest.raises(ValueError, match="aware"):
        PickupHoldPolicy().is_overdue(T0, naive)
    with pytest.raises(ValueError, match="aware"):
        ReservationHoldPolicy().hold_until(naive)


def test_reservation_hold() -> None:
    policy = ReservationHoldPolicy()
    assert policy.hold_until(T0) == T0 + timedelta(hours=48)
    now = T0 + timedelta(hours=40)
    new_until = T0 + timedelta(days=5)
    assert policy.validate_extension(T0, new_until, now) == new_until
    assert policy.validate_extension(T0, T0 + timedelta(days=7), now) == T0 + timedelta(days=7)


def test_reservation_extension_limits() -> None:
    policy = ReservationHoldPolicy()
    now = T0 + timedelta(hours=40)
    with pytest.raises(HoldError) as info:
        policy.validate_extension(T0, T0 + timedelta(days=7, seconds=1), now)
    assert info.value.code == "extension_too_long"
    with pytest.raises(HoldError) as info:
        policy.validate_extension(T0, now - timedelta(minutes=1), now)
    assert info.value.code == "in_the_past"
    with pytest.raises(HoldError) as info:
        policy.validate_extension(T0, now, now)
    assert info.value.code == "in_the_past"
