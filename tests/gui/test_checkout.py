"""The checkout: the Gold customer's online cart finished at the counter (or a plain counter
sale) over the seeded tablet and the real services — basket, scans, points, split tenders, the
sale queued for central, the done page and its receipt PDF."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyleFactory,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clerk.domain.entities import InventoryLevel, Product, Role, Store, Tender
from clerk.domain.money import Money
from clerk.domain.scan import ean13_check_digit, make_loyalty_card_number
from clerk.domain.tokens import private_key_text
from clerk.services.customers import local_360
from clerk.services.scanning import ProductCheck, resolve_scan
from clerk.sync.events import PendingChanged
from clerk.ui.screens.counter.checkout import CheckoutDialog
from clerk.ui.session import AppServices, SignedInStaff
from clerk.ui.theme import Colors, apply_theme
from tests.gui.conftest import GuiWorld, settle
from tests.gui.layout_check import StretchTranslator, clipped
from tests.services.world import NOW, STORE, product

SHOTS = os.environ.get("CLERK_CHECKOUT_SHOTS")  # a folder: save screenshots of both pages


def ean(first12: str) -> str:
    return first12 + str(ean13_check_digit(first12))


EANS = {
    "SHIRT-M": ean("590123412345"),
    "SOCKS-1": ean("590123412399"),
    "JEANS-32": ean("590123412376"),
    "SHIRT-L": ean("590123412352"),
}
NOT_IN_CATALOGUE = ean("590999999999")
STORE_NAME = "Clerk Warszawa Złote Tarasy"


@pytest.fixture
def colors(qapp: QApplication) -> Iterator[Colors]:
    """The app's light theme (touch sizes come from its style sheet), undone afterwards."""
    sheet, palette, style = qapp.styleSheet(), qapp.palette(), qapp.style().name()
    yield apply_theme(qapp, "light")
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    previous = QStyleFactory.create(style)
    if previous is not None:
        qapp.setStyle(previous)


@pytest.fixture
def world(gui_world: GuiWorld) -> GuiWorld:
    """The seeded tablet with scannable EANs, a size L of the shirt, and the store's name."""
    tablet = gui_world.tablet
    for sku in ("SHIRT-M", "SOCKS-1", "JEANS-32"):
        tablet.put("product", replace(product(sku), ean=EANS[sku]))
    tablet.put(
        "product",
        Product(
            sku="SHIRT-L",
            ean=EANS["SHIRT-L"],
            name="Produkt SHIRT-L",
            brand="Clerk",
            category="test",
            size="L",
            colour="navy",
            style="SHIRT",
            price=Money("129.99"),
        ),
    )
    tablet.put("inventory", InventoryLevel(STORE, "SHIRT-L", on_hand=5))
    tablet.put("store", Store(STORE, STORE_NAME, "Warszawa"))
    return gui_world


def open_checkout(
    qtbot: QtBot,
    world: GuiWorld,
    colors: Colors,
    *,
    cart: bool = True,
    customer: bool = True,
    services: AppServices | None = None,
) -> CheckoutDialog:
    view = local_360(world.tablet.ctx, "cust-gold")
    assert view is not None
    dialog = CheckoutDialog(
        services or world.services_as("anna"),
        colors,
        view.customer if customer else None,
        view.cart if cart else None,
    )
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)  # its Ctrl+Enter needs an active window
    return dialog


def child(root: QWidget, kind: type, name: str):  # type: ignore[no-untyped-def]
    found = root.findChild(kind, name)
    assert found is not None, name
    return found


def tap(qtbot: QtBot, root: QWidget, name: str, times: int = 1) -> None:
    button = child(root, QPushButton, name)
    for _ in range(times):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_in(qtbot: QtBot, root: QWidget, name: str, text: str) -> None:
    field = child(root, QLineEdit, name)
    field.clear()
    qtbot.keyClicks(field, text)


