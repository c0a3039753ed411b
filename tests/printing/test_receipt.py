"""The receipt PDF, read back: its words, its VAT summary and a QR holding a valid R token."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from clerk.domain.money import Money, format_money
from clerk.domain.tokens import (
    TokenKind,
    generate_private_key,
    key_id_for,
    private_key_text,
    verify_token,
)
from clerk.printing.receipt import (
    ReceiptData,
    ReceiptLayout,
    ReceiptLine,
    ReceiptTender,
    render_receipt_pdf,
    sign_receipt,
    vat_summary,
)
from tests.printing.pdf import decode_qr, flat, read_pdf

NOW = datetime(2026, 3, 14, 11, 5, tzinfo=UTC)  # 12:05 in Warsaw
STORE = "Sklep Łódź — Piotrkowska"
DEVICE_KEY = generate_private_key()


def _data(code: str) -> ReceiptData:
    return ReceiptData(
        store_name=STORE,
        store_address="ul. Piotrkowska 12, 90-001 Łódź",
        store_id="st-lodz",
        order_number="S-000123",
        order_id="ord-7f3a",
        created_at=NOW,
        staff_name="Małgorzata Wójcik",
        lines=[
            ReceiptLine("Zażółć gęślą jaźń kurtka", "KRT-001-M", 1, Money.of("1249.00")),
            ReceiptLine(
                "Skarpety wełniane", "SKR-02", 3, Money.of("19.99"), discount=Money.of("5.00")
            ),
            ReceiptLine(
                "Książka o modzie", "KSI-9", 1, Money.of("42.00"), vat_rate=Decimal("0.05")
            ),
        ],
        tenders=[
            ReceiptTender("Karta", Money.of("1000.00"), "****4242"),
            ReceiptTender("Gotówka", Money.of("400.00")),
        ],
        receipt_code=code,
        points_earned=134,
        points_redeemed=0,
        points_balance=1520,
        change_due=Money.of("48.03"),
        pending_note=None,
    )


@pytest.mark.parametrize("layout", ["a4", "roll80"])
def test_receipt_pdf_reads_back_with_polish_text_and_a_valid_r_code(
    qapp: QApplication, tmp_path: Path, layout: ReceiptLayout
) -> None:
    code = sign_receipt("ord-7f3a", "st-lodz", "dev-17", private_key_text(DEVICE_KEY), NOW)
    data = _data(code)
    path = render_receipt_pdf(data, tmp_path / f"receipt-{layout}.pdf", layout)

    doc, text = read_pdf(qapp, path)
    for expected in [
        STORE,
        "Zażółć gęślą jaźń kurtka",
        "Skarpety wełniane",
        "Książka o modzie",
        "Małgorzata Wójcik",
        "S-000123",
        "2026-03-14 12:05",
        "Total",
        flat(format_money(data.total)),
        "Karta (****4242)",
        "Gotówka",
        "400,00 zł",
        "48,03 zł",
        "VAT 23%",
        "VAT 5%",
        "1520",
        "+134",
    ]:
        assert expected in text, f"{expected!r} missing from {layout} receipt: {text}"
    for row in vat_summary(data.lines):
        for amount in (row.gross, row.net, row.vat):
            assert flat(format_money(amount)) in text

    qr_text, qr_mm = decode_qr(doc)
    assert qr_mm >= {"a4": 30, "roll80": 35}[layout]
    token = verify_token(
        qr_text, {key_id_for(DEVICE_KEY.public_key()): DEVICE_KEY.public_key()}, NOW
    )
    assert token.kind is TokenKind.RECEIPT
    assert token.order_id == "ord-7f3a"
    assert token.store_id == "st-lodz"
    assert token.device_id == "dev-17"
    doc.close()


def test_roll_receipt_is_80_mm_wide_and_one_page(qapp: QApplication, tmp_path: Path) -> None:
    code = sign_receipt("ord-7f3a", "st-lodz", "dev-17", private_key_text(DEVICE_KEY), NOW)
    data = replace(_data(code), pending_note="Sprzedaż offline: oczekuje na wysłanie")
    doc, text = read_pdf(qapp, render_receipt_pdf(data, tmp_path / "roll.pdf", "roll80"))
    assert "Sprzedaż offline: oczekuje na wysłanie" in text
    assert doc.pageCount() == 1
    size = doc.pagePointSize(0)
    assert size.width() * 25.4 / 72 == pytest.approx(80, abs=0.5)
    assert size.height() > size.width()
    doc.close()


def test_vat_summary_rounds_net_half_up_and_adds_up() -> None:
    lines = [
        ReceiptLine("a", "A", 1, Money.of("1249.00")),
        ReceiptLine("b", "B", 3, Money.of("19.99"), discount=Money.of("5.00")),
        ReceiptLine("c", "C", 1, Money.of("42.00"), vat_rate=Decimal("0.05")),
    ]
    rows = vat_summary(lines)
    assert [r.rate for r in rows] == [Decimal("0.23"), Decimal("0.05")]
    standard, reduced = rows
    assert standard.gross == Money.of("1303.97")
    assert standard.net == Money.of("1060.14")  # 1303.97 / 1.23 = 1060.1382…
    assert standard.vat == Money.of("243.83")
    assert reduced.net == Money.of("40.00")
    assert reduced.vat == Money.of("2.00")
    assert sum(r.gross for r in rows) == Money.of("1345.97")
