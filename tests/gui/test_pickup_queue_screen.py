"""The Pickup desk's queue and preparing orders, as the pickup clerk and the manager use them:
states and urgency, search, picking by EAN (a wrong item refused with its name), mark ready,
short picks, expiry by a manager, finding an order by number and phone, scans of orders that
cannot be handed over — and, on a real central, the customer's e-mail once an order is ready."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from clerk.central.app import create_app
from clerk.central.context import CentralSettings
from clerk.central.db import make_engine
from clerk.domain.entities import OrderStatus, PickupDetails
from clerk.domain.holds import HoldUrgency
from clerk.domain.scan import ean13_check_digit
from clerk.services.scanning import CustomerScan, PickupScan, ProductCheck, resolve_scan
from clerk.ui.application import make_application
from clerk.ui.bridge import ServiceBridge
from clerk.ui.models.pickup_queue import PickupQueueModel, waited_text
from clerk.ui.screens.pickup.screen import PickupScreen
from clerk.ui.session import Screen
from clerk.ui.shell import Shell
from clerk.ui.theme import LIGHT, apply_theme
from tests.gui.app_rig import PICKUP, TabletRig, enroll_tablet, quick_settings
from tests.gui.conftest import GuiWorld, settle
from tests.gui.layout_check import StretchTranslator, clipped
from tests.gui.test_app import sign_in, too_small
from tests.services.world import NOW, PRICES, Tablet, order
from tests.support.live import MailSink, serve_app, smtp_server
from tests.sync.conftest import (
    LiveCentral,
    central_template,  # noqa: F401 (a fixture)
    enroll_device,
)

Desk = Callable[[str], PickupScreen]


@pytest.fixture
def open_desk(qtbot: QtBot, gui_world: GuiWorld) -> Iterator[Desk]:
    """The Pickup screen for a staff member (piotr: pickup, maria: manager), queue loaded."""
    screens: list[PickupScreen] = []

    def make(staff_id: str) -> PickupScreen:
        screen = PickupScreen(gui_world.services_as(staff_id), LIGHT)
        screen.resize(1180, 730)
        screen.show()
        screen.shown()
        settle(qtbot, gui_world.bridge)
        screens.append(screen)
        return screen

    yield make
    # Not qtbot.addWidget: the screens are closed only once the ops still running are done.
    settle(qtbot, gui_world.bridge)
    for screen in screens:
        screen.close()
        screen.deleteLater()


@pytest.fixture
def labels(gui_world: GuiWorld) -> None:
    """The world's products with EAN-13s whose check digits hold, as real labels have."""
    for sku in PRICES:
        data = gui_world.tablet.get("product", sku)
        assert data is not None
        first12 = "59" + str(data["ean"])[3:]  # unique per product: its number
        gui_world.tablet.put("product", {**data, "ean": f"{first12}{ean13_check_digit(first12)}"})


def product(tablet: Tablet, sku: str) -> ProductCheck:
    """The label of ``sku`` as a scanner reads it (see :func:`labels`)."""
    data = tablet.get("product", sku)
    assert data is not None
    check = resolve_scan(tablet.ctx, str(data["ean"]))
    assert isinstance(check, ProductCheck)
    return check


def counts(screen: PickupScreen) -> dict[str, str]:
    return {state: b.text() for state, b in screen.queue.state_buttons.items()}


def column(screen: PickupScreen, col: int) -> list[str]:
    model = screen.queue.model
    return [model.index(r, col).data() for r in range(model.rowCount())]


def open_order(qtbot: QtBot, screen: PickupScreen, order_id: str) -> None:
    with qtbot.waitSignal(screen.orderShown, timeout=5000):
        screen.open_order(order_id)