def text_of(root: QWidget, name: str) -> str:
    return str(child(root, QLabel, name).text()).replace("\u00a0", " ")


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def sale_commands(world: GuiWorld) -> list[dict[str, object]]:
    return [c.body for c in world.tablet.commands() if c.kind == "store_sale"]


def confirm(qtbot: QtBot, world: GuiWorld, dialog: CheckoutDialog) -> None:
    tap(qtbot, dialog, "checkoutConfirm")
    settle(qtbot, world.bridge)


def test_the_gold_customers_cart_is_finished_with_points_and_card_plus_cash(
    qtbot: QtBot, world: GuiWorld, colors: Colors
) -> None:
    dialog = open_checkout(qtbot, world, colors)
    assert [(x.sku, x.qty, x.from_cart) for x in dialog.lines] == [
        ("SHIRT-M", 1, True),
        ("SOCKS-1", 2, True),
    ]
    assert text_of(dialog, "checkoutTotal") == "Total 169,97 zł"
    assert text_of(dialog, "lineStock_SOCKS-1") == "20 in stock here"

    tap(qtbot, dialog, "pointsMore", 2)
    assert dialog.redeem_points == 200
    assert text_of(dialog, "pointsValue") == "− 10,00 zł"
    assert text_of(dialog, "checkoutDue") == "159,97 zł"

    type_in(qtbot, dialog, "checkoutCardAmount", "100")
    type_in(qtbot, dialog, "checkoutCardReference", "AUTH-4711")
    tap(qtbot, dialog, "checkoutCashRest")
    assert child(dialog, QLineEdit, "checkoutCashAmount").text() == "59,97"
    assert not dialog.can_confirm  # the cash handed over is not typed yet
    assert "how much cash the customer handed over" in text_of(dialog, "checkoutBalance")
    type_in(qtbot, dialog, "checkoutCashGiven", "100")
    assert text_of(dialog, "checkoutChange") == "40,03 zł"
    assert text_of(dialog, "checkoutBalance") == "Paid in full. Give 40,03 zł back."
    assert dialog.can_confirm

    with qtbot.waitSignal(dialog.saleQueued) as queued:
        confirm(qtbot, world, dialog)
    order = queued.args[0]
    assert order.cart_id == "cart-1" and order.number == ""
    assert [(x.sku, x.qty) for x in order.lines] == [("SHIRT-M", 1), ("SOCKS-1", 2)]
    assert [(p.tender, p.amount, p.reference) for p in order.payments] == [
        (Tender.CARD, Money("100.00"), "AUTH-4711"),
        (Tender.CASH, Money("59.97"), None),
        (Tender.POINTS, Money("10.00"), None),
    ]
    assert order.points_earned == 238  # 159 whole PLN paid × 1.5 (Gold)

    [body] = sale_commands(world)
    assert body["cart_id"] == "cart-1" and body["customer_id"] == "cust-gold"
    assert body["redeem_points"] == 200 and body["staff_id"] == "anna"
    assert body["payments"] == [
        {"tender": "card", "amount": "100.00", "reference": "AUTH-4711"},
        {"tender": "cash", "amount": "59.97"},
    ]
    cart = world.tablet.get("cart", "cart-1")
    assert cart is not None and cart["status"] == "consumed"
    assert world.tablet.points() == 1000 - 200 + 238
    assert world.sync_requests == [1]  # pushed at once when the tablet is online

    assert dialog.showing_done
    assert text_of(dialog, "doneChange") == "40,03 zł"
    assert text_of(dialog, "doneTotal") == "169,97 zł"
    assert text_of(dialog, "donePaidCash") == "59,97 zł"
    assert text_of(dialog, "donePointsRedeemed") == "−10,00 zł"
    assert text_of(dialog, "donePointsEarned") == "+238 pts"
    assert dialog.done_page.status_text.startswith("Queued on this tablet")
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "checkout-done.png"))

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc is Done once the sale is recorded
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_confirm_waits_for_matching_tenders_and_points_never_pass_the_cap(
    qtbot: QtBot, world: GuiWorld, colors: Colors
) -> None:
    dialog = open_checkout(qtbot, world, colors)
    assert not dialog.can_confirm
    assert text_of(dialog, "checkoutBalance") == "169,97 zł still to pay."

    type_in(qtbot, dialog, "checkoutCardAmount", "50")
    assert not dialog.can_confirm
    assert text_of(dialog, "checkoutBalance") == "119,97 zł still to pay."
    type_in(qtbot, dialog, "checkoutCardAmount", "500")
    assert not dialog.can_confirm
    assert text_of(dialog, "checkoutBalance").startswith("330,03 zł too much")
    type_in(qtbot, dialog, "checkoutCardAmount", "")
    tap(qtbot, dialog, "checkoutCashRest")
    type_in(qtbot, dialog, "checkoutCashGiven", "150")
    assert not dialog.can_confirm
    assert text_of(dialog, "checkoutBalance") == (
        "The cash handed over is 19,97 zł short of the cash amount."
    )
    tap(qtbot, dialog, "cashGivenNote1")  # the next round amount: 170 zł
    assert child(dialog, QLineEdit, "checkoutCashGiven").text() == "170,00"
    assert dialog.can_confirm and text_of(dialog, "checkoutChange") == "0,03 zł"

    # 1000 points and a 169,97 zł basket: ten blocks at most (the balance caps it).
    tap(qtbot, dialog, "pointsMore", 15)
    assert dialog.redeem_points == 1000
    assert not child(dialog, QPushButton, "pointsMore").isEnabled()
    assert dialog.amount_due == Money("119.97")
    assert not dialog.can_confirm  # the cash no longer matches the amount due
    # Without the shirt the basket is 39,98 zł: seven blocks at most (the total caps it).
    tap(qtbot, dialog, "lineRemove_SHIRT-M")
    assert dialog.redeem_points == 700 and dialog.amount_due == Money("4.98")
    tap(qtbot, dialog, "pointsMore")
    assert dialog.redeem_points == 700
    tap(qtbot, dialog, "pointsLess", 9)
    assert dialog.redeem_points == 0  # never below zero
    tap(qtbot, dialog, "pointsMost")
    assert dialog.redeem_points == 700
    tap(qtbot, dialog, "checkoutCashRest")
    tap(qtbot, dialog, "cashGivenExact")
    assert dialog.can_confirm
    with qtbot.waitSignal(dialog.saleQueued):
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        settle(qtbot, world.bridge)
    [body] = sale_commands(world)
    assert body["redeem_points"] == 700 and body["lines"] == [{"sku": "SOCKS-1", "qty": 2}]


