"""Errors a clerk can act on.

Every domain error carries a stable snake_case ``code`` (the UI and the central service's
problem types key on it, and translations are looked up by it) and an English ``message``
that says what to do next.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

__all__ = [
    "DomainError",
    "HoldError",
    "RedemptionError",
    "ReturnNotAllowed",
    "ScanRejected",
    "ScanRejection",
    "TokenError",
    "TokenRejection",
]


class DomainError(Exception):
    """A rule of the business refused an action; ``code`` is stable, ``message`` is for people.

    ``details``: the values the message names (a quantity, a date), by the ``{name}`` a
    translated sentence of the code puts them in."""

    def __init__(
        self, code: str, message: str, details: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = {key: str(value) for key, value in (details or {}).items()}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class ReturnNotAllowed(DomainError):
    """The return policy refuses this return (or this part of it)."""


class RedemptionError(DomainError):
    """Points cannot be redeemed as asked."""


class HoldError(DomainError):
    """A pickup or reservation hold cannot be set or extended as asked."""


class TokenRejection(StrEnum):
    """Why a signed token was refused."""

    MALFORMED = "malformed"
    UNKNOWN_KIND = "unknown_kind"
    UNKNOWN_KEY = "unknown_key"
    BAD_SIGNATURE = "bad_signature"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"


_TOKEN_MESSAGES: dict[TokenRejection, str] = {
    TokenRejection.MALFORMED: "This code is damaged or not a Clerk code — scan it again.",
    TokenRejection.UNKNOWN_KIND: (
        "This Clerk code is of a kind this app does not know — update the app."
    ),
    TokenRejection.UNKNOWN_KEY: (
        "This code was signed by a key this tablet does not know — sync the tablet and scan again."
    ),
    TokenRejection.BAD_SIGNATURE: (
        "This code's signature does not match — it may be forged; do not accept it."
    ),
    TokenRejection.EXPIRED: "This code has expired — ask the customer to refresh it in the app.",
    TokenRejection.NOT_YET_VALID: (
        "This code is not valid yet — check that the tablet's clock is right."
    ),
}


class TokenError(DomainError):
    """A signed token was refused; ``reason`` says why."""

    def __init__(self, reason: TokenRejection, message: str | None = None) -> None:
        super().__init__(reason.value, message or _TOKEN_MESSAGES[reason])
        self.reason = reason


class ScanRejection(StrEnum):
    """Why a scanned code was refused."""

    UNKNOWN_FORMAT = "unknown_format"
    BAD_CHECK_DIGIT = "bad_check_digit"
    MALFORMED_TOKEN = "malformed_token"
    UNKNOWN_KIND = "unknown_kind"
    EMPTY = "empty"
    TOO_LONG = "too_long"


_SCAN_MESSAGES: dict[ScanRejection, str] = {
    ScanRejection.UNKNOWN_FORMAT: (
        "This code is not a product, loyalty card, pickup or receipt code — scan another one."
    ),
    ScanRejection.BAD_CHECK_DIGIT: (
        "The barcode's check digit is wrong — scan it again or type the number."
    ),
    ScanRejection.MALFORMED_TOKEN: "This Clerk code is damaged — ask for a fresh one.",
    ScanRejection.UNKNOWN_KIND: (
        "This Clerk code is of a kind this app does not know — update the app."
    ),
    ScanRejection.EMPTY: "Nothing was scanned — try again.",
    ScanRejection.TOO_LONG: "This code is far too long to be one of ours — scan another one.",
}


class ScanRejected(DomainError):
    """A scan was not understood; ``reason`` says why."""

    def __init__(self, reason: ScanRejection, message: str | None = None) -> None:
        super().__init__(reason.value, message or _SCAN_MESSAGES[reason])
        self.reason = reason