def test_the_queue_shows_each_state_with_counts_most_urgent_first(
    qtbot: QtBot, gui_world: GuiWorld, open_desk: Desk
) -> None:
    tablet = gui_world.tablet
    late = order(
        tablet, [("SHIRT-M", 1)], status=OrderStatus.PLACED, created_at=NOW - timedelta(hours=2)
    )
    early = order(
        tablet,
        [("SOCKS-1", 2), ("JEANS-32", 1)],
        status=OrderStatus.PICKING,
        created_at=NOW - timedelta(hours=9, minutes=20),
    )
    ready = order(tablet, [("JEANS-32", 1)])
    expiring = order(tablet, [("SOCKS-1", 2)], hold_until=NOW + timedelta(days=1))
    overdue = order(tablet, [("SHIRT-M", 1)], hold_until=NOW - timedelta(hours=3))
    collected = order(tablet, [("SOCKS-1", 1)], status=OrderStatus.COLLECTED)
    collected.pickup = PickupDetails("123456", collected_at=NOW - timedelta(hours=1))
    tablet.put("order", collected)
    order(tablet, [("SOCKS-1", 1)], status=OrderStatus.CANCELLED)

    screen = open_desk("piotr")
    assert counts(screen) == {
        "to_prepare": "To prepare  2",
        "ready": "Ready  1",
        "expiring": "Expiring or overdue  2",
        "collected_today": "Collected today  1",
    }
    # To prepare: the customer who waited longest first, with how long and how many items.
    assert column(screen, PickupQueueModel.NUMBER) == [early.number, late.number]
    assert column(screen, PickupQueueModel.WAITED) == ["9 h 20 min", "2 h"]
    assert column(screen, PickupQueueModel.ITEMS) == ["3", "1"]
    assert column(screen, PickupQueueModel.CUSTOMER) == ["Łucja Wójcik"] * 2

    qtbot.mouseClick(screen.queue.state_buttons["ready"], Qt.MouseButton.LeftButton)
    assert column(screen, PickupQueueModel.NUMBER) == [ready.number]
    assert column(screen, PickupQueueModel.WAITED) == ["1 day"]
    assert "shelf A-1" in column(screen, PickupQueueModel.HOLD)[0]

    # Expiring or overdue: the hold that ended first on top, red; the one ending soon amber.
    qtbot.mouseClick(screen.queue.state_buttons["expiring"], Qt.MouseButton.LeftButton)
    model = screen.queue.model
    assert column(screen, PickupQueueModel.NUMBER) == [overdue.number, expiring.number]
    assert [e.urgency for e in model.entries] == [HoldUrgency.OVERDUE, HoldUrgency.EXPIRING]
    red = model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color().name()
    amber = model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert (red, amber) == (LIGHT.error_bg, LIGHT.warn_bg)
    assert column(screen, PickupQueueModel.HOLD)[0].startswith("ended 10.03 10:00")
    assert column(screen, PickupQueueModel.NOTE) == ["Hold over", "Hold ends soon"]

    qtbot.mouseClick(screen.queue.state_buttons["collected_today"], Qt.MouseButton.LeftButton)
    assert column(screen, PickupQueueModel.NUMBER) == [collected.number]
    assert column(screen, PickupQueueModel.HOLD) == ["collected at 12:00"]  # Warsaw time

    # Search: the ready order's number finds it in its own state; counts follow the search.
    screen.queue.search.setText(ready.number[-4:])
    assert screen.queue.model.state == "ready"
    assert column(screen, PickupQueueModel.NUMBER) == [ready.number]
    assert counts(screen)["to_prepare"] == "To prepare  0"
    # A phone fragment matches every order of the customer; a stranger's name none.
    screen.queue.search.setText("601 234")
    assert counts(screen)["to_prepare"] == "To prepare  2"
    screen.queue.search.setText("Kowalski")
    assert screen.queue.model.rowCount() == 0
    assert "No order matches" in screen.queue.empty.text()
    screen.cancel()  # Esc clears the search
    assert screen.queue.search.text() == ""


def test_the_queue_follows_sync_and_the_clock(
    qtbot: QtBot, gui_world: GuiWorld, open_desk: Desk
) -> None:
    tablet = gui_world.tablet
    screen = open_desk("piotr")
    assert counts(screen)["to_prepare"] == "To prepare  0"
    assert "Nothing to prepare" in screen.queue.empty.text()
    order(
        tablet, [("SHIRT-M", 1)], status=OrderStatus.PLACED, created_at=NOW - timedelta(minutes=5)
    )
    screen.data_changed(frozenset({"order"}))
    qtbot.waitUntil(lambda: counts(screen)["to_prepare"] == "To prepare  1")
    assert column(screen, PickupQueueModel.WAITED) == ["5 min"]
    # An hour later the minute timer reads the queue again.
    tablet.clock.current = NOW + timedelta(days=3)
    screen._tick()
    qtbot.waitUntil(lambda: column(screen, PickupQueueModel.WAITED) == ["3 days"])
    assert waited_text(timedelta(seconds=20)) == "just now"