def test_products_are_added_by_typed_ean_and_by_scan_and_refusals_are_said(
    qtbot: QtBot, world: GuiWorld, colors: Colors
) -> None:
    dialog = open_checkout(qtbot, world, colors, cart=False, customer=False)
    assert dialog.lines == [] and dialog.findChild(QWidget, "checkoutPoints") is None
    assert text_of(dialog, "checkoutBalance") == "Scan or type a product to start the sale."
    field = child(dialog, QLineEdit, "checkoutEan")
    for _ in range(2):
        qtbot.keyClicks(field, EANS["JEANS-32"])
        qtbot.keyClick(field, Qt.Key.Key_Return)
        settle(qtbot, world.bridge)
    assert [(x.sku, x.qty, x.price) for x in dialog.lines] == [("JEANS-32", 2, Money("249.00"))]
    assert (
        field.text() == "" and dialog.scan_message_text == "Produkt JEANS-32: now 2 in the basket."
    )

    check = resolve_scan(world.tablet.ctx, EANS["SOCKS-1"])
    assert isinstance(check, ProductCheck)
    dialog.add_product(check)  # what a scanner's scan routed here does
    assert [(x.sku, x.qty) for x in dialog.lines] == [("JEANS-32", 2), ("SOCKS-1", 1)]
    assert text_of(dialog, "checkoutTotal") == "Total 517,99 zł"

    qtbot.keyClicks(field, NOT_IN_CATALOGUE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settle(qtbot, world.bridge)
    assert dialog.scan_message_text.startswith("This barcode is not in the catalogue")
    assert field.text() == NOT_IN_CATALOGUE  # kept (selected) to check or scan over
    type_in(qtbot, dialog, "checkoutEan", "5901234123450")  # a wrong check digit
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settle(qtbot, world.bridge)
    assert "check digit" in dialog.scan_message_text
    type_in(qtbot, dialog, "checkoutEan", make_loyalty_card_number(17))  # a loyalty card
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settle(qtbot, world.bridge)
    assert dialog.scan_message_text.startswith("That is not a product barcode")
    assert len(dialog.lines) == 2

    # A plain counter sale: no customer, no cart, no points.
    tap(qtbot, dialog, "checkoutCardRest")
    with qtbot.waitSignal(dialog.saleQueued) as queued:
        confirm(qtbot, world, dialog)
    assert queued.args[0].customer_id is None and queued.args[0].points_earned == 0
    [body] = sale_commands(world)
    assert "cart_id" not in body and "customer_id" not in body
    assert dialog.findChild(QWidget, "donePointsEarned") is None


def test_too_few_here_is_warned_offered_as_a_swap_and_refused_by_the_service(
    qtbot: QtBot, world: GuiWorld, colors: Colors
) -> None:
    world.tablet.put("inventory", InventoryLevel(STORE, "SHIRT-M", on_hand=1))
    dialog = open_checkout(qtbot, world, colors)
    tap(qtbot, dialog, "linePlus_SHIRT-M", 2)
    assert dialog.lines[0].qty == 3
    assert text_of(dialog, "lineStock_SHIRT-M") == "⚠ Only 1 in stock here, 3 in the basket."
    tap(qtbot, dialog, "pointsMore")
    tap(qtbot, dialog, "checkoutCardRest")
    type_in(qtbot, dialog, "checkoutCardReference", "T-1")
    assert dialog.can_confirm  # the service has the last word on stock

    confirm(qtbot, world, dialog)
    assert dialog.message_text == (
        "Only 1 of SHIRT-M are available here, not 3; check the stock count."
    )
    # Nothing lost: the lines, points and tenders are as they were; nothing was queued.
    assert not dialog.showing_done and dialog.isVisible()
    assert [(x.sku, x.qty) for x in dialog.lines] == [("SHIRT-M", 3), ("SOCKS-1", 2)]
    assert dialog.redeem_points == 100
    assert child(dialog, QLineEdit, "checkoutCardReference").text() == "T-1"
    assert dialog.can_confirm and sale_commands(world) == []
    cart = world.tablet.get("cart", "cart-1")
    assert cart is not None and cart.get("status", "active") != "consumed"


def test_a_size_that_is_here_is_one_tap_away(qtbot: QtBot, world: GuiWorld, colors: Colors) -> None:
    world.tablet.put("inventory", InventoryLevel(STORE, "SHIRT-M", on_hand=0))
    dialog = open_checkout(qtbot, world, colors)
    assert text_of(dialog, "lineStock_SHIRT-M").startswith("⚠ None in stock here")
    swap = child(dialog, QPushButton, "lineSwap_SHIRT-M_SHIRT-L")
    assert swap.isVisible() and swap.text() == "Take size L, navy (5 here)"
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "checkout-short.png"))
    qtbot.mouseClick(swap, Qt.MouseButton.LeftButton)
    settle(qtbot, world.bridge)
    assert [(x.sku, x.qty, x.from_cart) for x in dialog.lines] == [
        ("SHIRT-L", 1, True),
        ("SOCKS-1", 2, True),
    ]
    assert text_of(dialog, "lineStock_SHIRT-L") == "5 in stock here"
    tap(qtbot, dialog, "checkoutCardRest")
    confirm(qtbot, world, dialog)
    [body] = sale_commands(world)
    assert body["cart_id"] == "cart-1"
    assert body["lines"] == [{"sku": "SHIRT-L", "qty": 1}, {"sku": "SOCKS-1", "qty": 2}]


