"""A return as a receipt: what came back, each refund (a card refund pending in words), the
points taken back, the override, and the order's R code — rendered, read back and scanned."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from clerk.domain.entities import (
    Channel,
    Fulfilment,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    Refund,
    RefundMethod,
    Return,
    ReturnCondition,
    ReturnLine,
    ReturnReason,
    Store,
    Tender,
)
from clerk.domain.money import Money, format_money
from clerk.domain.returns import EXCHANGE_REFERENCE, settle_exchange
from clerk.domain.store_credit import credit_code
from clerk.domain.tokens import (
    TokenKind,
    generate_private_key,
    key_id_for,
    private_key_text,
    verify_token,
)
from clerk.printing.receipt import render_receipt_pdf
from clerk.printing.return_receipt import receipt_for_return
from tests.printing.pdf import decode_qr, decode_qrs, read_pdf

AT = datetime(2026, 7, 1, 16, 30, tzinfo=UTC)
DEVICE_KEY = generate_private_key()
STORE = Store(id="WAW-01", name="Warszawa Centrum", city="Warszawa")

ORDER = Order(
    id="ord-web-000123",
    number="W26-0000123",
    channel=Channel.WEB,
    customer_id=None,
    fulfilment=Fulfilment.SHIP,
    store_id=None,
    pickup_store_id=None,
    status=OrderStatus.DELIVERED,
    created_at=AT,
    lines=[
        OrderLine(
            "ord-web-000123-1",
            1,
            "SHIRT-M",
            "Koszula lniana",
            3,
            Money.of("100.00"),
            Money.of("10.00"),
        )
    ],
    payments=[Payment(Tender.CARD, Money.of("240.00")), Payment(Tender.POINTS, Money.of("50.00"))],
    points_earned=240,
)


def _return(status: str = "pending", **kw: object) -> Return:
    return Return(
        id="a1b2c3d4e5f60718",
        order_id=ORDER.id,
        store_id="WAW-01",
        staff_id="anna",
        created_at=AT,
        lines=[
            ReturnLine(
                "ord-web-000123-1",
                2,
                ReturnReason.TOO_SMALL,
                ReturnCondition.RESELLABLE,
                Money.of("193.33"),
            )
        ],
        refund_method=RefundMethod.ORIGINAL,
        refunds=[
            Refund(Tender.CARD, Money.of("160.00"), status=status),  # type: ignore[arg-type]
            Refund(Tender.POINTS, Money.of("33.33"), points=666),
        ],
        points_reversed=160,
        **kw,  # type: ignore[arg-type]
    )


def _render(tmp_path: Path, qapp: QApplication, ret: Return, **kw: bool) -> str:
    data = receipt_for_return(
        ret,
        ORDER,
        store=STORE,
        staff_name="Anna",
        device_id="dev-1",
        device_private_key=private_key_text(DEVICE_KEY),
        **kw,  # type: ignore[arg-type]
    )
    path = render_receipt_pdf(data, tmp_path / "return.pdf", "roll80")
    doc, text = read_pdf(qapp, path)
    code, _width = decode_qr(doc)
    doc.close()
    token = verify_token(code, {key_id_for(DEVICE_KEY.public_key()): DEVICE_KEY.public_key()}, AT)
    assert token.kind is TokenKind.RECEIPT and token.order_id == ORDER.id
    return text


def test_a_queued_return_says_the_card_refund_is_pending_in_words(
    tmp_path: Path, qapp: QApplication
) -> None:
    text = _render(tmp_path, qapp, _return(), queued=True)
    assert "Return receipt" in text and "Return A1B2C3D4 of order W26-0000123" in text
    # Two of three units of a discounted line: 193,33 zł, the discount share shown.
    assert "Koszula lniana 193,33 zł" in text and "SHIRT-M 2 × 100,00 zł" in text
    assert "Refund: Card — pending 160,00 zł" in text
    assert "Refund: Loyalty points (666 points) 33,33 zł" in text
    assert "Taken back after the return -160" in text
    assert "The refund of 160,00 zł to the card or online payment is pending" in text
    assert "saved offline" in text


def test_an_issued_return_and_a_refused_one(tmp_path: Path, qapp: QApplication) -> None:
    issued = _return("issued", override_manager_id="maria", override_reason="Stały klient")
    text = _render(tmp_path, qapp, issued)
    assert "pending" not in text
    assert "Accepted outside the policy by a manager: Stały klient" in text
    refused = _render(tmp_path, qapp, _return(), refused=True)
    assert "Central refused this return: it is void" in refused


def test_a_return_of_another_order_is_refused() -> None:
    other = _return()
    other.order_id = "ord-else"
    with pytest.raises(ValueError):
        receipt_for_return(
            other,
            ORDER,
            store=STORE,
            staff_name="Anna",
            device_id="dev-1",
            device_private_key=private_key_text(DEVICE_KEY),
        )


def _exchange(price: str, topped: list[Payment]) -> tuple[Return, Order]:
    """A return of 193,33 zł exchanged for goods costing ``price``, settled as the policy
    settles it; the replacement sale paid by the value returned and ``topped``."""
    value, cost = Money.of("193.33"), Money.of(price)
    refunds = settle_exchange(ORDER, value, cost, ())
    ret = _return("issued")
    ret.refund_method = RefundMethod.EXCHANGE
    ret.refunds = refunds
    sale = Order(
        id="exch-000000001",
        number="S26-0000777",
        channel=Channel.STORE,
        customer_id=None,
        fulfilment=Fulfilment.CARRY_OUT,
        store_id="WAW-01",
        pickup_store_id=None,
        status=OrderStatus.COMPLETED,
        created_at=AT,
        lines=[OrderLine("exch-000000001-1", 1, "SHIRT-S", "Koszula lniana S", 1, cost)],
        payments=[
            Payment(Tender.STORE_CREDIT, min(value, cost), EXCHANGE_REFERENCE),
            *topped,
        ],
    )
    return ret, sale


def test_a_cheaper_exchange_prints_the_replacement_and_the_rest_refunded_per_tender(
    tmp_path: Path, qapp: QApplication
) -> None:
    ret, sale = _exchange("150.00", [])
    leftover = [r for r in ret.refunds if r.reference != EXCHANGE_REFERENCE]
    assert sum((r.amount for r in ret.refunds), Money.zero()) == Money.of("193.33")
    text = _render(tmp_path, qapp, ret, exchange_sale=sale)  # type: ignore[arg-type]
    assert "Total 193,33 zł" in text  # the value returned
    assert "Exchange: pays for the replacement 150,00 zł" in text
    card = next(r for r in leftover if r.tender == Tender.CARD)
    assert f"Refund: Card {format_money(card.amount)}".replace("\xa0", " ") in text
    assert "Refund: Loyalty points" in text
    assert "Replacement (sale S26-0000777): 1 × Koszula lniana S, 150,00 zł" in text
    assert "43,33 zł is refunded to the original payment" in text
    assert "Difference paid" not in text


def test_a_dearer_exchange_prints_the_difference_the_customer_paid(
    tmp_path: Path, qapp: QApplication
) -> None:
    ret, sale = _exchange("200.00", [Payment(Tender.CASH, Money.of("6.67"))])
    assert [(r.tender, r.amount) for r in ret.refunds] == [
        (Tender.STORE_CREDIT, Money.of("193.33"))
    ]
    text = _render(tmp_path, qapp, ret, exchange_sale=sale)  # type: ignore[arg-type]
    assert "Exchange: pays for the replacement 193,33 zł" in text
    assert "Difference paid by the customer: 6,67 zł (Cash)" in text
    assert "refunded to the original payment" not in text


def test_store_credit_prints_its_code_amount_words_and_a_qr_of_the_code(
    tmp_path: Path, qapp: QApplication
) -> None:
    code = credit_code("a1b2c3d4e5f60718")
    ret = replace(
        _return("issued"),
        refund_method=RefundMethod.STORE_CREDIT,
        refunds=[Refund(Tender.STORE_CREDIT, Money.of("193.33"), reference=code)],
    )
    data = receipt_for_return(
        ret,
        ORDER,
        store=STORE,
        staff_name="Anna",
        device_id="dev-1",
        device_private_key=private_key_text(DEVICE_KEY),
    )
    path = render_receipt_pdf(data, tmp_path / "credit.pdf", "roll80")
    doc, text = read_pdf(qapp, path)
    codes = decode_qrs(doc)
    doc.close()
    assert f"Refund: Store credit ({code}) 193,33 zł" in text
    assert f"Store credit 193,33 zł {code}" in text
    assert "show this code at the checkout" in text
    assert "kept as store credit" not in text
    # The credit's code and the receipt's signed code, each as its own QR code.
    assert code in codes and len(codes) == 2
