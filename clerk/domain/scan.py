"""What a scan is: a signed Clerk token, a product EAN-13 or a loyalty card number.

Scanners send text with a trailing CR/LF and sometimes an AIM symbology prefix ("]Q1" for
QR, "]E0" for EAN-13); both are dropped. Anything not understood is rejected with a reason
the clerk can read; ``parse_scan`` raises nothing but ScanRejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clerk.domain.errors import ScanRejected, ScanRejection
from clerk.domain.tokens import PREFIX, TokenKind

__all__ = [
    "LOYALTY_CARD_PREFIX",
    "MAX_SCAN_LENGTH",
    "LoyaltyCardScan",
    "ParsedScan",
    "ProductScan",
    "ScanRejected",
    "ScanRejection",
    "SignedTokenScan",
    "ean13_check_digit",
    "is_valid_ean13",
    "make_loyalty_card_number",
    "parse_scan",
]

LOYALTY_CARD_PREFIX = "2990"
# Real tokens are ~200 characters; a scan far longer is noise or an attack on the parser.
MAX_SCAN_LENGTH = 2048
_AIM_PREFIX = re.compile(r"\][A-Za-z][0-9A-Za-z]")
_DIGITS = re.compile(r"[0-9]+")
_TOKEN_PART = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class SignedTokenScan:
    """A ``CLK1`` token of a known kind, shaped right; verify it with tokens.verify_token."""

    text: str
    kind: TokenKind


@dataclass(frozen=True)
class ProductScan:
    """A product's EAN-13 (UPC-A codes are widened to EAN-13 with a leading 0)."""

    ean: str


@dataclass(frozen=True)
class LoyaltyCardScan:
    """A printed loyalty card's number (EAN-13 starting with 2990)."""

    card_number: str


ParsedScan = SignedTokenScan | ProductScan | LoyaltyCardScan


def ean13_check_digit(first12: str) -> int:
    """The EAN-13 check digit for the first 12 digits (weights 1,3,1,3… from the left)."""
    if len(first12) != 12 or not _DIGITS.fullmatch(first12):
        raise ValueError(f"need 12 digits, got {first12!r}")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def is_valid_ean13(code: str) -> bool:
    """True for 13 ASCII digits whose last one is the right check digit."""
    return (
        len(code) == 13
        and _DIGITS.fullmatch(code) is not None
        and ean13_check_digit(code[:12]) == int(code[12])
    )


def make_loyalty_card_number(n: int) -> str:
    """The ``n``-th loyalty card number: 2990, ``n`` in eight digits, check digit."""
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n < 10**8:
        raise ValueError(f"card serial must be 0..99999999, got {n!r}")
    first12 = f"{LOYALTY_CARD_PREFIX}{n:08d}"
    return f"{first12}{ean13_check_digit(first12)}"


def _clean(raw: str | bytes) -> str:
    if isinstance(raw, bytes | bytearray | memoryview):
        data = bytes(raw)
        if len(data) > 4 * MAX_SCAN_LENGTH:
            raise ScanRejected(ScanRejection.TOO_LONG)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ScanRejected(ScanRejection.UNKNOWN_FORMAT) from None
    elif isinstance(raw, str):
        text = raw
    else:
        raise TypeError(f"a scan is str or bytes, not {type(raw).__name__}")
    # NUL and other control characters come from wedge scanners' prefixes and suffixes.
    text = text.strip().strip("\x00").strip()
    if _AIM_PREFIX.match(text):
        text = text[3:].strip()
    if not text:
        raise ScanRejected(ScanRejection.EMPTY)
    if len(text) > MAX_SCAN_LENGTH:
        raise ScanRejected(ScanRejection.TOO_LONG)
    return text


def _parse_token(text: str) -> SignedTokenScan:
    parts = text.split(".")
    if len(parts) != 4:
        raise ScanRejected(ScanRejection.MALFORMED_TOKEN)
    try:
        kind = TokenKind(parts[1])
    except ValueError:
        raise ScanRejected(ScanRejection.UNKNOWN_KIND) from None
    if not all(_TOKEN_PART.fullmatch(part) for part in parts[2:]):
        raise ScanRejected(ScanRejection.MALFORMED_TOKEN)
    return SignedTokenScan(text=text, kind=kind)


def parse_scan(raw: str | bytes) -> ParsedScan:
    """Classify a scan; raise ScanRejected (with its reason) for anything else.

    Tokens are only checked for shape here; their signature is verify_token's job.
    """
    text = _clean(raw)
    if text.startswith(f"{PREFIX}."):
        return _parse_token(text)
    if _DIGITS.fullmatch(text) and len(text) in (12, 13):
        code = text.zfill(13)  # UPC-A is EAN-13 with a leading zero
        if not is_valid_ean13(code):
            raise ScanRejected(ScanRejection.BAD_CHECK_DIGIT)
        if code.startswith(LOYALTY_CARD_PREFIX):
            return LoyaltyCardScan(card_number=code)
        return ProductScan(ean=code)
    raise ScanRejected(ScanRejection.UNKNOWN_FORMAT)