def test_offline_the_sale_waits_in_the_outbox_and_the_done_page_follows_central(
    qtbot: QtBot, world: GuiWorld, colors: Colors
) -> None:
    dialog = open_checkout(qtbot, world, colors)
    tap(qtbot, dialog, "checkoutCashRest")
    type_in(qtbot, dialog, "checkoutCashGiven", "200")
    confirm(qtbot, world, dialog)
    [command] = world.tablet.commands()
    assert command.kind == "store_sale" and command.state == "pending"
    assert dialog.done_page.state == "pending"
    assert "it will be sent to central when the tablet is online" in dialog.done_page.status_text
    assert text_of(dialog, "doneNumber") == "The order number follows from central."
    assert text_of(dialog, "doneChange") == "30,03 zł"

    # Back online: the engine sends it, central answers with the number, the engine says so.
    order = dialog.order
    assert order is not None
    with world.tablet.store.unit() as unit:
        unit.outbox.mark_sending(command.id, NOW)
        unit.outbox.mark_done(command.id, 201, {"id": order.id}, NOW)
    world.tablet.put("order", replace(order, number="S26-000123", version=2))
    world.publish(PendingChanged(0, 0))
    qtbot.waitUntil(lambda: dialog.done_page.state == "done")
    settle(qtbot, world.bridge)
    assert dialog.done_page.status_text == "Sent to central."
    assert text_of(dialog, "doneNumber") == "Order S26-000123"


