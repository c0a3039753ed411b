"""Why a scan was not used, in the clerk's language.

Every refusal code of :mod:`clerk.services.scanning` (the domain's ScanRejection and
TokenRejection values and the service's own) has a sentence here with the same meaning as the
core's English message; an unknown code falls back to that message.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from clerk.services.scanning import ScanRefused


def _texts() -> dict[str, str]:
    # Spelled out in full each time: pyside6-lupdate only sees QCoreApplication.translate(...).
    return {
        # clerk.domain.errors.ScanRejection
        "unknown_format": QCoreApplication.translate(
            "ScanReasons",
            "This code is not a product, loyalty card, pickup or receipt code — scan another one.",
        ),
        "bad_check_digit": QCoreApplication.translate(
            "ScanReasons",
            "The barcode's check digit is wrong — scan it again or type the number.",
        ),
        "malformed_token": QCoreApplication.translate(
            "ScanReasons", "This Clerk code is damaged — ask for a fresh one."
        ),
        "unknown_kind": QCoreApplication.translate(
            "ScanReasons", "This Clerk code is of a kind this app does not know — update the app."
        ),
        "empty": QCoreApplication.translate("ScanReasons", "Nothing was scanned — try again."),
        "too_long": QCoreApplication.translate(
            "ScanReasons", "This code is far too long to be one of ours — scan another one."
        ),
        # clerk.domain.errors.TokenRejection ("unknown_kind" is shared with the above)
        "malformed": QCoreApplication.translate(
            "ScanReasons", "This code is damaged or not a Clerk code — scan it again."
        ),
        "unknown_key": QCoreApplication.translate(
            "ScanReasons",
            "This code was signed by a key this tablet does not know — sync the tablet and "
            "scan again.",
        ),
        "bad_signature": QCoreApplication.translate(
            "ScanReasons",
            "This code's signature does not match — it may be forged; do not accept it.",
        ),
        "expired": QCoreApplication.translate(
            "ScanReasons", "This code has expired — ask the customer to refresh it in the app."
        ),
        "not_yet_valid": QCoreApplication.translate(
            "ScanReasons", "This code is not valid yet — check that the tablet's clock is right."
        ),
        # clerk.services.scanning
        "other_store": QCoreApplication.translate(
            "ScanReasons",
            "This order is collected at {store}, not here — send the customer there.",
        ),
        "pickup_cancelled": QCoreApplication.translate(
            "ScanReasons",
            "This order was cancelled, so there is nothing to hand over — check the "
            "customer's orders with them.",
        ),
        "unknown_product": QCoreApplication.translate(
            "ScanReasons",
            "This barcode is not in the catalogue on this tablet — sync the tablet, or check "
            "the label.",
        ),
    }


def known_codes() -> frozenset[str]:
    """The refusal codes with a translated sentence."""
    return frozenset(_texts())


def reason_text(refused: ScanRefused) -> str:
    """The refusal as the clerk reads it, in the app's language."""
    text = _texts().get(refused.code)
    if text is None:
        return refused.message
    return text.replace("{store}", refused.store or "")


def not_signed_in_text() -> str:
    """Why a scan was dropped while nobody is signed in (or the screen is locked)."""
    return QCoreApplication.translate("ScanReasons", "Sign in first — the scan was not used.")


def scan_failed_text() -> str:
    """Why a scan got no answer: checking it failed (a bug or a broken database)."""
    return QCoreApplication.translate(
        "ScanReasons", "The scan could not be checked — try again; if it keeps failing, restart."
    )
