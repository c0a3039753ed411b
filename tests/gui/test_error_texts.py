"""Every refusal the core can raise reaches the clerk in the app's language, values filled in."""

from __future__ import annotations

from pathlib import Path

from clerk.domain.entities import ReservationStatus
from clerk.domain.errors import (
    DomainError,
    ReturnNotAllowed,
    ScanRejected,
    ScanRejection,
    TokenRejection,
)
from clerk.domain.returns import VerdictCode
from clerk.ui.texts import _error_texts
from tests.support.error_codes import raised_codes

ROOT = Path(__file__).resolve().parents[2]

# Codes built at run time rather than written as literals.
DYNAMIC = (
    {code.value for code in VerdictCode if code != VerdictCode.IN_WINDOW}  # the policy's refusals
    | {f"reservation_{s.value}" for s in ReservationStatus if s != ReservationStatus.ACTIVE}
    | {"order_wrong_state"}
)
# Scans and signed tokens have their own words on the scanning screens (clerk.ui.scanning).
OWN_WORDS = {r.value for r in ScanRejection} | {r.value for r in TokenRejection}


def test_the_scan_finds_the_codes_however_they_are_raised() -> None:
    codes = raised_codes([ROOT / "clerk" / "services", ROOT / "clerk" / "domain"])
    # A plain raise, a factory (the policy's _refused), a super().__init__, a named constant,
    # and a table of (code, message) pairs.
    for code in (
        "exchange_needs_goods",
        "quantity_exceeds_returnable",
        "wrong_pin",
        "offline_not_cached",
    ):
        assert code in codes
    assert "order_already_collected" in codes
    assert not {"read", "store", "delete"} & set(codes)  # what the keyring was asked to do


def test_every_code_the_services_and_the_domain_raise_has_a_translated_sentence(
    qapp: object,
) -> None:
    codes = set(raised_codes([ROOT / "clerk" / "services", ROOT / "clerk" / "domain"]))
    missing = sorted((codes | DYNAMIC) - OWN_WORDS - set(_error_texts()))
    assert missing == [], f"error codes without a sentence in clerk/ui: {missing}"


def test_a_refusal_reads_in_polish_with_its_values(qapp: object) -> None:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from clerk.domain.loyalty import redemption_value
    from clerk.ui.i18n import qm_path
    from clerk.ui.texts import error_text

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = QTranslator()
    assert translator.load(str(qm_path("pl")))
    app.installTranslator(translator)
    try:
        try:
            redemption_value(150)
        except DomainError as refused:
            words = error_text(refused)
        assert words == "Punkty wykorzystuje się w pakietach po 100; 150 nim nie jest."
        over = ReturnNotAllowed(
            "quantity_exceeds_returnable",
            "Line 2 (Shirt M): only 1 can be returned, not 2.",
            {"line": 2, "name": "Shirt M", "left": 1, "qty": 2},
        )
        assert error_text(over) == "Pozycja 2 (Shirt M): można zwrócić tylko 1, nie 2."
        for code, text in _error_texts().items():
            assert text.strip(), code
    finally:
        app.removeTranslator(translator)
    refused_scan = ScanRejected(ScanRejection.EMPTY)
    assert error_text(refused_scan) == refused_scan.message  # its own words elsewhere