def test_an_order_made_ready_elsewhere_while_it_is_picked_here_says_so(
    qtbot: QtBot, gui_world: GuiWorld, open_desk: Desk, labels: None
) -> None:
    tablet = gui_world.tablet
    placed = order(tablet, [("SHIRT-M", 2)], status=OrderStatus.PLACED)
    screen = open_desk("piotr")
    open_order(qtbot, screen, placed.id)
    screen.scan_product(product(tablet, "SHIRT-M"))
    # Sync brings other changes: what was picked stays.
    screen.data_changed(frozenset({"customer"}))
    settle(qtbot, gui_world.bridge)
    assert screen.prepare.progress.text() == "1 of 2 units picked"
    # Another tablet shelved it meanwhile.
    placed.status = OrderStatus.READY
    placed.pickup = PickupDetails("123456", NOW, NOW + timedelta(days=7), "Z-9")
    tablet.put("order", placed)
    screen.data_changed(frozenset({"order"}))
    qtbot.waitUntil(lambda: screen.showing in ("release", "no_release"))
    assert screen.banner.text() == f"Order {placed.number} was made ready meanwhile, on shelf Z-9."
    assert not screen.scan_product(product(tablet, "SHIRT-M"))


def test_picking_by_ean_refuses_a_wrong_item_and_marks_the_order_ready(
    qtbot: QtBot, gui_world: GuiWorld, open_desk: Desk, labels: None
) -> None:
    tablet = gui_world.tablet
    placed = order(tablet, [("SHIRT-M", 2), ("SOCKS-1", 1)], status=OrderStatus.PLACED)
    screen = open_desk("piotr")
    open_order(qtbot, screen, placed.id)
    prepare = screen.prepare
    assert screen.showing == "prepare" and not screen.banner.isVisible()
    assert screen.header.title.text() == f"Order {placed.number}"
    assert not prepare.ready.isEnabled()
    assert prepare.progress.text() == "0 of 3 units picked"

    # A product not in the order is refused with its name; nothing is ticked.
    assert screen.scan_product(product(tablet, "JEANS-32"))
    assert prepare.message.text().startswith("Not in this order: Produkt JEANS-32")
    assert prepare.message.property("level") == "error"
    assert prepare.progress.text() == "0 of 3 units picked"

    shirt = product(tablet, "SHIRT-M")
    assert screen.scan_product(shirt)
    assert screen.scan_product(shirt)
    assert prepare.message.text() == "Picked: Produkt SHIRT-M (2 of 2)"
    assert screen.scan_product(shirt)  # one too many
    assert "already picked" in prepare.message.text()
    assert not prepare.ready.isEnabled()
    # The socks' label is torn: their EAN typed by hand.
    qtbot.keyClicks(prepare.ean, product(tablet, "SOCKS-1").ean)
    qtbot.keyClick(prepare.ean, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: prepare.progress.text() == "3 of 3 units picked")
    assert prepare.ready.isEnabled() and prepare.ready.text() == "Mark ready"

    # No shelf yet: Ctrl+Enter asks for it instead of sending.
    screen.primary_action()
    assert "shelf or bin" in prepare.message.text() and not tablet.commands()
    qtbot.keyClicks(prepare.shelf, "B-07")
    with qtbot.waitSignal(prepare.markedReady, timeout=5000):
        screen.primary_action()
    settle(qtbot, gui_world.bridge)
    (command,) = tablet.commands()
    assert command.kind == "mark_ready" and command.body["shelf"] == "B-07"
    assert "short_lines" not in command.body
    assert screen.showing == "queue"
    assert f"Order {placed.number} is ready on shelf B-07" in screen.banner.text()
    assert "central tells the customer" in screen.banner.text()
    # On the shelf now, marked as waiting to be sent.
    assert counts(screen)["ready"] == "Ready  1"
    screen.queue.choose_state("ready")
    assert column(screen, PickupQueueModel.NOTE) == ["Waiting to be sent"]


