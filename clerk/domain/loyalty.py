"""Loyalty rules: earning by tier, redeeming in blocks, reversing on returns, visit bonuses.

Earn 1 point per whole PLN paid (Silver x1.25, Gold x1.5); redeem in blocks of 100 points =
5 PLN; a return reverses the points earned on the returned part exactly once; one store-visit
bonus per customer per day.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, Decimal

from clerk.domain.entities import Tier
from clerk.domain.errors import RedemptionError
from clerk.domain.money import Money

__all__ = [
    "BLOCK_VALUE",
    "POINTS_PER_BLOCK",
    "POINT_VALUE",
    "TIER_MULTIPLIER",
    "VISIT_BONUS_POINTS",
    "max_redeemable_points",
    "points_earned",
    "points_for_value",
    "points_to_reverse",
    "redemption_value",
    "validate_redemption",
    "visit_bonus_due",
]

POINTS_PER_BLOCK = 100
BLOCK_VALUE = Money("5.00")
# What one point is worth when redeemed (and when a points payment is refunded).
POINT_VALUE_DECIMAL = BLOCK_VALUE.amount / POINTS_PER_BLOCK
POINT_VALUE = Money(POINT_VALUE_DECIMAL)
TIER_MULTIPLIER: dict[Tier, Decimal] = {
    Tier.BASIC: Decimal("1"),
    Tier.SILVER: Decimal("1.25"),
    Tier.GOLD: Decimal("1.5"),
}
VISIT_BONUS_POINTS = 10


def _floor(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def points_earned(paid: Money, tier: Tier) -> int:
    """Points for a purchase: whole PLN paid times the tier multiplier, rounded down.

    ``paid`` must exclude what was paid with points (points do not earn points).
    Nothing paid, or a negative amount, earns nothing.
    """
    whole = max(_floor(paid.amount), 0)
    return _floor(whole * TIER_MULTIPLIER[Tier(tier)])


def redemption_value(points: int) -> Money:
    """What ``points`` are worth at the till; only whole blocks of 100 can be redeemed."""
    if points < 0:
        raise RedemptionError("negative", "Points to redeem cannot be negative.")
    if points % POINTS_PER_BLOCK:
        raise RedemptionError(
            "not_a_block",
            f"Points are redeemed in blocks of {POINTS_PER_BLOCK}; {points} is not one.",
            {"block": POINTS_PER_BLOCK, "points": points},
        )
    return BLOCK_VALUE * (points // POINTS_PER_BLOCK)


def points_for_value(value: Money) -> int:
    """How many points ``value`` stands for at the redemption rate, rounded down."""
    return _floor(value.amount / POINT_VALUE_DECIMAL)


def max_redeemable_points(balance: int, total: Money) -> int:
    """The most points (whole blocks) the customer can redeem on a basket of ``total``."""
    by_balance = max(balance, 0) // POINTS_PER_BLOCK
    by_total = max(_floor(total.amount / BLOCK_VALUE.amount), 0)
    return min(by_balance, by_total) * POINTS_PER_BLOCK


def validate_redemption(points: int, balance: int, total: Money) -> Money:
    """Check a redemption of ``points`` against the balance and basket; return its value.

    Raises RedemptionError with code ``negative``, ``not_a_block``, ``insufficient_points`` or
    ``exceeds_total``.
    """
    value = redemption_value(points)
    if points > balance:
        raise RedemptionError(
            "insufficient_points",
            f"The customer has {balance} points; {points} cannot be redeemed.",
            {"balance": balance, "points": points},
        )
    if value > total:
        raise RedemptionError(
            "exceeds_total",
            f"{points} points are worth more than the basket; redeem at most "
            f"{max_redeemable_points(balance, total)}.",
            {"most": max_redeemable_points(balance, total)},
        )
    return value


def points_to_reverse(
    order_points_earned: int,
    order_eligible_paid: Money,
    returned_amount: Money,
    already_reversed: int,
    fully_returned: bool,
) -> int:
    """Points to take back for a return: the returned share of the points earned, rounded down.

    ``order_eligible_paid`` is what earned points (paid without points); ``returned_amount`` is
    the part of it this return gives back. When the order ends fully returned the rest is taken,
    so the sum reversed over all returns is exactly the points earned, never more.
    """
    left = max(order_points_earned - already_reversed, 0)
    if fully_returned:
        return left
    if order_eligible_paid.amount <= 0 or returned_amount.amount <= 0:
        return 0
    share = _floor(order_points_earned * returned_amount.amount / order_eligible_paid.amount)
    return min(share, left)


def visit_bonus_due(last_bonus_day: date | None, today: date) -> bool:
    """True when the customer has not had today's store-visit bonus yet (days in store time)."""
    return last_bonus_day is None or last_bonus_day < today
