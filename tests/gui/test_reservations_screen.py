"""The Reservations screen as the store manager uses it: every hold by its end, highlighted,
filtered and searched; the stock the holds keep aside; extend, cancel, collect as a counter
sale and expire an overdue pickup, each through the outbox as the manager — and nothing for
a sales clerk, whose calls the services refuse too."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.domain.entities import CartLine, Reservation, ReservationStatus
from clerk.domain.errors import DomainError
from clerk.services.holds_board import holds_board
from clerk.services.reservations import cancel_reservation
from clerk.ui.screens.reservations.collect import CollectDialog
from clerk.ui.screens.reservations.dialogs import CancelDialog, ExpireHoldDialog, ExtendDialog
from clerk.ui.screens.reservations.models import HoldsModel
from clerk.ui.screens.reservations.screen import ReservationsScreen
from clerk.ui.session import Screen
from clerk.ui.shell import Shell
from clerk.ui.theme import LIGHT
from tests.gui.app_rig import MANAGER, SALES, TabletRig
from tests.gui.conftest import GuiWorld, settle
from tests.gui.test_app import rig, shell, sign_in  # noqa: F401 (fixtures)
from tests.services.world import NOW, STORE, Tablet, order, reservation
from tests.sync.conftest import central_template  # noqa: F401 (a fixture)

Open = Callable[[str], ReservationsScreen]


@pytest.fixture
def open_holds(qtbot: QtBot, gui_world: GuiWorld) -> Iterator[Open]:
    screens: list[ReservationsScreen] = []

    def make(staff_id: str) -> ReservationsScreen:
        screen = ReservationsScreen(gui_world.services_as(staff_id), LIGHT)
        screen.resize(1280, 760)
        screen.show()
        screen.shown()
        settle(qtbot, gui_world.bridge)
        screens.append(screen)
        return screen

    yield make
    settle(qtbot, gui_world.bridge)
    for screen in screens:
        screen.close()
        screen.deleteLater()


def _overdue(tablet: Tablet) -> Reservation:
    res = Reservation(
        "res-overdue",
        "cust-gold",
        STORE,
        ReservationStatus.ACTIVE,
        NOW - timedelta(hours=50),
        NOW - timedelta(hours=2),
        [CartLine("SHIRT-M", 1)],
    )
    tablet.put("reservation", res)
    return res


def _click(qtbot: QtBot, screen: ReservationsScreen, name: str) -> None:
    button = screen.findChild(object, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _select(screen: ReservationsScreen, hold_id: str) -> None:
    entry = next(e for e in screen.model.entries if e.hold_id == hold_id)
    row = screen.model.row_of(entry.kind, hold_id)
    assert row is not None
    screen.table.selectRow(row)
    assert screen.detail.entry is not None and screen.detail.entry.hold_id == hold_id


def test_every_hold_by_its_end_highlighted_filtered_and_searched(
    qtbot: QtBot, gui_world: GuiWorld, open_holds: Open
) -> None:
    tablet = gui_world.tablet
    later = reservation(tablet, [("JEANS-32", 1), ("SOCKS-1", 2)])
    ready = order(tablet, [("SOCKS-1", 3)], hold_until=NOW + timedelta(hours=5))
    _overdue(tablet)
    screen = open_holds("maria")
    model = screen.model
    assert [e.hold_id for e in model.entries] == ["res-overdue", ready.id, later.id]
    assert model.index(0, HoldsModel.LEFT).data() == "over 2 h ago"
    assert model.index(1, HoldsModel.LEFT).data() == "5 h"
    assert model.index(2, HoldsModel.LINES).data() == "1 × Produkt JEANS-32, 2 × Produkt SOCKS-1"
    red = model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color()
    amber = model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole).color()
    assert red == QColor(LIGHT.error_bg) and amber == QColor(LIGHT.warn_bg)
    assert model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "Over (1)" in screen.state_buttons["expired"].text()
    assert "Reservations: 2 · pickup orders on the shelf: 1" in screen.summary.text()

    _click(qtbot, screen, "holdsKind_pickup")
    assert [e.hold_id for e in model.entries] == [ready.id]
    _click(qtbot, screen, "holdsKind_all")
    _click(qtbot, screen, "holdsState_expired")
    assert [e.hold_id for e in model.entries] == ["res-overdue"]
    _click(qtbot, screen, "holdsState_all")
    qtbot.keyClicks(screen.search, "jeans")
    assert [e.hold_id for e in model.entries] == [later.id]
    screen.search.clear()
    qtbot.keyClicks(screen.search, "nobody")
    assert model.rowCount() == 0 and screen.empty.isVisible()
    assert screen.detail.entry is None


def test_the_stock_panel_says_which_holds_hold_a_product(
    qtbot: QtBot, gui_world: GuiWorld, open_holds: Open
) -> None:
    tablet = gui_world.tablet
    res = reservation(tablet, [("SOCKS-1", 2)])
    ready = order(tablet, [("SOCKS-1", 3)])
    screen = open_holds("maria")
    _select(screen, res.id)
    stock = screen.stock_model
    row = stock.row_of("SOCKS-1")
    assert row is not None
    cells = [stock.index(row, c).data() for c in range(5)]
    assert cells[1:4] == ["20", "5", "15"]
    assert res.id in cells[4] and ready.number in cells[4] and "Łucja Wójcik" in cells[4]
    highlighted = stock.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert highlighted is not None and highlighted.color() == QColor(LIGHT.info_bg)


def test_extend_a_reservation_through_the_outbox(
    qtbot: QtBot, gui_world: GuiWorld, open_holds: Open
) -> None:
    tablet = gui_world.tablet
    res = reservation(tablet, [("JEANS-32", 1)])  # made 10 h ago, held until NOW + 38 h
    screen = open_holds("maria")
    _select(screen, res.id)
    _click(qtbot, screen, "holdExtend")
    dialog = screen.dialog
    assert isinstance(dialog, ExtendDialog)
    assert dialog.latest == res.created_at + timedelta(days=7)
    qtbot.mouseClick(dialog.findChild(object, "extendLatest"), Qt.MouseButton.LeftButton)
    assert dialog.until == res.created_at + timedelta(days=7)
    qtbot.mouseClick(dialog.findChild(object, "extendPlus1"), Qt.MouseButton.LeftButton)
    assert dialog.until == res.hold_until + timedelta(days=1)
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    settle(qtbot, gui_world.bridge)
    (command,) = tablet.commands()
    assert command.path == f"/v1/reservations/{res.id}/extend"
    assert command.staff_id == "maria"
    sent = datetime.fromisoformat(command.body["hold_until"])
    assert sent == res.hold_until + timedelta(days=1)
    assert "held longer" in screen.banner.text()
    assert screen.detail.entry is not None and screen.detail.entry.pending
    assert gui_world.sync_requests


def test_cancel_a_reservation_for_the_store(
    qtbot: QtBot, gui_world: GuiWorld, open_holds: Open
) -> None:
    tablet = gui_world.tablet
    res = reservation(tablet, [("JEANS-32", 1)])
    screen = open_holds("maria")
    _select(screen, res.id)
    _click(qtbot, screen, "holdCancel")
    dialog = screen.dialog
    assert isinstance(dialog, CancelDialog)
    dialog.store_decided.setChecked(True)
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    settle(qtbot, gui_world.bridge)
    (command,) = tablet.commands()
    assert command.path == f"/v1/reservations/{res.id}/cancel"
    assert command.body == {"staff_id": "maria", "reason": "store"}
    assert tablet.stock("JEANS-32") == (20, 0)
    assert screen.model.rowCount() == 0 and "cancelled" in screen.banner.text()


def test_collect_a_reservation_as_a_counter_sale(
    qtbot: QtBot, gui_world: GuiWorld, open_holds: Open
) -> None:
    tablet = gui_world.tablet
    res = reservation(tablet, [("JEANS-32", 1), ("SOCKS-1", 2)])
    screen = open_holds("maria")
    _select(screen, res.id)
    _click(qtbot, screen, "holdCollect")
    settle(qtbot, gui_world.bridge)
    dialog = screen.dialog
    assert isinstance(dialog, CollectDialog)
    assert dialog.total_label.text() == "288,98\xa0zł"
    assert not dialog.can_confirm
    dialog.payment.set_points(100)  # a Gold member with 1000 points: 5 zł off
    dialog.payment.card_for_the_rest()
    assert dialog.can_confirm
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    settle(qtbot, gui_world.bridge)
    qtbot.waitUntil(lambda: dialog.showing_done)
    order_ = dialog.order
    assert order_ is not None and str(order_.total.amount) == "288.98"
    (command,) = tablet.commands()
    assert command.path == f"/v1/reservations/{res.id}/collect"
    assert command.body["redeem_points"] == 100
    assert command.body["payments"] == [{"tender": "card", "amount": "283.98"}]
    assert tablet.stock("JEANS-32") == (19, 0) and tablet.stock("SOCKS-1") == (18, 0)
    assert "is sold" in screen.banner.text()
    qtbot.mouseClick(dialog.done_page.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.dialog is None)
    assert screen.model.rowCount() == 0


def test_expire_an_overdue_pickup(qtbot: QtBot, gui_world: GuiWorld, open_holds: Open) -> None:
    tablet = gui_world.tablet
    due = order(tablet, [("SOCKS-1", 1)], hold_until=NOW - timedelta(hours=1))
    fresh = order(tablet, [("SHIRT-M", 1)])
    screen = open_holds("maria")
    _select(screen, fresh.id)
    expire = screen.detail.expire_button
    assert expire.isVisible() and not expire.isEnabled()
    assert not screen.detail.extend_button.isVisible()
    _select(screen, due.id)
    assert expire.isEnabled()
    qtbot.mouseClick(expire, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, ExpireHoldDialog)
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    settle(qtbot, gui_world.bridge)
    (command,) = tablet.commands()
    assert command.path == f"/v1/orders/{due.id}/expire" and command.staff_id == "maria"
    assert tablet.stock("SOCKS-1") == (20, 0)
    assert "expired" in screen.banner.text()


def test_a_refusal_is_said_in_words_and_the_hold_stays(
    qtbot: QtBot, gui_world: GuiWorld, open_holds: Open
) -> None:
    tablet = gui_world.tablet
    res = reservation(tablet, [("JEANS-32", 1)])
    screen = open_holds("maria")
    _select(screen, res.id)
    # Another tablet cancelled it meanwhile (the feed has not reached this list yet).
    cancel_reservation(tablet.ctx, tablet.actor("maria"), res.id)
    entry = screen.detail.entry
    assert entry is not None
    screen.ask_extend(entry)
    dialog = screen.dialog
    assert isinstance(dialog, ExtendDialog)
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    settle(qtbot, gui_world.bridge)
    assert "cancelled" in screen.banner.text()
    assert len(tablet.commands()) == 1  # only the cancel


def test_a_sales_clerk_sees_no_holds_and_is_refused_by_the_services(
    qtbot: QtBot, gui_world: GuiWorld, open_holds: Open
) -> None:
    tablet = gui_world.tablet
    res = reservation(tablet, [("JEANS-32", 1)])
    screen = open_holds("anna")
    assert screen.model.rowCount() == 0 and screen.model.board is None
    with pytest.raises(DomainError) as read:
        holds_board(tablet.ctx, tablet.actor("anna"))
    assert read.value.code == "role_not_allowed"
    with pytest.raises(DomainError) as act:
        cancel_reservation(tablet.ctx, tablet.actor("anna"), res.id)
    assert act.value.code == "role_not_allowed"
    assert tablet.commands() == []


def test_in_the_app_only_a_manager_opens_holds_and_today_and_an_extension_reaches_central(
    qtbot: QtBot,
    shell: Shell,  # noqa: F811 (the fixture)
    rig: TabletRig,  # noqa: F811 (the fixture)
) -> None:
    window = shell.window
    sign_in(qtbot, window, SALES)
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert window.current_screen is Screen.COUNTER
    assert "do not open Reservations" in window.message_bar.text
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.current_screen is Screen.COUNTER
    assert "do not open Today" in window.message_bar.text
    window.lock()
    sign_in(qtbot, window, MANAGER)
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert window.current_screen is Screen.RESERVATIONS
    screen = window.screen_widget(Screen.RESERVATIONS)
    assert isinstance(screen, ReservationsScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)
    entry = next(
        e for e in screen.model.entries if e.kind == "reservation" and e.state != "expired"
    )
    _select(screen, entry.hold_id)
    _click(qtbot, screen, "holdExtend")
    dialog = screen.dialog
    assert isinstance(dialog, ExtendDialog)
    qtbot.mouseClick(dialog.findChild(object, "extendLatest"), Qt.MouseButton.LeftButton)
    until = dialog.until
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "held longer" in screen.banner.text())
    rig.tablet.engine.sync_once()
    with Session(rig.central.engine) as session:
        row = session.get(m.Reservation, entry.hold_id)
        assert row is not None and row.hold_until.replace(tzinfo=UTC) == until
        assert row.version > 1


def test_another_staff_member_signing_in_leaves_nothing_on_screen(
    qtbot: QtBot, gui_world: GuiWorld, open_holds: Open
) -> None:
    reservation(gui_world.tablet, [("JEANS-32", 1)])
    screen = open_holds("maria")
    assert screen.model.rowCount() == 1 and screen.detail.entry is not None
    qtbot.keyClicks(screen.search, "zzz")
    screen.reset()
    assert screen.model.rowCount() == 0 and screen.stock_model.rowCount() == 0
    assert screen.detail.entry is None and screen.search.text() == ""
