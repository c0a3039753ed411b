"""The manager override dialog: managers as tiles, a PIN pad, a reason, PIN checks off the UI
thread with the real PinGate — right PIN, wrong PIN, lockout, missing reason, re-auth."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clerk.domain.entities import Role
from clerk.services.returns import ManagerOverride
from clerk.services.signin import PinGate
from clerk.ui.override import ManagerOverrideDialog, request_override
from tests.gui.conftest import PINS, GuiWorld, settle, staff_with_pin
from tests.gui.layout_check import StretchTranslator, clipped

WHAT = "Return a final-sale shirt from order W00000001."


def open_dialog(
    qtbot: QtBot, world: GuiWorld, staff_id: str, gate: PinGate | None = None
) -> ManagerOverrideDialog:
    dialog = ManagerOverrideDialog(
        world.services_as(staff_id), gate or world.pins, WHAT, "create_return", "order:o-1"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, world.bridge)
    return dialog


def child(dialog: QWidget, kind: type, name: str):  # type: ignore[no-untyped-def]
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def tap_pin(qtbot: QtBot, dialog: ManagerOverrideDialog, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(child(dialog, QPushButton, f"pinKey_{digit}"), Qt.MouseButton.LeftButton)


def approve(qtbot: QtBot, world: GuiWorld, dialog: ManagerOverrideDialog) -> None:
    qtbot.mouseClick(child(dialog, QPushButton, "overrideApprove"), Qt.MouseButton.LeftButton)
    settle(qtbot, world.bridge)


def overrides_audited(world: GuiWorld) -> list[tuple[str | None, str, dict[str, object]]]:
    return [
        (e.staff_id, e.result, e.detail)
        for e in world.tablet.audit()
        if e.action == "manager_override"
    ]


def test_it_says_what_is_approved_and_lists_the_stores_managers_as_large_tiles(
    qtbot: QtBot, gui_world: GuiWorld
) -> None:
    gui_world.tablet.put("staff", staff_with_pin("tomasz", Role.MANAGER, "7777"))
    dialog = open_dialog(qtbot, gui_world, "anna")
    assert child(dialog, QWidget, "overrideWhat").text() == WHAT
    # Active managers of WAW-01 only: not krk-boss (another store), not the sales staff.
    assert dialog.manager_ids == ["maria", "tomasz"]
    assert dialog.selected_manager is None  # two to choose from: nobody is assumed
    for manager_id in dialog.manager_ids:
        tile = child(dialog, QPushButton, f"managerTile_{manager_id}")
        assert tile.height() >= 44 and tile.width() >= 44
    pin = child(dialog, QLineEdit, "overridePinField")
    assert pin.echoMode() == QLineEdit.EchoMode.Password

    approve(qtbot, gui_world, dialog)
    assert dialog.message == "Choose the approving manager."
    qtbot.mouseClick(child(dialog, QPushButton, "managerTile_tomasz"), Qt.MouseButton.LeftButton)
    assert dialog.selected_manager == "tomasz"


def test_every_control_is_named_accessible_and_touch_sized(
    qtbot: QtBot, gui_world: GuiWorld
) -> None:
    dialog = open_dialog(qtbot, gui_world, "anna")
    controls = [
        w for w in dialog.findChildren(QWidget) if isinstance(w, QAbstractButton | QLineEdit)
    ]
    assert len(controls) >= 16  # 12 pad keys, a tile, two fields, two buttons
    for control in controls:
        assert control.objectName(), control
        assert control.accessibleName(), control.objectName()
        assert control.height() >= 44, control.objectName()
        if isinstance(control, QAbstractButton):
            assert control.width() >= 44, control.objectName()


def test_the_right_pin_and_a_reason_approve_and_the_approval_is_audited(
    qtbot: QtBot, gui_world: GuiWorld
) -> None:
    dialog = open_dialog(qtbot, gui_world, "anna")
    assert dialog.selected_manager == "maria"  # the only manager here is chosen for them
    child(dialog, QLineEdit, "overrideReason").setText("  Customer kept the tags on  ")
    tap_pin(qtbot, dialog, "3333")
    assert child(dialog, QLineEdit, "overridePinField").text() == "3333"
    with qtbot.waitSignal(dialog.approved) as approved:
        approve(qtbot, gui_world, dialog)
    assert approved.args == [ManagerOverride("maria", "Customer kept the tags on")]
    assert dialog.result() == QDialog.DialogCode.Accepted
    [(staff_id, result, detail)] = overrides_audited(gui_world)
    assert (staff_id, result) == ("maria", "ok")
    assert detail["requested_by"] == "anna" and detail["action"] == "create_return"


def test_the_keyboard_works_too(qtbot: QtBot, gui_world: GuiWorld) -> None:
    dialog = open_dialog(qtbot, gui_world, "piotr")
    qtbot.keyClicks(child(dialog, QLineEdit, "overrideReason"), "Damaged in the store")
    pin = child(dialog, QLineEdit, "overridePinField")
    qtbot.keyClicks(pin, "33ab33")  # letters are not part of a PIN
    assert pin.text() == "3333"
    with qtbot.waitSignal(dialog.approved):
        qtbot.keyClick(pin, Qt.Key.Key_Return)
        settle(qtbot, gui_world.bridge)


def test_a_wrong_pin_says_how_many_tries_are_left(qtbot: QtBot, gui_world: GuiWorld) -> None:
    dialog = open_dialog(qtbot, gui_world, "anna")
    child(dialog, QLineEdit, "overrideReason").setText("Late return, regular customer")
    approvals: list[object] = []
    dialog.approved.connect(approvals.append)
    tap_pin(qtbot, dialog, "1234")
    approve(qtbot, gui_world, dialog)
    assert "Wrong PIN. 4 more wrong PINs" in dialog.message
    assert child(dialog, QLineEdit, "overridePinField").text() == ""  # cleared for a new try
    assert dialog.isVisible() and approvals == []
    [(_, result, _)] = overrides_audited(gui_world)
    assert result == "wrong_pin"
    # The pad edits: clear and backspace.
    tap_pin(qtbot, dialog, "39")
    qtbot.mouseClick(child(dialog, QPushButton, "pinKey_back"), Qt.MouseButton.LeftButton)
    assert child(dialog, QLineEdit, "overridePinField").text() == "3"
    qtbot.mouseClick(child(dialog, QPushButton, "pinKey_clear"), Qt.MouseButton.LeftButton)
    assert child(dialog, QLineEdit, "overridePinField").text() == ""


def test_a_locked_out_manager_is_told_until_when_in_warsaw_time(
    qtbot: QtBot, gui_world: GuiWorld
) -> None:
    strict = PinGate(gui_world.tablet.ctx, max_attempts=2, lockout=timedelta(minutes=1))
    dialog = open_dialog(qtbot, gui_world, "anna", strict)
    child(dialog, QLineEdit, "overrideReason").setText("Late return")
    for _ in range(2):
        tap_pin(qtbot, dialog, "0000")
        approve(qtbot, gui_world, dialog)
    # The world's clock stands at 12:00 UTC on 10 March: 13:00 in Warsaw, locked for a minute.
    assert dialog.message == "Too many wrong PINs. This manager can try again after 13:01:00."
    tap_pin(qtbot, dialog, "3333")  # even the right PIN waits for the lockout
    approve(qtbot, gui_world, dialog)
    assert "13:01:00" in dialog.message and dialog.isVisible()


def test_a_missing_reason_is_said_and_no_pin_is_tried(qtbot: QtBot, gui_world: GuiWorld) -> None:
    dialog = open_dialog(qtbot, gui_world, "anna")
    tap_pin(qtbot, dialog, "3333")
    child(dialog, QLineEdit, "overrideReason").setText("   ")
    approve(qtbot, gui_world, dialog)
    assert dialog.message == "Type the reason for this approval."
    assert overrides_audited(gui_world) == []  # refused before a PIN was checked
    assert dialog.isVisible()


def test_a_signed_in_manager_is_preselected_but_types_their_pin_again(
    qtbot: QtBot, gui_world: GuiWorld
) -> None:
    gui_world.tablet.put("staff", staff_with_pin("tomasz", Role.MANAGER, "7777"))
    dialog = open_dialog(qtbot, gui_world, "tomasz")
    assert dialog.selected_manager == "tomasz"
    assert child(dialog, QPushButton, "managerTile_tomasz").isChecked()
    child(dialog, QLineEdit, "overrideReason").setText("Goodwill")
    approve(qtbot, gui_world, dialog)
    assert dialog.message == "Type the manager's PIN."
    tap_pin(qtbot, dialog, "7777")
    with qtbot.waitSignal(dialog.approved) as approved:
        approve(qtbot, gui_world, dialog)
    assert approved.args == [ManagerOverride("tomasz", "Goodwill")]


@pytest.mark.parametrize("approve_it", [True, False])
def test_request_override_calls_back_only_when_approved(
    qtbot: QtBot, gui_world: GuiWorld, approve_it: bool
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    got: list[ManagerOverride] = []
    dialog = request_override(
        parent, gui_world.services_as("anna"), gui_world.pins, WHAT, "x", None, got.append
    )
    settle(qtbot, gui_world.bridge)
    assert dialog.isVisible() and dialog.manager_ids == ["maria"]
    if approve_it:
        child(dialog, QLineEdit, "overrideReason").setText("Fine")
        tap_pin(qtbot, dialog, "3333")
        approve(qtbot, gui_world, dialog)
    else:
        qtbot.mouseClick(child(dialog, QPushButton, "overrideCancel"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))  # deleted on close
    assert got == ([ManagerOverride("maria", "Fine")] if approve_it else [])


def test_nothing_is_clipped_when_every_string_is_40_percent_longer(
    qtbot: QtBot, gui_world: GuiWorld
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    stretched = StretchTranslator()
    app.installTranslator(stretched)
    try:
        gui_world.tablet.put("staff", staff_with_pin("tomasz", Role.MANAGER, "7777"))
        dialog = open_dialog(qtbot, gui_world, "anna")
        approve(qtbot, gui_world, dialog)  # a message under the pad too
        assert dialog.message.startswith("ChooseCh")  # stretched indeed
        qtbot.wait(10)
        assert clipped(dialog) == []
    finally:
        app.removeTranslator(stretched)


def test_the_pin_is_checked_off_the_ui_thread(qtbot: QtBot, gui_world: GuiWorld) -> None:
    threads: list[str] = []

    class Watching:
        def verify_override(self, *args: Any, **kwargs: Any) -> ManagerOverride:
            threads.append(threading.current_thread().name)
            return gui_world.pins.verify_override(*args, **kwargs)

    dialog = open_dialog(qtbot, gui_world, "anna", Watching())  # type: ignore[arg-type]
    child(dialog, QLineEdit, "overrideReason").setText("Fine")
    tap_pin(qtbot, dialog, "3333")
    with qtbot.waitSignal(dialog.approved):
        approve(qtbot, gui_world, dialog)
    assert len(threads) == 1 and threads[0] != threading.main_thread().name


def test_no_manager_on_the_tablet_is_said(qtbot: QtBot, gui_world: GuiWorld) -> None:
    gui_world.tablet.put(
        "staff", staff_with_pin("maria", Role.MANAGER, PINS["maria"], active=False)
    )
    dialog = open_dialog(qtbot, gui_world, "anna")
    assert dialog.manager_ids == []
    note = child(dialog, QWidget, "overrideNoManagers")
    assert note.isVisible() and note.text().startswith("No manager of this store")
    approve(qtbot, gui_world, dialog)
    assert dialog.message == "Choose the approving manager."
