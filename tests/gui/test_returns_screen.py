"""The Returns screen as the clerk uses it, over the tablet's real store and services: find the
purchase (receipt code, typed number), decide line by line with the policy's verdicts, the
refund summary per tender, store credit, an exchange, final sale and a passed window with a
manager's override, and the return receipt. (The offline return that syncs and the second
tablet run against the real central: tests/gui/test_returns_live.py.)"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from clerk.domain.entities import (
    Fulfilment,
    InventoryLevel,
    Order,
    OrderStatus,
    Product,
    Refund,
    RefundMethod,
    Return,
    ReturnReason,
    Tender,
)
from clerk.domain.money import Money
from clerk.domain.tokens import key_id_for, private_key_text, receipt_token
from clerk.ui.i18n import qm_path
from clerk.ui.override import ManagerOverrideDialog
from clerk.ui.scanning.router import ScanRouter
from clerk.ui.screens.returns.screen import ReturnsScreen
from clerk.ui.session import AppServices
from clerk.ui.theme import LIGHT, apply_theme
from tests.gui.conftest import GuiWorld, settle
from tests.gui.layout_check import StretchTranslator, clipped
from tests.printing.pdf import read_pdf
from tests.services.world import NOW, PRICES, STORE, order, product, put_keys

CENTRAL_KEY = Ed25519PrivateKey.generate()
DEVICE_KEY = Ed25519PrivateKey.generate()
SIZE = (1180, 700)  # what the main window leaves a screen on a 1280×800 tablet


@pytest.fixture
def services(qapp: QApplication, gui_world: GuiWorld) -> AppServices:
    """Anna (sales) signed in, the tablet holding its receipt key, the app's theme."""
    apply_theme(qapp, "light")
    services = gui_world.services_as("anna")
    services.receipt_key = private_key_text(DEVICE_KEY)
    return services


@pytest.fixture
def screen(qtbot: QtBot, gui_world: GuiWorld, services: AppServices) -> Iterator[ReturnsScreen]:
    screen = ReturnsScreen(services, LIGHT, gui_world.pins)
    screen.resize(*SIZE)
    screen.show()
    qtbot.waitExposed(screen)
    yield screen
    # Not qtbot.addWidget: ops still running would answer to a deleted screen.
    settle(qtbot, gui_world.bridge)
    screen.close()
    screen.deleteLater()


def store_sale(
    world: GuiWorld,
    lines: Sequence[tuple[str, int]] = (("SHIRT-M", 2),),
    *,
    payments: Sequence[tuple[Tender, str]] | None = None,
    days_ago: int = 3,
    points_earned: int = 0,
) -> Order:
    """A carry-out sale here, paid in cash unless ``payments`` say otherwise."""
    total = sum(Decimal(PRICES[sku]) * qty for sku, qty in lines)
    return order(
        world.tablet,
        lines,
        status=OrderStatus.COMPLETED,
        fulfilment=Fulfilment.CARRY_OUT,
        payments=payments or [(Tender.CASH, str(total))],
        created_at=NOW - timedelta(days=days_ago),
        points_earned=points_earned,
    )


def opened(qtbot: QtBot, world: GuiWorld, screen: ReturnsScreen, order_id: str) -> None:
    with qtbot.waitSignal(screen.purchaseShown, timeout=5000):
        screen.open_order(order_id)
    previewed(qtbot, world)


def choose(
    qtbot: QtBot,
    world: GuiWorld,
    screen: ReturnsScreen,
    line_id: str,
    qty: int,
    reason: ReturnReason = ReturnReason.TOO_SMALL,
) -> None:
    """Tap + ``qty`` times on the line and pick the reason; wait for the policy's answer."""
    row = screen.decide.row(line_id)
    for _ in range(qty):
        qtbot.mouseClick(row.plus, Qt.MouseButton.LeftButton)
    row.set_reason(reason)
    previewed(qtbot, world)


