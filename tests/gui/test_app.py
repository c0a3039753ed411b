"""The app as staff meet it: sign-in, lockout, lock and auto-lock, role gating, shortcuts and
scans routed from every screen — on a real central, through the composition root's window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.keys import active_signing_key
from clerk.domain.tokens import loyalty_token
from clerk.ui.application import make_application
from clerk.ui.bridge import ServiceBridge
from clerk.ui.main_window import MainWindow
from clerk.ui.screens.counter.screen import CounterScreen
from clerk.ui.session import Screen
from clerk.ui.shell import Shell
from tests.gui.app_rig import (
    MANAGER,
    PICKUP,
    SALES,
    SALES_2,
    TabletRig,
    enrolled_tablet,
    quick_settings,
)
from tests.sync.conftest import central_template  # noqa: F401 (a fixture)


@pytest.fixture
def rig(central_template: Path, tmp_path: Path) -> Iterator[TabletRig]:  # noqa: F811
    with enrolled_tablet(central_template, tmp_path) as rig:
        yield rig


@pytest.fixture
def shell(qtbot: QtBot, rig: TabletRig, tmp_path: Path) -> Iterator[Shell]:
    app, colors, _language = make_application(language="en", theme="light")
    bridge = ServiceBridge()
    shell = Shell(
        app, bridge, rig.tablet, colors, quick_settings(), tmp_path / "settings.json", None
    )
    qtbot.addWidget(shell.window)
    shell.window.resize(1280, 800)
    shell.window.show()
    qtbot.waitUntil(lambda: len(shell.window.sign_in.staff_ids) >= 3)
    yield shell
    shell.close()
    bridge.close()


def sign_in(qtbot: QtBot, window: MainWindow, who: tuple[str, str]) -> None:
    staff_id, pin = who
    window.sign_in.choose(staff_id)
    for digit in pin:
        qtbot.mouseClick(
            window.sign_in.findChild(object, f"pinKey_{digit}"), Qt.MouseButton.LeftButton
        )
    qtbot.mouseClick(window.sign_in.findChild(object, "signInButton"), Qt.MouseButton.LeftButton)


def wrong_pin(qtbot: QtBot, window: MainWindow, staff_id: str) -> str:
    before = window.sign_in.message
    window.sign_in.choose(staff_id)
    qtbot.keyClicks(window.sign_in.findChild(object, "pinField"), "0000")
    qtbot.keyClick(window.sign_in.findChild(object, "pinField"), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.sign_in.message not in ("", before) or "Wrong" in window.sign_in.message
    )
    return window.sign_in.message


def test_the_sign_in_screen_lists_the_store_staff_and_a_right_pin_opens_the_work(
    qtbot: QtBot, shell: Shell
) -> None:
    window = shell.window
    assert window.showing_sign_in
    assert {SALES[0], PICKUP[0], MANAGER[0]} <= set(window.sign_in.staff_ids)
    assert not window.top_bar.findChild(object, "lockButton").isEnabled()
    sign_in(qtbot, window, SALES)
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    assert shell.session.staff is not None and shell.session.staff.name == "Anna Nowak"
    assert window.current_screen is Screen.COUNTER
    assert "Anna Nowak" in window.top_bar.findChild(object, "staffName").text()


def test_wrong_pins_count_down_then_lock_the_staff_member_out(qtbot: QtBot, shell: Shell) -> None:
    window = shell.window
    messages = []
    for _ in range(4):
        window.sign_in._set_message("")
        messages.append(wrong_pin(qtbot, window, SALES[0]))
    assert "4 tries left" in messages[0] and "1 tries left" in messages[3]
    window.sign_in._set_message("")
    fifth = wrong_pin(qtbot, window, SALES[0])
    assert "Too many wrong PINs" in fifth
    # The right PIN does not help during the lockout …
    window.sign_in._set_message("")
    sign_in(qtbot, window, SALES)
    qtbot.waitUntil(lambda: "Too many wrong PINs" in window.sign_in.message)
    assert window.showing_sign_in
    # … and another staff member is not locked out.
    sign_in(qtbot, window, SALES_2)
    qtbot.waitUntil(lambda: not window.showing_sign_in)


def test_roles_gate_screens(qtbot: QtBot, shell: Shell) -> None:
    window = shell.window
    sign_in(qtbot, window, SALES)
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    assert window.rail.button(Screen.COUNTER).isVisible()
    assert window.rail.button(Screen.RETURNS).isVisible()
    for closed in (Screen.PICKUP, Screen.RESERVATIONS, Screen.TODAY):
        assert not window.rail.button(closed).isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.current_screen is Screen.COUNTER
    assert "do not open Pickup" in window.message_bar.text
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.current_screen is Screen.RETURNS
    assert not window.top_bar.findChild(object, "settingsButton").isVisible()

    window.lock()
    sign_in(qtbot, window, PICKUP)
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    assert window.current_screen is Screen.PICKUP, "another staff member starts on their screen"
    assert not window.rail.button(Screen.COUNTER).isVisible()

    window.lock()
    sign_in(qtbot, window, MANAGER)
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    for screen, key in zip(
        (Screen.COUNTER, Screen.PICKUP, Screen.RETURNS, Screen.RESERVATIONS, Screen.TODAY),
        (Qt.Key.Key_F1, Qt.Key.Key_F2, Qt.Key.Key_F3, Qt.Key.Key_F4, Qt.Key.Key_F5),
        strict=True,
    ):
        qtbot.keyClick(window, key)
        assert window.current_screen is screen
    assert window.top_bar.findChild(object, "settingsButton").isVisible()


def loyalty_code(rig: TabletRig) -> tuple[str, str]:
    with Session(rig.central.engine) as session:
        key_id, private = active_signing_key(session)
        customer = (
            session.query(m.Customer)
            .join(m.StoreCustomer, m.StoreCustomer.customer_id == m.Customer.id)
            .filter(m.StoreCustomer.store_id == "WAW-01")
            .order_by(m.Customer.id)
            .first()
        )
        assert customer is not None
        name = f"{customer.first_name} {customer.last_name}"
        return loyalty_token(customer.id, private, key_id, datetime.now(UTC)), name


def test_lock_keeps_the_work_for_the_same_staff_and_hides_it_from_others(
    qtbot: QtBot, shell: Shell, rig: TabletRig
) -> None:
    window = shell.window
    sign_in(qtbot, window, SALES)
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    code, name = loyalty_code(rig)
    shell.router.submit(code)
    counter = window.screen_widget(Screen.COUNTER)
    assert isinstance(counter, CounterScreen)
    qtbot.waitUntil(lambda: counter.header.name.text() == name)

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.showing_sign_in and shell.session.locked
    assert window.sign_in.title == "Locked"
    # Locked: a scan is not used.
    shell.router.submit(code)
    qtbot.waitUntil(lambda: "Sign in first" in window.message_bar.text)
    # The same staff member unlocks and finds the customer still on screen.
    sign_in(qtbot, window, SALES)
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    assert counter.view is not None and counter.header.name.text() == name

    # Someone else signs in at the lock screen: the previous customer is gone.
    window.lock()
    sign_in(qtbot, window, SALES_2)
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    assert counter.view is None and counter.pages.currentIndex() == 0
    qtbot.waitUntil(lambda: not shell.services.bridge.busy)


def test_the_app_locks_itself_after_the_idle_time(qtbot: QtBot, shell: Shell) -> None:
    window = shell.window
    sign_in(qtbot, window, SALES)
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    window.idle.set_minutes(0.005)  # 300 ms
    window.idle.start()
    qtbot.waitUntil(lambda: window.showing_sign_in, timeout=5000)
    assert shell.session.locked and shell.session.staff is not None


def test_typing_keeps_the_app_awake(qtbot: QtBot, shell: Shell) -> None:
    window = shell.window
    sign_in(qtbot, window, SALES)
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    window.idle.set_minutes(0.01)  # 600 ms
    window.idle.start()
    for _ in range(8):
        qtbot.wait(150)
        qtbot.mouseMove(window, window.rect().center())
        qtbot.keyClick(window.rail, Qt.Key.Key_Shift)
    assert not window.showing_sign_in


def test_the_top_bar_shows_the_sync_state(qtbot: QtBot, shell: Shell, rig: TabletRig) -> None:
    window = shell.window
    rig.tablet.engine.sync_once()
    qtbot.waitUntil(lambda: "Online" in window.top_bar.sync_text)
    assert "synced" in window.top_bar.sync_text
    assert "WAW-01" in window.top_bar.findChild(object, "storeName").text()


def test_every_interactive_widget_has_a_name_and_an_accessible_name(
    qtbot: QtBot, shell: Shell
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    window = shell.window
    sign_in(qtbot, window, MANAGER)
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    interactive = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)
    nameless = [
        f"{type(w).__name__} {w.objectName()!r} {getattr(w, 'text', lambda: '')()!r}"
        for w in window.findChildren(object)
        if isinstance(w, interactive)
        and (not w.objectName() or not w.accessibleName())
        and not w.objectName().startswith("qt_")
    ]
    assert not nameless, "\n".join(nameless)


def too_small(window: MainWindow) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    return [
        f"{w.objectName()}: {w.width()}×{w.height()}"
        for w in window.findChildren(object)
        if isinstance(w, QAbstractButton | QLineEdit)
        and w.isVisibleTo(window)
        and min(w.width(), w.height()) < 44
    ]


def test_touch_targets_are_at_least_44_pixels(qtbot: QtBot, shell: Shell) -> None:
    window = shell.window
    small = too_small(window)
    sign_in(qtbot, window, MANAGER)
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    small += too_small(window)
    assert not small, "\n".join(small)