def test_a_short_pick_with_a_reason_makes_the_order_ready_without_it(
    qtbot: QtBot, gui_world: GuiWorld, open_desk: Desk, labels: None
) -> None:
    tablet = gui_world.tablet
    placed = order(tablet, [("SHIRT-M", 1), ("SOCKS-1", 3)], status=OrderStatus.PLACED)
    socks_line = placed.lines[1].id
    screen = open_desk("piotr")
    open_order(qtbot, screen, placed.id)
    prepare = screen.prepare
    screen.scan_product(product(tablet, "SHIRT-M"))
    screen.scan_product(product(tablet, "SOCKS-1"))

    short = prepare.findChild(QPushButton, f"pickShort_{socks_line}")
    assert short is not None
    qtbot.mouseClick(short, Qt.MouseButton.LeftButton)
    dialog = prepare.short_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.qty.text() == "1 of 3"
    qtbot.mouseClick(dialog.findChild(QPushButton, "shortMore"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.findChild(QPushButton, "shortMore"), Qt.MouseButton.LeftButton)
    assert dialog.qty.text() == "3 of 3"  # never more than waits
    qtbot.mouseClick(dialog.findChild(QPushButton, "shortLess"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(
        dialog.findChild(QPushButton, "shortReason_damaged"), Qt.MouseButton.LeftButton
    )
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: prepare.short_dialog is None)
    assert prepare.progress.text() == "2 of 4 units picked · 2 short"
    state = prepare.findChild(object, f"pickState_{socks_line}")
    assert state.text().startswith("2 short: Damaged")
    assert "central tells the customer" in state.text()
    assert prepare.ready.isEnabled()

    qtbot.keyClicks(prepare.shelf, "C-2")
    with qtbot.waitSignal(prepare.markedReady, timeout=5000):
        qtbot.mouseClick(prepare.ready, Qt.MouseButton.LeftButton)
    settle(qtbot, gui_world.bridge)
    ready = next(c for c in tablet.commands() if c.kind == "mark_ready")
    assert ready.body["shelf"] == "C-2"
    assert ready.body["short_lines"] == [{"line_id": socks_line, "qty": 2, "reason": "damaged"}]
    assert "2 short units are refunded; central tells the customer" in screen.banner.text()


def test_a_unit_found_after_being_marked_short_is_picked_and_everything_short_cancels(
    qtbot: QtBot, gui_world: GuiWorld, open_desk: Desk, labels: None
) -> None:
    tablet = gui_world.tablet
    placed = order(tablet, [("SOCKS-1", 1)], status=OrderStatus.PLACED)
    screen = open_desk("piotr")
    open_order(qtbot, screen, placed.id)
    prepare = screen.prepare
    prepare.open_short(placed.lines[0].id)
    assert prepare.short_dialog is not None
    prepare.short_dialog.confirm.click()
    assert prepare.ready.text() == "Refund and cancel the order"
    assert "cancelled and refunded in full" in prepare.hint.text()
    screen.scan_product(product(tablet, "SOCKS-1"))  # it turned up after all
    assert prepare.progress.text() == "1 of 1 units picked"
    assert prepare.ready.text() == "Mark ready"
    # Leaving the order and coming back keeps what was picked.
    screen.cancel()
    assert screen.showing == "queue"
    open_order(qtbot, screen, placed.id)
    assert prepare.progress.text() == "1 of 1 units picked"


def test_a_manager_expires_an_overdue_hold_after_confirming(
    qtbot: QtBot, gui_world: GuiWorld, open_desk: Desk
) -> None:
    tablet = gui_world.tablet
    overdue = order(tablet, [("SHIRT-M", 1)], hold_until=NOW - timedelta(hours=3))
    expiring = order(tablet, [("SOCKS-1", 1)], hold_until=NOW + timedelta(days=1))

    # A pickup clerk does not get the action at all.
    clerk = open_desk("piotr")
    clerk.queue.choose_state("expiring")
    assert clerk.queue.select_order(overdue.id)
    assert not clerk.queue.expire.isVisibleTo(clerk)
    clerk.ask_expire(clerk.queue.model.queue.expiring[0])
    assert clerk.expire_dialog is None

    manager = open_desk("maria")
    queue = manager.queue
    queue.choose_state("expiring")
    # Not over yet: shown, but it waits for the hold's end.
    assert queue.select_order(expiring.id)
    assert queue.expire.isVisibleTo(manager) and not queue.expire.isEnabled()
    assert "has not ended yet" in queue.selected.text()
    assert queue.select_order(overdue.id)
    assert queue.expire.isEnabled()
    qtbot.mouseClick(queue.expire, Qt.MouseButton.LeftButton)
    dialog = manager.expire_dialog
    assert dialog is not None and dialog.isVisible()
    assert overdue.number in dialog.findChild(object, "expireHeading").text()
    assert "back to stock" in dialog.findChild(object, "expireWhat").text()
    qtbot.mouseClick(dialog.findChild(QPushButton, "expireKeep"), Qt.MouseButton.LeftButton)
    assert not tablet.commands()

    qtbot.mouseClick(queue.expire, Qt.MouseButton.LeftButton)
    dialog = manager.expire_dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.findChild(QPushButton, "expireConfirm"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "is expired" in manager.banner.text())
    settle(qtbot, gui_world.bridge)
    assert [c.kind for c in tablet.commands()] == ["expire_pickup"]
    assert "central tells the customer" in manager.banner.text()
    assert [e.order_id for e in queue.model.entries] == [expiring.id]
    assert counts(manager)["expiring"] == "Expiring or overdue  1"


def test_the_order_number_and_the_phones_last_digits_open_the_order(
    qtbot: QtBot, gui_world: GuiWorld, open_desk: Desk
) -> None:
    ready = order(gui_world.tablet, [("JEANS-32", 1)])
    screen = open_desk("piotr")
    queue = screen.queue
    qtbot.keyClicks(queue.desk_number, ready.number)
    qtbot.keyClicks(queue.desk_digits, "5689")  # three digits at most
    assert queue.desk_digits.text() == "568"
    qtbot.mouseClick(queue.desk_find, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No order here matches" in screen.banner.text())
    assert screen.showing == "queue"

    queue.desk_digits.setText("567")
    with qtbot.waitSignal(screen.orderShown, timeout=5000) as shown:
        qtbot.keyClick(queue.desk_digits, Qt.Key.Key_Return)
    assert shown.args == [ready.id]
    assert screen.method == "number_phone"
    assert screen.showing in ("release", "no_release")  # the release panel's side
    assert screen.detail is not None and screen.detail.order.id == ready.id
    screen.grab().save("/tmp/pickup-release-frame.png")


def test_a_pickup_scan_of_an_order_that_cannot_be_handed_over_says_why(
    qtbot: QtBot, gui_world: GuiWorld, open_desk: Desk
) -> None:
    tablet = gui_world.tablet
    placed = order(tablet, [("SHIRT-M", 1)], status=OrderStatus.PICKING)
    cancelled = order(tablet, [("SOCKS-1", 1)], status=OrderStatus.CANCELLED)
    collected = order(tablet, [("SOCKS-1", 1)], status=OrderStatus.COLLECTED, collected_qty=1)
    collected.pickup = PickupDetails(
        "123456", collected_at=NOW - timedelta(minutes=30), collected_by="Jan Wójcik"
    )
    tablet.put("order", collected)
    screen = open_desk("piotr")

    with qtbot.waitSignal(screen.orderShown, timeout=5000):
        screen.show_pickup_scan(PickupScan(placed.id, "123456"))
    assert screen.banner.text().startswith(f"Order {placed.number} is not ready yet")
    assert "being picked" in screen.banner.text()
    assert screen.showing == "prepare" and screen.method == "pickup_token"

    with qtbot.waitSignal(screen.orderShown, timeout=5000):
        screen.show_pickup_scan(PickupScan(cancelled.id, "123456"))
    assert f"Order {cancelled.number} was cancelled" in screen.banner.text()
    assert screen.banner.property("level") == "error"
    assert screen.showing == "summary"

    with qtbot.waitSignal(screen.orderShown, timeout=5000):
        screen.show_pickup_scan(PickupScan(collected.id, "123456"))
    assert screen.banner.text() == (
        f"Order {collected.number} was collected at 12:30 by Jan Wójcik — there is nothing "
        "more to hand over."
    )
    assert screen.showing == "summary"
    assert "Collected" in screen.summary.headline.text()

    # An order the tablet does not hold.
    screen.show_pickup_scan(PickupScan("ord-nowhere", "123456"))
    qtbot.waitUntil(lambda: "not on the tablet" in screen.banner.text())


def test_a_loyalty_code_at_the_desk_offers_the_customers_orders(
    qtbot: QtBot, gui_world: GuiWorld, open_desk: Desk
) -> None:
    tablet = gui_world.tablet
    screen = open_desk("piotr")
    scan = CustomerScan("cust-gold", "2990000000017", "token")
    screen.show_customer_scan(scan)
    qtbot.waitUntil(lambda: "has no order waiting for pickup here" in screen.banner.text())

    first = order(tablet, [("SHIRT-M", 1)])
    with qtbot.waitSignal(screen.orderShown, timeout=5000):
        screen.show_customer_scan(scan)
    assert screen.method == "loyalty" and screen.detail is not None
    assert screen.detail.order.id == first.id

    second = order(tablet, [("SOCKS-1", 1)], hold_until=NOW + timedelta(days=1))
    screen.show_customer_scan(scan)
    qtbot.waitUntil(lambda: screen.showing == "chooser")
    assert screen.chooser.title.text() == "Łucja Wójcik has 2 orders waiting here"
    choice = screen.chooser.findChild(QPushButton, f"chooseOrder_{second.id}")
    assert choice is not None
    with qtbot.waitSignal(screen.orderShown, timeout=5000) as shown:
        qtbot.mouseClick(choice, Qt.MouseButton.LeftButton)
    assert shown.args == [second.id] and screen.method == "loyalty"


def test_another_staff_member_finds_the_queue_not_the_order(
    qtbot: QtBot, gui_world: GuiWorld, open_desk: Desk, labels: None
) -> None:
    placed = order(gui_world.tablet, [("SHIRT-M", 1)], status=OrderStatus.PLACED)
    screen = open_desk("piotr")
    open_order(qtbot, screen, placed.id)
    screen.scan_product(product(gui_world.tablet, "SHIRT-M"))
    screen.queue.search.setText("W")
    screen.reset()
    assert screen.showing == "queue" and screen.detail is None
    assert screen.queue.search.text() == "" and not screen.banner.isVisible()
    open_order(qtbot, screen, placed.id)
    assert screen.prepare.progress.text() == "0 of 1 units picked"


def test_the_queue_and_the_pick_list_fit_long_words(
    qtbot: QtBot, qapp: QApplication, gui_world: GuiWorld, open_desk: Desk, labels: None
) -> None:
    """1280×800 less the rail and the top bar, every string 40% longer; screenshots of both
    pages in English (the light theme) to look at."""
    tablet = gui_world.tablet
    apply_theme(qapp, "light")
    order(tablet, [("SHIRT-M", 2), ("SOCKS-1", 1)], status=OrderStatus.PLACED)
    placed = order(
        tablet,
        [("JEANS-32", 1), ("WINE-1", 1)],
        status=OrderStatus.PICKING,
        created_at=NOW - timedelta(hours=5, minutes=12),
    )
    order(tablet, [("JEANS-32", 1)])
    order(tablet, [("SOCKS-1", 2)], hold_until=NOW + timedelta(days=1))
    order(tablet, [("SHIRT-M", 1)], hold_until=NOW - timedelta(hours=3))
    screen = open_desk("maria")
    screen.queue.choose_state("to_prepare")
    screen.grab().save("/tmp/pickup-queue.png")
    screen.queue.choose_state("expiring")
    screen.queue.table.selectRow(0)
    screen.grab().save("/tmp/pickup-queue-expiring.png")
    open_order(qtbot, screen, placed.id)
    screen.scan_product(product(tablet, "JEANS-32"))
    screen.scan_product(product(tablet, "SHIRT-M"))
    qtbot.wait(50)
    screen.grab().save("/tmp/pickup-prepare.png")

    stretch = StretchTranslator()
    qapp.installTranslator(stretch)
    try:
        fresh = open_desk("maria")
        fresh.queue.choose_state("expiring")
        fresh.queue.table.selectRow(0)
        qtbot.wait(50)
        problems = [f"queue: {p}" for p in clipped(fresh)]
        problems += [f"queue, too small to touch: {p}" for p in too_small(fresh)]
        open_order(qtbot, fresh, placed.id)
        fresh.scan_product(product(tablet, "SOCKS-1"))
        fresh.prepare.open_short(placed.lines[0].id)
        qtbot.wait(50)
        problems += [f"prepare: {p}" for p in clipped(fresh)]
        problems += [f"prepare, too small to touch: {p}" for p in too_small(fresh)]
        dialog = fresh.prepare.short_dialog
        assert dialog is not None
        problems += [f"short: {p}" for p in clipped(dialog)]
        fresh.grab().save("/tmp/pickup-prepare-stretched.png")
        dialog.reject()
    finally:
        qapp.removeTranslator(stretch)
    assert not problems, "\n".join(problems)


# -- on a real central ----------------------------------------------------------------------


@contextmanager
def central_that_mails(template: Path, folder: Path) -> Iterator[tuple[TabletRig, MailSink]]:
    """A served copy of the demo central that sends its notifications to a real SMTP server
    (as tests/integration/test_central_e2e.py configures it), and a tablet enrolled to it
    and synced."""
    path = folder / "central.db"
    shutil.copyfile(template, path)
    db_url = f"sqlite:///{path}"
    engine = make_engine(db_url)
    try:
        with smtp_server() as (port, mail):
            settings = CentralSettings(
                db_url=db_url, smtp_host="127.0.0.1", smtp_port=port, mail_from="sklep@clerk.test"
            )
            with serve_app(create_app(settings)) as url:
                enrolled = enroll_device(url, engine)
                central = LiveCentral(url, engine, enrolled["token"], enrolled["device_id"])
                store, vault, tablet = enroll_tablet(central, folder)
                try:
                    yield TabletRig(central, store, vault, tablet, folder), mail
                finally:
                    tablet.close()
                    store.close()
    finally:
        engine.dispose()


def test_an_order_marked_ready_here_reaches_the_customer_by_e_mail(
    qtbot: QtBot,
    central_template: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    with central_that_mails(central_template, tmp_path) as (rig, mail):
        app, colors, _ = make_application(language="en", theme="light")
        bridge = ServiceBridge()
        shell = Shell(app, bridge, rig.tablet, colors, quick_settings(), tmp_path / "s.json", None)
        window = shell.window
        try:
            window.resize(1280, 800)
            window.show()
            qtbot.waitUntil(lambda: len(window.sign_in.staff_ids) >= 3)
            sign_in(qtbot, window, PICKUP)
            qtbot.waitUntil(lambda: not window.showing_sign_in)
            assert window.current_screen is Screen.PICKUP
            desk = window.screen_widget(Screen.PICKUP)
            assert isinstance(desk, PickupScreen)
            qtbot.waitUntil(lambda: desk.queue.model.rowCount() > 0)
            entry = desk.queue.model.entry(0)
            with qtbot.waitSignal(desk.orderShown, timeout=5000):
                desk.queue.select_order(entry.order_id)
                qtbot.mouseClick(desk.queue.open, Qt.MouseButton.LeftButton)
            lines = desk.prepare.detail.lines if desk.prepare.detail else ()
            assert lines
            # Every item scanned the way a scanner types: through the app's scan router.
            for line in lines:
                for _ in range(line.waiting):
                    before = desk.prepare.progress.text()
                    shell.router.submit(line.ean)
                    qtbot.waitUntil(lambda b=before: desk.prepare.progress.text() != b)
            assert desk.prepare.ready.isEnabled()
            # Typed at a person's pace (a burst of keys would be taken for a scanner).
            desk.prepare.shelf.setText("A-03")
            with qtbot.waitSignal(desk.prepare.markedReady, timeout=5000):
                qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            qtbot.waitUntil(lambda: not bridge.busy)

            # The tablet sends the command; central tells the customer.
            rig.tablet.engine.sync_once()
            with rig.tablet.store.unit(read_only=True) as unit:
                assert not unit.outbox.unfinished()
                order = unit.orders.get(entry.order_id)
                customer = unit.customers.get(order.customer_id or "") if order else None
            assert order is not None and order.pickup is not None
            assert order.status == OrderStatus.READY and order.pickup.shelf == "A-03"
            assert customer is not None
            message = mail.wait_for(lambda m: customer.email in str(m["To"]), timeout=20)
            assert entry.number in message.get_body().get_content() + str(message["Subject"])
            # Sent: the queue no longer marks it as waiting.
            desk.data_changed(frozenset({"order"}))

            def sent() -> bool:
                fresh = desk.queue.entry_of(entry.order_id)
                return fresh is not None and fresh.state == "ready" and not fresh.pending

            qtbot.waitUntil(sent)
        finally:
            qtbot.waitUntil(lambda: not bridge.busy)
            shell.close()
            window.close()
            bridge.close()