def previewed(qtbot: QtBot, world: GuiWorld) -> None:
    qtbot.wait(120)  # the edit burst settles, then the policy is asked once
    settle(qtbot, world.bridge)


def summary(screen: ReturnsScreen) -> dict[str, str]:
    """The refund summary as shown: caption → amount."""
    grid = screen.decide.refund.summary
    labels = [w for w in grid.findChildren(QLabel) if not w.isHidden()]
    rows: dict[str, str] = {}
    layout = screen.decide.refund._rows
    for row in range(layout.rowCount()):
        left = layout.itemAtPosition(row, 0)
        right = layout.itemAtPosition(row, 1)
        if left is None or right is None:
            continue
        left_w, right_w = left.widget(), right.widget()
        assert isinstance(left_w, QLabel) and isinstance(right_w, QLabel)
        if left_w in labels:
            rows[left_w.text()] = right_w.text().replace("\u00a0", " ")
    return rows


def confirmed(qtbot: QtBot, world: GuiWorld, screen: ReturnsScreen) -> None:
    """Ctrl+Enter, as the main window passes it on; the return is queued."""
    with qtbot.waitSignal(screen.returned, timeout=5000):
        screen.primary_action()
    settle(qtbot, world.bridge)


def only_return(world: GuiWorld) -> dict[str, object]:
    [command] = [c for c in world.tablet.commands() if c.kind == "create_return"]
    body: dict[str, object] = command.body
    return body


def test_a_store_sale_paid_in_cash_comes_back_as_cash_and_goes_back_to_stock(
    qtbot: QtBot, gui_world: GuiWorld, screen: ReturnsScreen, tmp_path: Path, qapp: QApplication
) -> None:
    sale = store_sale(gui_world)
    line_id = f"{sale.id}-1"
    opened(qtbot, gui_world, screen, sale.id)
    assert screen.showing == "decide"
    row = screen.decide.row(line_id)
    assert row.facts.text() == "Bought 2 · already returned 0 · returnable now 2"
    assert row.verdict.text() == "In the return window until 06.04.2026."
    # Nothing chosen: nothing to confirm, and the screen says what is missing.
    assert not screen.decide.refund.confirm.isEnabled()
    assert screen.decide.refund.message.text() == "Choose how many of which items come back."

    qtbot.mouseClick(row.plus, Qt.MouseButton.LeftButton)
    previewed(qtbot, gui_world)
    assert screen.decide.refund.message.text() == "Choose why each item comes back."
    assert not screen.decide.refund.confirm.isEnabled()
    row.set_reason(ReturnReason.TOO_BIG)
    previewed(qtbot, gui_world)
    assert summary(screen) == {"Value returned": "129,99 zł", "Refund in cash": "129,99 zł"}
    assert screen.decide.refund.pending.isHidden()  # cash is done here
    on_hand = gui_world.tablet.stock("SHIRT-M")[0]

    confirmed(qtbot, gui_world, screen)
    assert screen.showing == "done"
    body = only_return(gui_world)
    assert body["refund_method"] == "original" and "override" not in body
    assert body["lines"] == [
        {"line_id": line_id, "qty": 1, "reason": "too_big", "condition": "resellable"}
    ]
    assert gui_world.tablet.stock("SHIRT-M")[0] == on_hand + 1
    done = screen.done
    assert done.subtitle.text().endswith(f"of order {sale.number}")
    assert done.status_text.startswith("Saved on this tablet and queued for central")
    assert done.pending.isHidden()

    # The return receipt, as a PDF: what came back, the cash refund, the order's R code.
    put_keys(gui_world.tablet, CENTRAL_KEY, DEVICE_KEY)
    pdf = tmp_path / "return.pdf"
    with qtbot.waitSignal(done.receipt.saved, timeout=10_000):
        done.receipt.save_pdf(pdf, "a4")
    doc, text = read_pdf(qapp, pdf)
    doc.close()
    assert "Return receipt" in text and f"of order {sale.number}" in text
    assert "Produkt SHIRT-M" in text and "Refund: Cash 129,99 zł" in text
    assert "saved offline" in text  # still queued: the receipt says so

    # The next return of the same line knows the first: one left.
    screen.primary_action()
    assert screen.showing == "find"
    opened(qtbot, gui_world, screen, sale.id)
    again = screen.decide.row(line_id)
    assert again.facts.text() == "Bought 2 · already returned 1 · returnable now 1"
    assert screen.decide.earlier.isVisible()