def test_the_receipt_is_saved_as_a_pdf_with_the_sales_lines(
    qtbot: QtBot, world: GuiWorld, colors: Colors, qapp: QApplication, tmp_path: Path
) -> None:
    services = world.services_as("anna")
    services.receipt_key = private_key_text(Ed25519PrivateKey.generate())
    dialog = open_checkout(qtbot, world, colors, services=services)
    tap(qtbot, dialog, "pointsMore")
    tap(qtbot, dialog, "checkoutCardRest")
    confirm(qtbot, world, dialog)
    assert dialog.showing_done

    tap(qtbot, dialog, "receiptPaperA4")
    tap(qtbot, dialog, "receiptSavePdf")
    files = dialog.done_page.receipt.file_dialog
    assert files is not None and files.isVisible()
    target = tmp_path / "receipt.pdf"
    with qtbot.waitSignal(dialog.done_page.receipt.saved, timeout=10000) as saved:
        files.selectFile(str(target))
        files.accept()
        settle(qtbot, world.bridge)
    assert saved.args == [target] and target.exists()
    assert dialog.done_page.receipt.message_text == f"The receipt is saved as {target}."

    doc = QPdfDocument(qapp)
    assert doc.load(str(target)) == QPdfDocument.Error.None_
    text = flat("\n".join(doc.getAllText(p).text() for p in range(doc.pageCount())))
    for expected in (STORE_NAME, "Produkt SHIRT-M", "Produkt SOCKS-1", "Served by Anna"):
        assert expected in text, expected
    assert "169,97 zł" in text and "164,97 zł" in text  # the total, and what the card paid

    roll = tmp_path / "roll.pdf"
    with qtbot.waitSignal(dialog.done_page.receipt.saved, timeout=10000):
        dialog.done_page.receipt.save_pdf(roll, "roll80")
        settle(qtbot, world.bridge)
    assert roll.exists() and doc.load(str(roll)) == QPdfDocument.Error.None_
    assert doc.pagePointSize(0).width() < 80 / 25.4 * 72 + 1  # 80 mm wide


