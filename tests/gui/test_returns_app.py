"""The Returns screen in the real app on a real central: a receipt's R code from any screen, an
order number typed in the scan box, and Return… on an order opened from the Counter's timeline
each open the purchase on the Returns screen (F3)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from clerk.domain.entities import Order, ReturnReason
from clerk.domain.tokens import key_id_for, load_private_key, receipt_token
from clerk.services.customers_central import order_detail
from clerk.ui.screens.counter.detail import OrderDialog
from clerk.ui.screens.counter.screen import CounterScreen
from clerk.ui.screens.returns.screen import ReturnsScreen
from clerk.ui.session import Screen
from clerk.ui.shell import Shell
from tests.gui.app_rig import SALES, TabletRig
from tests.gui.test_app import rig, shell, sign_in  # noqa: F401 (fixtures)
from tests.sync.conftest import central_template  # noqa: F401 (a fixture)


def a_store_sale(rig: TabletRig) -> Order:  # noqa: F811
    """A numbered store order on the tablet."""
    with rig.tablet.store.unit(read_only=True) as unit:
        for customer in unit.customers.page(limit=200):
            for found in unit.orders.for_customer(customer.id):
                if found.channel == "store" and found.number:
                    return found
    raise AssertionError("the demo slice has no store sale")


def screens(qtbot: QtBot, shell: Shell) -> tuple[CounterScreen, ReturnsScreen]:  # noqa: F811
    sign_in(qtbot, shell.window, SALES)
    qtbot.waitUntil(lambda: not shell.window.showing_sign_in)
    counter = shell.window.screen_widget(Screen.COUNTER)
    returns = shell.window.screen_widget(Screen.RETURNS)
    assert isinstance(counter, CounterScreen) and isinstance(returns, ReturnsScreen)
    return counter, returns


def test_a_receipt_code_a_typed_number_and_the_timeline_open_the_returns_desk(
    qtbot: QtBot,
    shell: Shell,  # noqa: F811
    rig: TabletRig,  # noqa: F811
) -> None:
    sale = a_store_sale(rig)
    counter, returns = screens(qtbot, shell)
    window = shell.window
    assert window.current_screen is Screen.COUNTER

    # A receipt printed by this tablet, scanned at the Counter.
    key = load_private_key(rig.tablet.receipt_key)
    code = receipt_token(
        sale.id,
        rig.tablet.identity.store_id,
        rig.tablet.identity.device_id,
        key,
        key_id_for(key.public_key()),
        datetime.now(UTC),
    )
    with qtbot.waitSignal(returns.purchaseShown, timeout=10_000) as shown:
        shell.router.submit(code)
    assert shown.args == [sale.id] and window.current_screen is Screen.RETURNS
    assert returns.decide.title.text() == f"Order {sale.number}"
    qtbot.waitUntil(lambda: not shell.services.bridge.busy)

    # The order number, typed in the scan box on another screen.
    window.go(Screen.COUNTER)
    returns.back_to_find()
    with qtbot.waitSignal(returns.purchaseShown, timeout=10_000) as shown:
        shell.router.submit(sale.number)
    assert shown.args == [sale.id] and window.current_screen is Screen.RETURNS
    qtbot.waitUntil(lambda: not shell.services.bridge.busy)

    # Return… on the order opened from the customer's timeline.
    window.go(Screen.COUNTER)
    returns.back_to_find()
    detail = order_detail(shell.services.ctx, None, sale.id)
    assert detail is not None
    counter.entries.show_order(detail)
    dialog = counter.entries.dialog
    assert isinstance(dialog, OrderDialog)
    button = dialog.findChild(QPushButton, "orderReturn")
    assert button is not None and button.text() == "Return…"
    with qtbot.waitSignal(returns.purchaseShown, timeout=10_000) as shown:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert shown.args == [sale.id] and window.current_screen is Screen.RETURNS
    qtbot.waitUntil(lambda: not shell.services.bridge.busy)


def test_a_return_shows_at_once_on_the_customers_timeline(
    qtbot: QtBot,
    shell: Shell,  # noqa: F811
    rig: TabletRig,  # noqa: F811
) -> None:
    sale = a_store_sale(rig)
    assert sale.customer_id is not None
    counter, returns = screens(qtbot, shell)
    with qtbot.waitSignal(counter.customerShown, timeout=10_000):
        counter.open_customer(sale.customer_id)
    qtbot.waitUntil(lambda: not shell.services.bridge.busy)
    before = [e for e in counter.timeline.entries if e.kind == "return"]

    shell.window.open_return(sale.id)
    qtbot.waitUntil(lambda: returns.showing == "decide", timeout=10_000)
    qtbot.waitUntil(lambda: not shell.services.bridge.busy)
    row = next(
        r for r in returns.decide.rows if r.item.returnable and not r.item.verdict.needs_override
    )
    row.set_qty(1)
    row.set_reason(ReturnReason.CHANGED_MIND)
    qtbot.wait(150)
    qtbot.waitUntil(lambda: returns.decide.refund.confirm.isEnabled(), timeout=5000)
    with qtbot.waitSignal(returns.returned, timeout=5000) as made:
        returns.primary_action()
    ret = made.args[0]
    qtbot.waitUntil(
        lambda: any(e.kind == "return" and e.ref_id == ret.id for e in counter.timeline.entries),
        timeout=5000,
    )
    assert len([e for e in counter.timeline.entries if e.kind == "return"]) == len(before) + 1
    qtbot.waitUntil(lambda: not shell.services.bridge.busy)