def test_an_online_order_returned_in_store_goes_back_to_the_card_through_central(
    qtbot: QtBot, gui_world: GuiWorld, screen: ReturnsScreen
) -> None:
    # A web order delivered five days ago, paid by card and 100 points; 238 points earned.
    web = order(
        gui_world.tablet,
        [("SHIRT-M", 2)],
        status=OrderStatus.DELIVERED,
        fulfilment=Fulfilment.SHIP,
        payments=[(Tender.CARD, "159.98"), (Tender.POINTS, "100.00")],
        points_earned=238,
    )
    data = gui_world.tablet.get("order", web.id)
    assert data is not None
    data["delivered_at"] = (NOW - timedelta(days=5)).isoformat()
    gui_world.tablet.put("order", data)
    opened(qtbot, gui_world, screen, web.id)
    assert "Web" in screen.decide.facts.text()
    choose(qtbot, gui_world, screen, f"{web.id}-1", 1)
    assert summary(screen) == {
        "Value returned": "129,99 zł",
        "Refund to the card (central pays it out)": "79,99 zł",
        "Points given back": "1000 points",
        "Points earned on these items, taken back": "−119",
    }
    pending = screen.decide.refund.pending
    assert pending.isVisible()
    assert "79,99 zł to the card is pending" in pending.text().replace("\xa0", " ")
    points_before = gui_world.tablet.points()

    confirmed(qtbot, gui_world, screen)
    ret = screen.outcome.value if screen.outcome else None
    assert ret is not None and ret.status == "refund_pending"
    assert {(r.tender, r.status) for r in ret.refunds} == {
        (Tender.CARD, "pending"),
        (Tender.POINTS, "issued"),
    }
    # Points: 1000 redeemed points back, 119 earned on the returned part taken back, once.
    assert gui_world.tablet.points() == points_before + 1000 - 119
    assert screen.done.pending.isVisible()
    assert "to the card is pending" in screen.done.pending.text()


def test_store_credit_refunds_everything_as_one_store_credit(
    qtbot: QtBot, gui_world: GuiWorld, screen: ReturnsScreen
) -> None:
    sale = store_sale(gui_world, payments=[(Tender.CARD, "159.98"), (Tender.CASH, "100.00")])
    opened(qtbot, gui_world, screen, sale.id)
    choose(qtbot, gui_world, screen, f"{sale.id}-1", 2, ReturnReason.CHANGED_MIND)
    assert summary(screen) == {
        "Value returned": "259,98 zł",
        "Refund to the card (central pays it out)": "159,98 zł",
        "Refund in cash": "100,00 zł",
    }
    qtbot.mouseClick(screen.decide.refund.store_credit, Qt.MouseButton.LeftButton)
    previewed(qtbot, gui_world)
    assert summary(screen) == {
        "Value returned": "259,98 zł",
        "Refund as store credit": "259,98 zł",
    }
    assert screen.decide.refund.pending.isHidden()  # store credit is done here, offline too
    confirmed(qtbot, gui_world, screen)
    assert only_return(gui_world)["refund_method"] == "store_credit"
    assert screen.outcome is not None and screen.outcome.value.status == "completed"