def test_without_a_receipt_key_the_receipt_buttons_say_why(
    qtbot: QtBot, world: GuiWorld, colors: Colors
) -> None:
    dialog = open_checkout(qtbot, world, colors)
    tap(qtbot, dialog, "checkoutCardRest")
    confirm(qtbot, world, dialog)
    assert not child(dialog, QPushButton, "receiptPrint").isEnabled()
    assert not child(dialog, QPushButton, "receiptSavePdf").isEnabled()
    assert "no receipt key" in dialog.done_page.receipt.message_text


def test_esc_closes_at_once_when_nothing_changed_and_asks_first_otherwise(
    qtbot: QtBot, world: GuiWorld, colors: Colors
) -> None:
    untouched = open_checkout(qtbot, world, colors)
    qtbot.keyClick(untouched, Qt.Key.Key_Escape)
    assert untouched.result() == QDialog.DialogCode.Rejected and not untouched.isVisible()

    dialog = open_checkout(qtbot, world, colors)
    type_in(qtbot, dialog, "checkoutCardAmount", "20")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.asking_discard
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # a second Esc backs out, never discards
    assert dialog.isVisible() and not dialog.asking_discard
    tap(qtbot, dialog, "checkoutCancel")
    assert dialog.asking_discard
    tap(qtbot, dialog, "checkoutKeep")
    assert child(dialog, QLineEdit, "checkoutCardAmount").text() == "20"
    tap(qtbot, dialog, "checkoutCancel")
    tap(qtbot, dialog, "checkoutDiscard")
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert sale_commands(world) == []


def test_a_double_tap_on_confirm_sells_once(qtbot: QtBot, world: GuiWorld, colors: Colors) -> None:
    dialog = open_checkout(qtbot, world, colors)
    tap(qtbot, dialog, "checkoutCardRest")
    button = child(dialog, QPushButton, "checkoutConfirm")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialog.selling and not button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog.confirm()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # no cancelling mid-sale either
    settle(qtbot, world.bridge)
    assert len(sale_commands(world)) == 1 and dialog.showing_done


def _controls(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLineEdit | QAbstractSpinBox) and w.isVisibleTo(root)
    ]


def test_every_control_is_named_accessible_and_touch_sized(
    qtbot: QtBot, world: GuiWorld, colors: Colors
) -> None:
    world.tablet.put("inventory", InventoryLevel(STORE, "SHIRT-M", on_hand=0))
    dialog = open_checkout(qtbot, world, colors)
    tap(qtbot, dialog, "checkoutCashRest")
    sale_controls = _controls(dialog.pages.currentWidget())
    assert len(sale_controls) >= 20
    assert "lineSwap_SHIRT-M_SHIRT-L" in {c.objectName() for c in sale_controls}
    check_controls(sale_controls)
    tap(qtbot, dialog, "lineRemove_SHIRT-M")
    tap(qtbot, dialog, "checkoutCashRest")
    type_in(qtbot, dialog, "checkoutCashGiven", "50")
    confirm(qtbot, world, dialog)
    assert dialog.showing_done
    check_controls(_controls(dialog.done_page))


def check_controls(controls: list[QWidget]) -> None:
    for control in controls:
        assert control.objectName(), control
        assert control.accessibleName(), control.objectName()
        assert control.height() >= 44, control.objectName()
        if isinstance(control, QAbstractButton):
            assert control.width() >= 44, control.objectName()


