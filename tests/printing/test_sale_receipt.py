"""A completed store sale as a receipt: built from the Order, rendered, read back and scanned."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from clerk.domain.entities import (
    Channel,
    ContactChannel,
    Customer,
    Fulfilment,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    Product,
    Store,
    Tender,
    Tier,
)
from clerk.domain.money import Money
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
    ReceiptTender,
    render_receipt_pdf,
)
from clerk.printing.sale_receipt import mask_card_number, receipt_for_order
from tests.printing.pdf import decode_qr, read_pdf

SOLD_AT = datetime(2026, 7, 1, 16, 30, tzinfo=UTC)  # 18:30 in Warsaw (summer time)
PRINTED_AT = datetime(2026, 7, 1, 16, 31, tzinfo=UTC)
DEVICE_KEY = generate_private_key()
KEYS = {key_id_for(DEVICE_KEY.public_key()): DEVICE_KEY.public_key()}
STORE = Store(id="LDZ-01", name="Sklep Łódź — Piotrkowska", city="Łódź")
ORDER_ID = "7f3a9c2e5b1d4e60a8c7d9e0f1a2b3c4"
CARD_REFERENCE = "TID 00417 AUTH 81Z2QK"
CASH_GIVEN = Money.of("200.00")


def _product(sku: str, name: str, price: str, vat_rate: str = "0.23") -> Product:
    return Product(
        sku=sku,
        ean="5901234123457",
        name=name,
        brand="Clerk",
        category="misc",
        size="M",
        colour="żółty",
        style=sku,
        price=Money.of(price),
        vat_rate=Decimal(vat_rate),
    )


# The jacket is left out on purpose: a line whose product is unknown pays the standard rate.
PRODUCTS = {
    "ZK-001-M": _product("ZK-001-M", "Żółta koszulka", "79.99"),
    "KSI-9": _product("KSI-9", "Książka o modzie", "42.00", "0.05"),
}

CUSTOMER = Customer(
    id="cus-1",
    first_name="Zofia",
    last_name="Żak",
    email="zofia@example.com",
    phone="+48500100200",
    card_number="2900000013457",
    tier=Tier.SILVER,
    points_balance=1200,
    preferred_channel=ContactChannel.EMAIL,
    preferences={},
    consents={},
    home_store_id="LDZ-01",
    created_at=SOLD_AT,
)


def _order(number: str = "S-2026-000512") -> Order:
    # 2 × 79.99 − 10.00 + 349.00 + 42.00 = 540.98: 15.00 in points (300), 400.00 by card and
    # 125.98 in cash; Silver earns 1.25 × 525 whole PLN paid without points = 656.
    return Order(
        id=ORDER_ID,
        number=number,
        channel=Channel.STORE,
        customer_id=CUSTOMER.id,
        fulfilment=Fulfilment.CARRY_OUT,
        store_id=STORE.id,
        pickup_store_id=None,
        status=OrderStatus.COMPLETED,
        created_at=SOLD_AT,
        lines=[
            OrderLine(
                f"{ORDER_ID}-1",
                1,
                "ZK-001-M",
                "Żółta koszulka",
                2,
                Money.of("79.99"),
                discount=Money.of("10.00"),
            ),
            OrderLine(
                f"{ORDER_ID}-2", 2, "KRT-7", "Kurtka przeciwdeszczowa", 1, Money.of("349.00")
            ),
            OrderLine(f"{ORDER_ID}-3", 3, "KSI-9", "Książka o modzie", 1, Money.of("42.00")),
        ],
        payments=[
            Payment(Tender.CARD, Money.of("400.00"), CARD_REFERENCE),
            Payment(Tender.CASH, Money.of("125.98")),
            Payment(Tender.POINTS, Money.of("15.00")),
        ],
        points_earned=656,
    )


def _receipt(
    order: Order,
    *,
    store: Store = STORE,
    customer: Customer = CUSTOMER,
    cash_given: Money = CASH_GIVEN,
    pending: bool = False,
) -> ReceiptData:
    return receipt_for_order(
        order,
        store=store,
        staff_name="Małgorzata Wójcik",
        device_id="dev-17",
        device_private_key=private_key_text(DEVICE_KEY),
        products=PRODUCTS,
        customer=customer,
        points_balance_after=1556,
        pending=pending,
        cash_given=cash_given,
        store_address="ul. Piotrkowska 12, 90-001 Łódź",
        printed_at=PRINTED_AT,
    )


def _check_code(qr_text: str) -> None:
    token = verify_token(qr_text, KEYS, PRINTED_AT)
    assert token.kind is TokenKind.RECEIPT
    assert token.order_id == ORDER_ID
    assert token.store_id == STORE.id
    assert token.device_id == "dev-17"


def test_the_sale_becomes_receipt_data() -> None:
    data = _receipt(_order())
    assert data.store_name == STORE.name
    assert data.order_number == "S-2026-000512"
    assert data.total == Money.of("540.98")
    assert [line.vat_rate for line in data.lines] == [
        Decimal("0.23"),
        Decimal("0.23"),  # not in the catalogue given: the standard rate
        Decimal("0.05"),
    ]
    assert data.lines[0].discount == Money.of("10.00")
    assert data.lines[1].discount is None
    assert data.tenders == [
        ReceiptTender("Card", Money.of("400.00"), CARD_REFERENCE),
        ReceiptTender("Loyalty points", Money.of("15.00")),
        ReceiptTender("Cash", Money.of("200.00")),  # as handed over, last: the change follows
    ]
    assert data.change_due == Money.of("74.02")
    assert (data.points_earned, data.points_redeemed, data.points_balance) == (656, 300, 1556)
    assert data.loyalty_card == "****3457"
    assert data.pending_note is None
    _check_code(data.receipt_code)


def test_without_extras_the_receipt_still_adds_up() -> None:
    order = _order()
    order.customer_id = None
    order.payments = [Payment(Tender.CASH, Money.of("525.98")), order.payments[2]]
    data = receipt_for_order(
        order,
        store=STORE,
        staff_name="Jan",
        device_id="dev-17",
        device_private_key=private_key_text(DEVICE_KEY),
    )
    assert data.store_address == "Łódź"
    assert {line.vat_rate for line in data.lines} == {Decimal("0.23")}
    assert data.tenders[-1] == ReceiptTender("Cash", Money.of("525.98"))
    assert data.change_due is None
    assert data.loyalty_card is None
    assert data.points_balance is None
    # Signed at the sale's time when no print time is given.
    assert verify_token(data.receipt_code, KEYS, SOLD_AT).order_id == ORDER_ID


@pytest.mark.parametrize("layout", ["a4", "roll80"])
def test_sale_receipt_reads_back_with_its_tenders_points_and_a_valid_r_code(
    qapp: QApplication, tmp_path: Path, layout: ReceiptLayout
) -> None:
    data = _receipt(_order())
    doc, text = read_pdf(qapp, render_receipt_pdf(data, tmp_path / f"sale-{layout}.pdf", layout))
    for expected in [
        "Sklep Łódź — Piotrkowska",
        "ul. Piotrkowska 12, 90-001 Łódź",
        "Order S-2026-000512",
        "Date 2026-07-01 18:30",
        "Served by Małgorzata Wójcik",
        "Żółta koszulka 149,98 zł",
        "ZK-001-M 2 × 79,99 zł (23%)",
        "Discount -10,00 zł",
        "Kurtka przeciwdeszczowa 349,00 zł",
        "KRT-7 1 × 349,00 zł (23%)",
        "Książka o modzie 42,00 zł",
        "KSI-9 1 × 42,00 zł (5%)",
        "Total 540,98 zł",
        f"Card ({CARD_REFERENCE}) 400,00 zł",
        "Loyalty points 15,00 zł Cash 200,00 zł Change 74,02 zł",
        "VAT 23%",
        "VAT 5%",
        "Loyalty card ****3457",
        "Earned +656",
        "Redeemed -300",
        "Balance 1556",
    ]:
        assert expected in text, f"{expected!r} missing from the {layout} receipt: {text}"
    assert "2900000013457" not in text  # the full card number never prints
    assert "number will follow" not in text
    qr_text, _ = decode_qr(doc)
    _check_code(qr_text)
    doc.close()


@pytest.mark.parametrize("layout", ["a4", "roll80"])
def test_an_offline_sale_without_a_number_is_named_by_its_short_id(
    qapp: QApplication, tmp_path: Path, layout: ReceiptLayout
) -> None:
    data = _receipt(_order(number=""), pending=True)
    assert data.order_number == ""
    path = render_receipt_pdf(data, tmp_path / f"pending-{layout}.pdf", layout)
    doc, text = read_pdf(qapp, path)
    for expected in [
        "Sale 7f3a9c2e",
        "Sale saved offline: it is sent when the tablet is back online.",
        "The order number will follow; the code below finds this sale.",
        "Total 540,98 zł",
    ]:
        assert expected in text, f"{expected!r} missing from the {layout} receipt: {text}"
    assert "Order " not in text
    assert doc.metaData(doc.MetaDataField.Title) == "Receipt 7f3a9c2e"
    qr_text, _ = decode_qr(doc)
    _check_code(qr_text)  # the full id: a later return finds the sale before it has a number
    doc.close()


def test_a_numbered_sale_still_in_the_outbox_says_it_is_queued() -> None:
    data = _receipt(_order(), pending=True)
    assert data.pending_note == "Sale saved offline: it is sent when the tablet is back online."


def test_mask_card_number_keeps_the_last_four_digits() -> None:
    assert mask_card_number("2900000013457") == "****3457"
    assert mask_card_number(" 2900000013457 ") == "****3457"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cash_given": Money.of("100.00")}, "less than the cash paid"),
        ({"store": replace(STORE, id="WAW-01")}, "sold in LDZ-01"),
        ({"customer": replace(CUSTOMER, id="cus-2")}, "not customer cus-2"),
    ],
)
def test_mismatched_inputs_are_refused(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _receipt(_order(), **change)


def test_cash_given_needs_a_cash_payment() -> None:
    order = _order()
    order.payments = [p for p in order.payments if p.tender != Tender.CASH]
    with pytest.raises(ValueError, match="needs a cash payment"):
        _receipt(order)