def test_an_exchange_is_a_return_and_a_sale_in_one_action_the_difference_settled(
    qtbot: QtBot, gui_world: GuiWorld, screen: ReturnsScreen
) -> None:
    tablet = gui_world.tablet
    large = Product.from_dict({**product("SHIRT-M").to_dict(), "sku": "SHIRT-L", "size": "L"})
    dearer = Product.from_dict(
        {**product("SHIRT-M").to_dict(), "sku": "SHIRT-XL", "size": "XL", "price": "139.99"}
    )
    cheaper = Product.from_dict(
        {**product("SHIRT-M").to_dict(), "sku": "SHIRT-S", "size": "S", "price": "99.99"}
    )
    for variant in (large, dearer, cheaper):
        tablet.put("product", variant)
        tablet.put("inventory", InventoryLevel(STORE, variant.sku, on_hand=3))
    sale = store_sale(gui_world, [("SHIRT-M", 1)])
    line_id = f"{sale.id}-1"
    opened(qtbot, gui_world, screen, sale.id)
    choose(qtbot, gui_world, screen, line_id, 1, ReturnReason.TOO_SMALL)
    refund = screen.decide.refund
    assert refund.exchange.isEnabled()
    qtbot.mouseClick(refund.exchange, Qt.MouseButton.LeftButton)
    previewed(qtbot, gui_world)
    assert refund.message.text() == "Choose the replacement size or colour."
    assert not refund.confirm.isEnabled()

    # The dearer size: the customer pays the difference by card.
    refund.choose_replacement(line_id, "SHIRT-XL")
    previewed(qtbot, gui_world)
    assert refund.difference.text().replace("\xa0", " ") == (
        "The replacement costs 10,00 zł more: the customer pays it."
    )
    assert summary(screen) == {
        "Value returned": "129,99 zł",
        "Pays for the replacement": "129,99 zł",
    }
    # A cheaper size: what it does not take goes back to the original payment (cash here).
    refund.choose_replacement(line_id, "SHIRT-S")
    previewed(qtbot, gui_world)
    assert refund.difference.text().replace("\xa0", " ") == (
        "The replacement costs 30,00 zł less: it goes back to the original payment."
    )
    assert summary(screen) == {
        "Value returned": "129,99 zł",
        "Pays for the replacement": "99,99 zł",
        "Refund in cash": "30,00 zł",
    }
    # Then the same price: nothing to pay.
    refund.choose_replacement(line_id, "SHIRT-L")
    previewed(qtbot, gui_world)
    assert refund.difference.text() == "Same price: nothing to pay, nothing to refund."
    assert refund.pay_card.isHidden()
    stock_m, stock_l = tablet.stock("SHIRT-M")[0], tablet.stock("SHIRT-L")[0]

    confirmed(qtbot, gui_world, screen)
    body = only_return(gui_world)
    assert body["refund_method"] == "exchange"
    exchange = body["exchange"]
    assert isinstance(exchange, dict)
    assert exchange["lines"] == [{"sku": "SHIRT-L", "qty": 1}] and exchange["payments"] == []
    # One action: the M back on the shelf, the L off it, and the new sale paid by the return.
    assert tablet.stock("SHIRT-M")[0] == stock_m + 1
    assert tablet.stock("SHIRT-L")[0] == stock_l - 1
    new_sale = tablet.get("order", str(exchange["id"]))
    assert new_sale is not None
    assert new_sale["payments"] == [
        {"tender": "store_credit", "amount": "129.99", "reference": "exchange"}
    ]
    assert len(gui_world.tablet.commands()) == 1  # one command for central: all or nothing


def test_a_final_sale_item_is_refused_unless_a_manager_overrides(
    qtbot: QtBot, gui_world: GuiWorld, screen: ReturnsScreen
) -> None:
    sale = store_sale(gui_world, [("SALE-1", 1)])
    line_id = f"{sale.id}-1"
    opened(qtbot, gui_world, screen, sale.id)
    row = screen.decide.row(line_id)
    assert row.verdict.text() == "Final sale: not returnable — only with a manager's override."
    choose(qtbot, gui_world, screen, line_id, 1, ReturnReason.CHANGED_MIND)
    refund = screen.decide.refund
    # The policy refuses: nothing to confirm, the line says what it takes.
    assert not refund.confirm.isEnabled()
    assert refund.message.text() == "An item outside the policy needs a manager's override."
    assert row.override_button.isVisible()
    screen.confirm()  # Ctrl+Enter does nothing either
    settle(qtbot, gui_world.bridge)
    assert not gui_world.tablet.commands() and screen.showing == "decide"


