"""The Counter as a sales clerk uses it, over the tablet's slice: scan or search → the 360,
filters, details, notes, revealing the contact, open items, and the offline cases."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot

from clerk.domain.entities import Channel, Fulfilment, Interaction, InteractionKind, OrderStatus
from clerk.services.scanning import CustomerScan
from clerk.ui.screens.counter.detail import NoteDialog, OrderDialog, ThreadDialog
from clerk.ui.screens.counter.screen import CounterScreen
from clerk.ui.theme import LIGHT
from tests.gui.conftest import GuiWorld, settle
from tests.services.world import NOW, order, reservation

CARD = "2990000000017"


@pytest.fixture
def counter(qtbot: QtBot, gui_world: GuiWorld) -> Iterator[CounterScreen]:
    screen = CounterScreen(gui_world.services_as("anna"), LIGHT)
    screen.resize(1200, 760)
    screen.show()
    settle(qtbot, gui_world.bridge)
    yield screen
    # Not qtbot.addWidget: pytest-qt would close the screen before this settles the ops
    # still running (the store visit), whose answers then land on deleted widgets.
    settle(qtbot, gui_world.bridge)
    screen.close()
    screen.deleteLater()


def scan_gold(qtbot: QtBot, counter: CounterScreen, via: str = "card") -> None:
    with qtbot.waitSignal(counter.customerShown, timeout=5000) as shown:
        counter.show_customer_scan(CustomerScan("cust-gold", CARD, via))  # type: ignore[arg-type]
    assert shown.args == ["cust-gold"]


def test_a_scanned_card_shows_the_360_and_records_the_visit(
    qtbot: QtBot, gui_world: GuiWorld, counter: CounterScreen
) -> None:
    ready = order(gui_world.tablet, [("SHIRT-M", 1)], created_at=NOW - timedelta(days=1))
    order(
        gui_world.tablet,
        [("JEANS-32", 1)],
        status=OrderStatus.COMPLETED,
        fulfilment=Fulfilment.CARRY_OUT,
        created_at=NOW - timedelta(days=9),
    )
    scan_gold(qtbot, counter)
    header = counter.header
    assert header.name.text() == "Łucja Wójcik"
    assert header.tier.text() == "Gold"
    assert header.phone.text() == "+48 *** *** 567" and header.email.text() == "l***@example.pl"
    assert header.points.text() == "1\u00a0000 pts"
    assert "50,00\u00a0zł" in header.points_worth.text()
    assert counter.timeline.rowCount() == 2
    assert "Click-and-collect order" in counter.timeline.index(0, 2).data()
    assert counter.open_items.findChild(QPushButton, f"openPickup_{ready.id}") is not None
    assert counter.cart.findChild(object, "cartLine_SHIRT-M") is not None
    assert counter.sell.text() == "Finalize cart"
    # The store visit: recorded once, with its bonus shown.
    qtbot.waitUntil(lambda: "visit bonus" in counter.banner.text())
    assert header.points.text() == "1\u00a0010 pts"
    assert [c.kind for c in gui_world.tablet.commands()] == ["record_visit"]


def test_search_as_you_type_then_choose(
    qtbot: QtBot, gui_world: GuiWorld, counter: CounterScreen
) -> None:
    qtbot.keyClicks(counter.finder.search, "wojc")  # folded: finds Wójcik
    qtbot.waitUntil(lambda: counter.finder.results.count() == 1)
    item = counter.finder.results.item(0)
    assert "Łucja Wójcik" in item.text() and "+48 *** *** 567" in item.text()
    with qtbot.waitSignal(counter.customerShown, timeout=5000):
        qtbot.keyClick(counter.finder.search, Qt.Key.Key_Return)
    assert counter.pages.currentIndex() == 1

    counter.cancel()  # Esc: back to the next customer
    assert counter.pages.currentIndex() == 0 and counter.view is None
    qtbot.keyClicks(counter.finder.search, "nikogo takiego")
    qtbot.waitUntil(lambda: "No customer matches" in counter.finder.status.text())


def test_the_timeline_filters_by_channel_and_kind_and_opens_details(
    qtbot: QtBot, gui_world: GuiWorld, counter: CounterScreen
) -> None:
    tablet = gui_world.tablet
    web = order(tablet, [("SHIRT-M", 1)], status=OrderStatus.DELIVERED, fulfilment=Fulfilment.SHIP)
    order(
        tablet,
        [("SOCKS-1", 2)],
        status=OrderStatus.COMPLETED,
        fulfilment=Fulfilment.CARRY_OUT,
        created_at=NOW - timedelta(days=4),
    )
    reservation(tablet, [("JEANS-32", 1)])
    tablet.put(
        "interaction",
        Interaction(
            "tk-9",
            "cust-gold",
            InteractionKind.TICKET,
            Channel.PHONE,
            "Zła rozmiarówka",
            "Klientka pyta o wymianę",
            None,
            "open",
            None,
            None,
            NOW - timedelta(days=6),
        ),
    )
    scan_gold(qtbot, counter)
    assert counter.filtered.rowCount() == 4
    counter.channels.setCurrentIndex(counter.channels.findData("store"))
    assert counter.filtered.rowCount() == 1
    counter.channels.setCurrentIndex(counter.channels.findData("phone"))
    assert counter.filtered.rowCount() == 1
    counter.channels.setCurrentIndex(counter.channels.findData("all"))
    counter.kinds.setCurrentIndex(counter.kinds.findData("support"))
    assert counter.filtered.rowCount() == 1
    # A ticket opens its thread.
    counter.table.doubleClicked.emit(counter.filtered.index(0, 2))
    thread = counter.entries.dialog
    assert isinstance(thread, ThreadDialog) and "Zła rozmiarówka" in thread.windowTitle()
    thread.reject()
    # An order opens its lines and payments.
    counter.kinds.setCurrentIndex(counter.kinds.findData("orders"))
    row = next(
        r
        for r in range(counter.filtered.rowCount())
        if web.number in counter.filtered.index(r, 2).data()
    )
    counter.table.doubleClicked.emit(counter.filtered.index(row, 2))
    qtbot.waitUntil(lambda: isinstance(counter.entries.dialog, OrderDialog))
    dialog = counter.entries.dialog
    lines = dialog.findChild(QTableWidget, "orderLines")
    assert lines is not None and lines.rowCount() == 1
    assert lines.item(0, 0).text() == "Produkt SHIRT-M"
    dialog.reject()


def test_the_contact_is_revealed_on_request_and_audited(
    qtbot: QtBot, gui_world: GuiWorld, counter: CounterScreen
) -> None:
    scan_gold(qtbot, counter)
    qtbot.mouseClick(counter.header.reveal, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.header.phone.text() == "+48 601 234 567")
    assert counter.header.email.text() == "lucja@example.pl"
    assert counter.header.reveal.isHidden()
    actions = [e.action for e in gui_world.tablet.audit()]
    assert "reveal_contact" in actions


def test_a_note_goes_on_the_thread_and_to_central(
    qtbot: QtBot, gui_world: GuiWorld, counter: CounterScreen
) -> None:
    scan_gold(qtbot, counter)
    settle(qtbot, gui_world.bridge)
    qtbot.mouseClick(counter.add_note_button, Qt.MouseButton.LeftButton)
    dialog = counter.note_dialog
    assert isinstance(dialog, NoteDialog)
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert "empty" in dialog.message.text()  # nothing written: said, nothing sent
    dialog.kind.setCurrentIndex(dialog.kind.findData("contact"))
    qtbot.keyClicks(dialog.subject, "Pyta o rozmiar 38")
    dialog.body.insertPlainText("Oddzwonić jutro")  # QTest types ASCII only
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert "add_note" in [c.kind for c in gui_world.tablet.commands()]
    qtbot.waitUntil(
        lambda: any(
            "Pyta o rozmiar 38" in (counter.timeline.index(r, 2).data() or "")
            for r in range(counter.timeline.rowCount())
        )
    )


def test_a_pickup_waiting_here_opens_on_the_pickup_screen(
    qtbot: QtBot, gui_world: GuiWorld, counter: CounterScreen
) -> None:
    ready = order(gui_world.tablet, [("SHIRT-M", 1)])
    scan_gold(qtbot, counter)
    button = counter.open_items.findChild(QPushButton, f"openPickup_{ready.id}")
    with qtbot.waitSignal(counter.pickupRequested) as asked:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked.args == [ready.id]


def test_offline_a_signed_code_still_says_who_is_at_the_counter(
    qtbot: QtBot, gui_world: GuiWorld, counter: CounterScreen
) -> None:
    # Not on the tablet, and no central to ask (the world has none).
    with qtbot.waitSignal(counter.customerShown, timeout=5000):
        counter.show_customer_scan(CustomerScan("CUS-FAR-AWAY", None, "token"))
    assert counter.view is not None and counter.view.source == "token"
    assert "CUS-FAR-AWAY" in counter.header.name.text()
    assert "unavailable" in counter.banner.text()
    assert counter.sell.text() == "New sale"
    # The visit is still queued for central, naming the customer by id.
    qtbot.waitUntil(lambda: bool(gui_world.tablet.commands()))
    assert gui_world.tablet.commands()[0].body["customer_id"] == "CUS-FAR-AWAY"


def test_an_unknown_card_offline_says_what_to_do(
    qtbot: QtBot, gui_world: GuiWorld, counter: CounterScreen
) -> None:
    counter.show_customer_scan(CustomerScan(None, "2990000099996", "card"))
    qtbot.waitUntil(lambda: "central cannot be reached" in counter.finder.status.text())
    assert counter.view is None
    QApplication.processEvents()


def test_scrolling_to_the_end_brings_the_older_pages(
    qtbot: QtBot, gui_world: GuiWorld, counter: CounterScreen
) -> None:
    for n in range(1, 451):
        order(
            gui_world.tablet,
            [("SOCKS-1", 1)],
            status=OrderStatus.DELIVERED,
            fulfilment=Fulfilment.SHIP,
            created_at=NOW - timedelta(hours=n),
        )
    scan_gold(qtbot, counter)
    assert counter.timeline.rowCount() == 200 and not counter.timeline.complete
    for _ in range(3):
        counter.table.scrollToBottom()
        qtbot.wait(20)
        settle(qtbot, gui_world.bridge)
    qtbot.waitUntil(lambda: counter.timeline.complete)
    assert counter.timeline.rowCount() == 450
    numbers = [counter.timeline.entry(r).data["number"] for r in range(450)]
    assert len(set(numbers)) == 450


def test_finalize_opens_the_checkout_with_the_cart_and_product_scans_go_into_it(
    qtbot: QtBot, gui_world: GuiWorld, counter: CounterScreen
) -> None:
    from clerk.services.scanning import ProductCheck
    from clerk.ui.screens.counter.checkout import CheckoutDialog

    scan_gold(qtbot, counter)
    qtbot.mouseClick(counter.sell, Qt.MouseButton.LeftButton)
    dialog = counter._checkout
    assert isinstance(dialog, CheckoutDialog)
    assert [(line.sku, line.qty) for line in dialog.lines] == [("SHIRT-M", 1), ("SOCKS-1", 2)]
    with gui_world.tablet.store.unit(read_only=True) as unit:
        jeans = unit.catalog.product("JEANS-32")
    assert jeans is not None
    check = ProductCheck(jeans.ean, jeans.sku, jeans.name, "", "", "", jeans.price, 20, 0, 20, True)
    assert counter.add_product(check)
    assert ("JEANS-32", 1) in [(line.sku, line.qty) for line in dialog.lines]
    dialog.abandon()
    assert not counter.add_product(check)  # no sale open: the product check shows instead


def test_offline_a_customer_known_by_code_can_still_buy(
    qtbot: QtBot, gui_world: GuiWorld, counter: CounterScreen
) -> None:
    from clerk.ui.screens.counter.checkout import CheckoutDialog

    with qtbot.waitSignal(counter.customerShown, timeout=5000):
        counter.show_customer_scan(CustomerScan("CUS-FAR-AWAY", None, "token"))
    qtbot.mouseClick(counter.sell, Qt.MouseButton.LeftButton)
    dialog = counter._checkout
    assert isinstance(dialog, CheckoutDialog)
    assert dialog._customer_id == "CUS-FAR-AWAY"
    dialog.abandon()
