"""The price and stock check of a product label."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from clerk.domain.money import Money
from clerk.services.scanning import ProductCheck
from clerk.ui.scanning.product_check import ProductCheckDialog

CHECK = ProductCheck(
    ean="5901234123457",
    sku="JEANS-32",
    name="Jeansy slim",
    brand="Clerk Denim",
    size="32/34",
    colour="granatowy",
    price=Money("1249.00"),
    on_hand=7,
    held=2,
    available=5,
)


def label(dialog: QDialog, name: str) -> str:
    found = dialog.findChild(QLabel, name)
    assert found is not None, name
    return found.text()


def test_it_shows_the_product_the_price_in_polish_form_and_the_stock(qtbot: QtBot) -> None:
    dialog = ProductCheckDialog(CHECK)
    qtbot.addWidget(dialog)
    assert label(dialog, "productName") == "Jeansy slim"
    assert label(dialog, "productDetails") == "Clerk Denim · size 32/34 · granatowy"
    assert label(dialog, "productPrice") == "1\u00a0249,00\u00a0zł"
    assert label(dialog, "stockOnHand") == "7"
    assert label(dialog, "stockHeld") == "2"
    assert label(dialog, "stockAvailable") == "5"
    assert "5901234123457" in label(dialog, "productCodes")
    assert dialog.findChild(QLabel, "productStockUnknown") is None


def test_unknown_stock_is_said_not_shown_as_empty(qtbot: QtBot) -> None:
    check = replace(CHECK, on_hand=0, held=0, available=0, stock_known=False)
    dialog = ProductCheckDialog(check)
    qtbot.addWidget(dialog)
    assert "no stock figures" in label(dialog, "productStockUnknown")


def test_close_is_a_named_touch_target(qtbot: QtBot) -> None:
    dialog = ProductCheckDialog(CHECK)
    qtbot.addWidget(dialog)
    close = dialog.findChild(QPushButton, "productCheckClose")
    assert close is not None
    assert close.accessibleName()
    assert close.minimumHeight() >= 44
    with qtbot.waitSignal(dialog.finished):
        close.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