def test_a_passed_window_is_taken_back_with_a_managers_override_shown_and_audited(
    qtbot: QtBot, gui_world: GuiWorld, screen: ReturnsScreen
) -> None:
    sale = store_sale(gui_world, [("JEANS-32", 1)], days_ago=40)
    line_id = f"{sale.id}-1"
    opened(qtbot, gui_world, screen, sale.id)
    row = screen.decide.row(line_id)
    assert row.verdict.text() == (
        "The 30-day window passed on 28.02.2026 — only with a manager's override."
    )
    choose(qtbot, gui_world, screen, line_id, 1, ReturnReason.NOT_AS_DESCRIBED)
    assert not screen.decide.refund.confirm.isEnabled()
    qtbot.mouseClick(row.override_button, Qt.MouseButton.LeftButton)
    dialog = screen.override_dialog
    assert isinstance(dialog, ManagerOverrideDialog)
    settle(qtbot, gui_world.bridge)
    reason = dialog.findChild(QLineEdit, "overrideReason")
    assert reason is not None
    reason.setText("Seam opened after two wears")
    for digit in "3333":
        key = dialog.findChild(QPushButton, f"pinKey_{digit}")
        assert key is not None
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)
    approve = dialog.findChild(QPushButton, "overrideApprove")
    assert approve is not None
    with qtbot.waitSignal(dialog.approved, timeout=5000):
        qtbot.mouseClick(approve, Qt.MouseButton.LeftButton)
    settle(qtbot, gui_world.bridge)
    previewed(qtbot, gui_world)
    assert row.override_label.text() == "Allowed by Maria: Seam opened after two wears"
    assert row.override_button.isHidden()
    assert screen.decide.refund.confirm.isEnabled()

    confirmed(qtbot, gui_world, screen)
    body = only_return(gui_world)
    assert body["override"] == {"manager_id": "maria", "reason": "Seam opened after two wears"}
    [entry] = [e for e in gui_world.tablet.audit() if e.action == "create_return"]
    assert entry.detail["override"] == {
        "manager_id": "maria",
        "reason": "Seam opened after two wears",
    }
    assert screen.outcome is not None
    assert screen.outcome.value.override_manager_id == "maria"


def test_a_receipt_code_and_a_typed_number_open_the_purchase(
    qtbot: QtBot, gui_world: GuiWorld, screen: ReturnsScreen
) -> None:
    tablet = gui_world.tablet
    sale = store_sale(gui_world)
    put_keys(tablet, CENTRAL_KEY, DEVICE_KEY)
    router = ScanRouter(tablet.ctx, gui_world.bridge)
    router.set_accepting(True)
    router.receiptScanned.connect(screen.show_receipt_scan)
    router.orderNumberEntered.connect(lambda scan: screen.find_number(scan.number))
    code = receipt_token(
        sale.id, STORE, "dev-waw-1", DEVICE_KEY, key_id_for(DEVICE_KEY.public_key()), NOW
    )
    with qtbot.waitSignal(screen.purchaseShown, timeout=5000) as shown:
        router.submit(code)
    assert shown.args == [sale.id]
    screen.back_to_find()
    # Typed in the scan box (any case) or in the screen's own field.
    with qtbot.waitSignal(screen.purchaseShown, timeout=5000) as shown:
        router.submit(sale.number.lower())
    assert shown.args == [sale.id]
    screen.back_to_find()
    qtbot.keyClicks(screen.finder.number, sale.number)
    with qtbot.waitSignal(screen.purchaseShown, timeout=5000):
        qtbot.keyClick(screen.finder.number, Qt.Key.Key_Return)
    settle(qtbot, gui_world.bridge)


