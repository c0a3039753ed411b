"""Every refusal has words, meaning what the core's message means."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from clerk.domain.errors import ScanRejected, ScanRejection, TokenError, TokenRejection
from clerk.services.scanning import OTHER_STORE, PICKUP_CANCELLED, UNKNOWN_PRODUCT, ScanRefused
from clerk.ui.scanning.reasons import known_codes, not_signed_in_text, reason_text

SERVICE_CODES = {OTHER_STORE, PICKUP_CANCELLED, UNKNOWN_PRODUCT}


def test_every_refusal_code_has_a_sentence(qapp: QApplication) -> None:
    codes = {r.value for r in ScanRejection} | {r.value for r in TokenRejection} | SERVICE_CODES
    assert codes <= known_codes()


@pytest.mark.parametrize("reason", list(ScanRejection))
def test_scan_rejections_read_as_the_domain_says(qapp: QApplication, reason: ScanRejection) -> None:
    error = ScanRejected(reason)
    assert reason_text(ScanRefused(error.code, error.message)) == error.message


@pytest.mark.parametrize("reason", list(TokenRejection))
def test_token_rejections_read_as_the_domain_says(
    qapp: QApplication, reason: TokenRejection
) -> None:
    error = TokenError(reason)
    assert reason_text(ScanRefused(error.code, error.message)) == error.message


def test_the_service_s_own_refusals_read_as_the_service_says(qapp: QApplication) -> None:
    message = "This order is collected at Kraków Galeria, not here — send the customer there."
    assert reason_text(ScanRefused(OTHER_STORE, message, store="Kraków Galeria")) == message


def test_an_unknown_code_falls_back_to_the_core_s_message(qapp: QApplication) -> None:
    assert reason_text(ScanRefused("brand_new", "Do this next.")) == "Do this next."
    assert not_signed_in_text() == "Sign in first — the scan was not used."
