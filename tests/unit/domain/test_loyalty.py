"""Loyalty: earning by tier, redeeming in blocks, reversing once, the daily visit bonus."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk.domain.entities import Tier
from clerk.domain.errors import RedemptionError
from clerk.domain.loyalty import (
    BLOCK_VALUE,
    POINT_VALUE,
    POINTS_PER_BLOCK,
    TIER_MULTIPLIER,
    VISIT_BONUS_POINTS,
    max_redeemable_points,
    points_earned,
    points_for_value,
    points_to_reverse,
    redemption_value,
    validate_redemption,
    visit_bonus_due,
)
from clerk.domain.money import Money


def test_constants() -> None:
    assert POINTS_PER_BLOCK == 100
    assert Money.of("5.00") == BLOCK_VALUE
    assert Money.of("0.05") == POINT_VALUE
    assert VISIT_BONUS_POINTS == 10
    assert set(TIER_MULTIPLIER) == set(Tier)


@pytest.mark.parametrize(
    ("paid", "tier", "expected"),
    [
        ("0", Tier.BASIC, 0),
        ("0.99", Tier.BASIC, 0),
        ("99.99", Tier.BASIC, 99),
        ("100.00", Tier.SILVER, 125),
        ("101.00", Tier.SILVER, 126),  # 126.25 floored
        ("3.00", Tier.SILVER, 3),  # 3.75 floored
        ("99.99", Tier.GOLD, 148),  # 99 * 1.5 = 148.5
        ("-10.00", Tier.GOLD, 0),
    ],
)
def test_points_earned(paid: str, tier: Tier, expected: int) -> None:
    assert points_earned(Money.of(paid), tier) == expected


def test_redemption_value() -> None:
    assert redemption_value(0) == Money.zero()
    assert redemption_value(100) == Money.of("5.00")
    assert redemption_value(1500) == Money.of("75.00")
    with pytest.raises(RedemptionError) as info:
        redemption_value(150)
    assert info.value.code == "not_a_block"
    with pytest.raises(RedemptionError) as info:
        redemption_value(-100)
    assert info.value.code == "negative"


def test_points_for_value() -> None:
    assert points_for_value(Money.of("5.00")) == 100
    assert points_for_value(Money.of("0.07")) == 1
    assert points_for_value(Money.of("2.49")) == 49


@pytest.mark.parametrize(
    ("balance", "total", "expected"),
    [
        (0, "100", 0),
        (99, "100", 0),
        (250, "100", 200),
        (5000, "12.49", 200),
        (5000, "15.00", 300),
        (-50, "100", 0),
        (500, "0", 0),
    ],
)
def test_max_redeemable_points(balance: int, total: str, expected: int) -> None:
    assert max_redeemable_points(balance, Money.of(total)) == expected


def test_validate_redemption() -> None:
    assert validate_redemption(200, 250, Money.of("100")) == Money.of("10.00")
    cases = [
        (-100, 500, "100", "negative"),
        (50, 500, "100", "not_a_block"),
        (300, 250, "100", "insufficient_points"),
        (300, 500, "14.99", "exceeds_total"),
    ]
    for points, balance, total, code in cases:
        with pytest.raises(RedemptionError) as info:
            validate_redemption(points, balance, Money.of(total))
        assert info.value.code == code
        assert info.value.message


def test_points_to_reverse_proportional_and_final() -> None:
    paid = Money.of("100.00")
    assert points_to_reverse(150, paid, Money.of("33.33"), 0, False) == 49  # 49.995 floored
    assert points_to_reverse(150, paid, Money.of("33.33"), 49, False) == 49
    assert points_to_reverse(150, paid, Money.of("33.34"), 98, True) == 52
    assert points_to_reverse(150, paid, Money.of("10.00"), 150, True) == 0
    assert (
        points_to_reverse(150, paid, Money.of("10.00"), 145, False) == 5
    )  # capped at what is left
    assert points_to_reverse(0, paid, paid, 0, True) == 0
    assert points_to_reverse(10, Money.zero(), Money.of(1), 0, False) == 0


def test_visit_bonus_due_once_a_day() -> None:
    today = date(2026, 3, 1)
    assert visit_bonus_due(None, today)
    assert visit_bonus_due(date(2026, 2, 28), today)
    assert not visit_bonus_due(today, today)


@settings(max_examples=150, deadline=None)
@given(
    earned=st.integers(min_value=0, max_value=100_000),
    parts=st.lists(st.integers(min_value=1, max_value=100_000), min_size=1, max_size=8),
)
def test_reversal_in_parts_ends_exactly_at_earned(earned: int, parts: list[int]) -> None:
    eligible = Money.from_cents(sum(parts))
    reversed_so_far = 0
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        step = points_to_reverse(earned, eligible, Money.from_cents(part), reversed_so_far, last)
        assert step >= 0
        reversed_so_far += step
        assert reversed_so_far <= earned
    assert reversed_so_far == earned
    # Once everything is reversed, nothing more ever is.
    assert points_to_reverse(earned, eligible, eligible, reversed_so_far, True) == 0


@settings(max_examples=100, deadline=None)
@given(
    balance=st.integers(min_value=0, max_value=100_000),
    total=st.integers(min_value=0, max_value=10_000_000),
)
def test_max_redeemable_is_always_valid(balance: int, total: int) -> None:
    money = Money.from_cents(total)
    points = max_redeemable_points(balance, money)
    assert validate_redemption(points, balance, money) <= money
    bigger = points + POINTS_PER_BLOCK
    with pytest.raises(RedemptionError):
        validate_redemption(bigger, balance, money)