def test_an_order_neither_here_nor_reachable_says_so(
    qtbot: QtBot, gui_world: GuiWorld, screen: ReturnsScreen
) -> None:
    screen.find_number("W26-0009999")
    qtbot.waitUntil(
        lambda: screen.banner.isVisible() and "cannot be reached" in screen.banner.text()
    )
    settle(qtbot, gui_world.bridge)
    assert screen.showing == "find"
    assert screen.banner.text().startswith("This order is not on the tablet")


def test_nothing_left_and_never_collected_lines_cannot_be_chosen(
    qtbot: QtBot, gui_world: GuiWorld, screen: ReturnsScreen
) -> None:
    done = store_sale(gui_world, [("SOCKS-1", 1)])
    data = gui_world.tablet.get("order", done.id)
    assert data is not None
    data["lines"][0]["returned_qty"] = 1
    gui_world.tablet.put("order", data)
    opened(qtbot, gui_world, screen, done.id)
    row = screen.decide.row(f"{done.id}-1")
    assert row.verdict.text() == "Nothing left to return: all of it has come back."
    assert not row.plus.isEnabled() and not row.qty.isEnabled()
    assert "Nothing of this order can be returned now" in screen.banner.text()


def open_dialogs() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def test_esc_closes_the_approval_then_goes_back(
    qtbot: QtBot, gui_world: GuiWorld, screen: ReturnsScreen
) -> None:
    sale = store_sale(gui_world, [("SALE-1", 1)])
    opened(qtbot, gui_world, screen, sale.id)
    choose(qtbot, gui_world, screen, f"{sale.id}-1", 1)
    row = screen.decide.row(f"{sale.id}-1")
    qtbot.mouseClick(row.override_button, Qt.MouseButton.LeftButton)
    settle(qtbot, gui_world.bridge)
    assert open_dialogs()
    screen.cancel()
    qtbot.waitUntil(lambda: not open_dialogs())
    assert screen.showing == "decide"
    screen.cancel()
    assert screen.showing == "find"


@pytest.mark.parametrize("language", ["stretched", "polish"])
def test_the_decision_and_the_done_page_show_all_their_text(
    qtbot: QtBot, gui_world: GuiWorld, services: AppServices, qapp: QApplication, language: str
) -> None:
    translator: QTranslator
    if language == "stretched":
        translator = StretchTranslator()
    else:
        translator = QTranslator()
        assert translator.load(str(qm_path("pl")))
    qapp.installTranslator(translator)
    screen = ReturnsScreen(services, LIGHT, gui_world.pins)
    try:
        screen.resize(*SIZE)
        screen.show()
        qtbot.waitExposed(screen)
        problems = [f"find: {p}" for p in clipped(screen)]
        tablet = gui_world.tablet
        tablet.put(
            "product",
            Product.from_dict(product("SHIRT-M").to_dict() | {"sku": "SHIRT-L", "size": "L"}),
        )
        tablet.put("inventory", InventoryLevel(STORE, "SHIRT-L", on_hand=3))
        sale = store_sale(
            gui_world,
            [("SHIRT-M", 2), ("SALE-1", 1)],
            payments=[(Tender.CARD, "200.00"), (Tender.CASH, "118.98")],
        )
        opened(qtbot, gui_world, screen, sale.id)
        choose(qtbot, gui_world, screen, f"{sale.id}-1", 1)
        choose(qtbot, gui_world, screen, f"{sale.id}-2", 1)
        problems += [f"decide: {p}" for p in clipped(screen)]
        qtbot.mouseClick(screen.decide.refund.exchange, Qt.MouseButton.LeftButton)
        screen.decide.refund.choose_replacement(f"{sale.id}-1", "SHIRT-L")
        previewed(qtbot, gui_world)
        problems += [f"exchange: {p}" for p in clipped(screen)]
        qtbot.mouseClick(screen.decide.refund.original, Qt.MouseButton.LeftButton)
        screen.decide.row(f"{sale.id}-2").set_qty(0)
        previewed(qtbot, gui_world)
        confirmed(qtbot, gui_world, screen)
        qtbot.wait(50)
        problems += [f"done: {p}" for p in clipped(screen)]
        assert not problems, "\n".join(problems)
    finally:
        settle(qtbot, gui_world.bridge)
        screen.close()
        screen.deleteLater()
        qapp.removeTranslator(translator)