@pytest.mark.parametrize(
    ("page", "width", "height"),
    [("sale", 1280, 800), ("done", 1280, 800), ("sale", 1120, 700), ("done", 1120, 700)],
)
def test_nothing_is_clipped_at_a_tablets_size_with_every_string_longer(
    qtbot: QtBot,
    world: GuiWorld,
    colors: Colors,
    qapp: QApplication,
    page: str,
    width: int,
    height: int,
) -> None:
    stretched = StretchTranslator()
    qapp.installTranslator(stretched)
    try:
        world.tablet.put("inventory", InventoryLevel(STORE, "SHIRT-M", on_hand=1))
        dialog = open_checkout(qtbot, world, colors)
        dialog.resize(width, height)  # a tablet's screen, and the dialog's smallest size
        tap(qtbot, dialog, "linePlus_SHIRT-M")
        tap(qtbot, dialog, "pointsMore")
        type_in(qtbot, dialog, "checkoutCardAmount", "100")
        tap(qtbot, dialog, "checkoutCashRest")
        type_in(qtbot, dialog, "checkoutCashGiven", "1000")
        if page == "done":
            world.tablet.put("inventory", InventoryLevel(STORE, "SHIRT-M", on_hand=9))
            confirm(qtbot, world, dialog)
            assert dialog.showing_done
        qtbot.wait(20)
        if SHOTS:
            dialog.grab().save(str(Path(SHOTS) / f"checkout-{page}-{width}-stretched.png"))
        assert clipped(dialog) == []
    finally:
        qapp.removeTranslator(stretched)


def test_screenshots(qtbot: QtBot, world: GuiWorld, colors: Colors) -> None:
    """Both pages at a tablet's size (saved only when CLERK_CHECKOUT_SHOTS names a folder)."""
    services = world.services_as("anna")
    services.receipt_key = private_key_text(Ed25519PrivateKey.generate())
    world.tablet.put("inventory", InventoryLevel(STORE, "SHIRT-M", on_hand=1))
    dialog = open_checkout(qtbot, world, colors, services=services)
    check = resolve_scan(world.tablet.ctx, EANS["JEANS-32"])
    assert isinstance(check, ProductCheck)
    dialog.add_product(check)
    tap(qtbot, dialog, "pointsMore", 4)
    type_in(qtbot, dialog, "checkoutCardAmount", "300")
    type_in(qtbot, dialog, "checkoutCardReference", "AUTH 0042 1187")
    tap(qtbot, dialog, "checkoutCashRest")
    tap(qtbot, dialog, "cashGivenNote2")
    qtbot.wait(20)
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "checkout-sale.png"))
    assert dialog.can_confirm
    confirm(qtbot, world, dialog)
    qtbot.wait(20)
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "checkout-done-page.png"))
    assert dialog.showing_done and dialog.change_due > Money(Decimal("0"))


def test_the_lock_hides_the_sale_and_someone_else_signing_in_closes_it(
    qtbot: QtBot, world: GuiWorld, colors: Colors
) -> None:
    services = world.services_as("anna")
    dialog = open_checkout(qtbot, world, colors, services=services)
    type_in(qtbot, dialog, "checkoutCardAmount", "20")
    anna = services.session.staff
    assert anna is not None
    services.session.lock()
    assert not dialog.isVisible()  # the lock screen covers the customer and the money
    services.session.sign_in(anna)
    assert dialog.isVisible()
    assert child(dialog, QLineEdit, "checkoutCardAmount").text() == "20"

    services.session.lock()
    maria = SignedInStaff("maria", "Maria", Role.MANAGER)
    services.session.sign_in(maria)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert sale_commands(world) == []


def test_a_customer_known_only_by_their_app_code_is_named_on_the_sale(
    qtbot: QtBot, world: GuiWorld, colors: Colors
) -> None:
    dialog = CheckoutDialog(
        world.services_as("anna"), colors, None, None, customer_id="cust-outsider"
    )
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "cust-outsider" in text_of(dialog, "checkoutCustomer")
    assert dialog.findChild(QWidget, "pointsMore") is None  # nothing to redeem here
    check = resolve_scan(world.tablet.ctx, EANS["SOCKS-1"])
    assert isinstance(check, ProductCheck)
    dialog.add_product(check)
    tap(qtbot, dialog, "checkoutCardRest")
    with qtbot.waitSignal(dialog.saleQueued) as queued:
        confirm(qtbot, world, dialog)
    assert queued.args[0].customer_id == "cust-outsider"
    [body] = sale_commands(world)
    assert body["customer_id"] == "cust-outsider" and "redeem_points" not in body
    assert text_of(dialog, "donePointsEarned") == "counted by central"
