"""Clerk's domain core: money, entities, policies, signed tokens and scans; pure Python.

No Qt, no SQL, no HTTP: the central service and the app both call these, so a rule is written
once. Import from the modules (``clerk.domain.money``, ``clerk.domain.returns`` …); the most used
names are re-exported here for convenience.
"""

from clerk.domain.errors import (
    DomainError,
    HoldError,
    RedemptionError,
    ReturnNotAllowed,
    ScanRejected,
    ScanRejection,
    TokenError,
    TokenRejection,
)
from clerk.domain.money import Money, allocate, format_money

__all__ = [
    "DomainError",
    "HoldError",
    "Money",
    "RedemptionError",
    "ReturnNotAllowed",
    "ScanRejected",
    "ScanRejection",
    "TokenError",
    "TokenRejection",
    "allocate",
    "format_money",
]