def test_a_purchase_changed_meanwhile_is_shown_afresh(
    qtbot: QtBot, gui_world: GuiWorld, screen: ReturnsScreen
) -> None:
    sale = store_sale(gui_world)
    line_id = f"{sale.id}-1"
    opened(qtbot, gui_world, screen, sale.id)
    choose(qtbot, gui_world, screen, line_id, 2)
    # Another tablet returned one of the two; the feed brings the order.
    data = gui_world.tablet.get("order", sale.id)
    assert data is not None
    data["lines"][0]["returned_qty"] = 1
    data["version"] += 1
    gui_world.tablet.put("order", data)
    screen.data_changed(frozenset({"order"}))
    qtbot.waitUntil(lambda: screen.decide.row(line_id).item.returnable == 1)
    previewed(qtbot, gui_world)
    assert "changed meanwhile" in screen.banner.text()
    row = screen.decide.row(line_id)
    assert row.facts.text() == "Bought 2 · already returned 1 · returnable now 1"
    assert row.chosen_qty == 0 and not screen.decide.refund.confirm.isEnabled()
    # Nothing changed: the clerk's choices stay.
    choose(qtbot, gui_world, screen, line_id, 1)
    screen.data_changed(frozenset({"order"}))
    previewed(qtbot, gui_world)
    assert screen.decide.row(line_id).chosen_qty == 1


def test_a_refund_changed_meanwhile_is_shown_afresh_with_a_warning(
    qtbot: QtBot, gui_world: GuiWorld, screen: ReturnsScreen
) -> None:
    """The same units can still come back, but an earlier refund of the order arrived (from
    central's feed): the split per tender moves, so the summary on screen is redone."""
    sale = store_sale(
        gui_world, [("SHIRT-M", 2)], payments=[(Tender.CARD, "200.00"), (Tender.CASH, "59.98")]
    )
    line_id = f"{sale.id}-1"
    opened(qtbot, gui_world, screen, sale.id)
    choose(qtbot, gui_world, screen, line_id, 1)
    previewed(qtbot, gui_world)
    assert summary(screen) == {
        "Value returned": "129,99 zł",
        "Refund to the card (central pays it out)": "100,00 zł",
        "Refund in cash": "29,99 zł",
    }
    screen.banner.hide()
    # Central booked an earlier refund of 120,00 zł to the card (no units on this line).
    earlier = Return(
        id="ret-earlier-0001",
        order_id=sale.id,
        store_id=STORE,
        staff_id="anna",
        created_at=NOW,
        lines=[],
        refund_method=RefundMethod.ORIGINAL,
        refunds=[Refund(Tender.CARD, Money.of("120.00"))],
    )
    gui_world.tablet.put("return", earlier)
    screen.data_changed(frozenset({"return"}))
    qtbot.waitUntil(lambda: "Refund in cash" in summary(screen) and "49,99" in str(summary(screen)))
    previewed(qtbot, gui_world)
    assert summary(screen) == {
        "Value returned": "129,99 zł",
        "Refund to the card (central pays it out)": "80,00 zł",
        "Refund in cash": "49,99 zł",
    }
    assert "changed meanwhile" in screen.banner.text() and screen.banner.isVisible()
    assert screen.decide.row(line_id).chosen_qty == 1  # the clerk's choice stays
    # Read again with nothing new: no warning.
    screen.banner.hide()
    screen.data_changed(frozenset({"return"}))
    previewed(qtbot, gui_world)
    assert not screen.banner.isVisible()
