"""The wedge filter: a scanner's burst never reaches the focused field; a person's typing does,
in order, Enter and shortcuts included."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from clerk.ui.scanning.wedge import WedgeFilter

TOKEN = "CLK1.L.eyJjIjoiYyJ9.c2lnbmF0dXJl"
PERSON_GAP_MS = 90  # a quick person: well above the scanner's 40 ms


class KeyRecorder(QWidget):
    """A focusable widget that writes down every key event it gets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.events: list[tuple[str, str]] = []

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.events.append(("press", event.text()))

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        self.events.append(("release", event.text()))


class Form(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.field = QLineEdit(self)
        self.field.setObjectName("scanInput")
        self.notes = QTextEdit(self)
        self.recorder = KeyRecorder(self)
        self.button = QPushButton("OK", self)
        self.entered: list[str] = []
        self.clicked: list[str] = []
        self.field.returnPressed.connect(lambda: self.entered.append(self.field.text()))
        self.button.clicked.connect(lambda: self.clicked.append(self.field.text()))
        layout = QVBoxLayout(self)
        for widget in (self.field, self.notes, self.recorder, self.button):
            layout.addWidget(widget)


@pytest.fixture
def wedge(qapp: QApplication) -> Iterator[WedgeFilter]:
    wedge = WedgeFilter()
    qapp.installEventFilter(wedge)
    yield wedge
    qapp.removeEventFilter(wedge)


@pytest.fixture
def form(qtbot: QtBot, wedge: WedgeFilter) -> Form:
    form = Form()
    qtbot.addWidget(form)
    form.layout().activate()  # sizes settled before the window exists (offscreen warns later)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    form.field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.field)
    return form


def burst(qtbot: QtBot, widget: QWidget, text: str, *, enter: bool = True) -> None:
    """What a wedge scanner does: every key at once, then Enter."""
    qtbot.keyClicks(widget, text)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def person(qtbot: QtBot, widget: QWidget, text: str, *, enter: bool = False) -> None:
    """A person typing: a pause after every key."""
    for char in text:
        qtbot.keyClick(widget, char)
        qtbot.wait(PERSON_GAP_MS)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_a_burst_is_a_scan_and_never_reaches_the_field(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    form.field.setText("typed before")
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as scan:
        burst(qtbot, form.field, TOKEN)
    assert scan.args == [TOKEN]
    qtbot.wait(100)  # past any replay
    assert form.field.text() == "typed before"
    assert form.entered == []


def test_a_burst_into_a_text_edit_does_not_leak_either(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    form.notes.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.notes)
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as scan:
        burst(qtbot, form.notes, "5901234123457")
    assert scan.args == ["5901234123457"]
    qtbot.wait(100)
    assert form.notes.toPlainText() == ""


def test_no_key_event_of_a_scan_reaches_the_widget(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    form.recorder.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.recorder)
    with qtbot.waitSignal(wedge.scanned, timeout=1000):
        burst(qtbot, form.recorder, "2990000000170")
    qtbot.wait(100)
    assert form.recorder.events == []


def test_a_person_typing_gets_every_key_in_order(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    with qtbot.assertNotEmitted(wedge.scanned, wait=100):
        person(qtbot, form.field, "Kowalska 12", enter=True)
    assert form.field.text() == "Kowalska 12"
    assert form.entered == ["Kowalska 12"]


def test_a_person_s_presses_and_releases_arrive_in_order(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    form.recorder.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.recorder)
    person(qtbot, form.recorder, "abc")
    qtbot.wait(100)
    assert form.recorder.events == [
        ("press", "a"),
        ("release", "a"),
        ("press", "b"),
        ("release", "b"),
        ("press", "c"),
        ("release", "c"),
    ]


def test_a_slow_enter_after_typing_reaches_the_field(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    # Even a long code typed at scanner speed: the Enter came after a pause.
    with qtbot.assertNotEmitted(wedge.scanned, wait=100):
        burst(qtbot, form.field, "5901234123457", enter=False)
        qtbot.wait(150)
        qtbot.keyClick(form.field, Qt.Key.Key_Return)
    assert form.field.text() == "5901234123457"
    assert form.entered == ["5901234123457"]


def test_a_short_fast_entry_with_enter_is_typing(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    with qtbot.assertNotEmitted(wedge.scanned, wait=100):
        burst(qtbot, form.field, "1234")  # shorter than min_length
    assert form.entered == ["1234"]  # the keys arrived before the Enter
    assert form.field.text() == "1234"


def test_a_burst_without_enter_is_replayed_as_typing(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    with qtbot.assertNotEmitted(wedge.scanned, wait=100):
        burst(qtbot, form.field, "abcdefgh", enter=False)
    qtbot.waitUntil(lambda: form.field.text() == "abcdefgh", timeout=1000)


def test_a_key_that_is_not_text_comes_after_the_held_keys(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    qtbot.keyClicks(form.field, "abc")
    qtbot.keyClick(form.field, Qt.Key.Key_Backspace)
    assert form.field.text() == "ab"


def test_a_click_comes_after_the_held_keys(qtbot: QtBot, form: Form, wedge: WedgeFilter) -> None:
    qtbot.keyClicks(form.field, "42")
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert form.clicked == ["42"]


def test_a_ctrl_shortcut_fires_after_what_was_typed_before_it(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    fired: list[str] = []
    shortcut = QShortcut(QKeySequence("Ctrl+L"), form)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(lambda: fired.append(form.field.text()))
    qtbot.keyClicks(form.field, "ab")
    qtbot.keyClick(form.field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert fired == ["ab"]


def test_ctrl_keys_reach_the_field(qtbot: QtBot, form: Form, wedge: WedgeFilter) -> None:
    person(qtbot, form.field, "abc")
    qtbot.keyClick(form.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert form.field.selectedText() == "abc"


def test_shift_for_capitals_does_not_break_a_scan(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    shift = Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as scan:
        for char in "CLK1.P.xyz":
            if char.isupper():
                qtbot.keyPress(form.field, Qt.Key.Key_Shift)
                qtbot.keyClick(form.field, char, shift)
                qtbot.keyRelease(form.field, Qt.Key.Key_Shift, shift)
            else:
                qtbot.keyClick(form.field, char)
        qtbot.keyClick(form.field, Qt.Key.Key_Return)
    assert scan.args == ["CLK1.P.xyz"]
    qtbot.wait(100)
    assert form.field.text() == ""


def test_auto_repeat_is_a_person_holding_a_key(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    with qtbot.assertNotEmitted(wedge.scanned, wait=100):
        qtbot.keyClick(form.field, "a")
        for _ in range(7):
            QApplication.sendEvent(
                form.field,
                QKeyEvent(
                    QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a", True
                ),
            )
        qtbot.keyClick(form.field, Qt.Key.Key_Return)
    assert form.field.text() == "aaaaaaaa"
    assert form.entered == ["aaaaaaaa"]


def test_when_disabled_every_key_passes_at_once(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    wedge.set_enabled(False)
    assert not wedge.enabled
    with qtbot.assertNotEmitted(wedge.scanned, wait=50):
        qtbot.keyClicks(form.field, "abcdefgh")
        assert form.field.text() == "abcdefgh"  # not even held
        qtbot.keyClick(form.field, Qt.Key.Key_Return)
    assert form.entered == ["abcdefgh"]
    wedge.set_enabled(True)
    with qtbot.waitSignal(wedge.scanned, timeout=1000):
        burst(qtbot, form.field, TOKEN)


def test_the_thresholds_can_change(qtbot: QtBot, form: Form, wedge: WedgeFilter) -> None:
    assert (wedge.max_interval_ms, wedge.min_length) == (40, 6)
    wedge.set_thresholds(40, 20)
    with qtbot.assertNotEmitted(wedge.scanned, wait=50):
        burst(qtbot, form.field, "5901234123457")
    assert form.entered == ["5901234123457"]
    wedge.set_thresholds(40, 4)
    form.field.clear()
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as scan:
        burst(qtbot, form.field, "1234")
    assert scan.args == ["1234"]
    assert form.field.text() == ""


def test_keys_from_the_window_system_are_told_apart_too(
    qtbot: QtBot, form: Form, wedge: WedgeFilter
) -> None:
    # The path of a real keyboard or scanner: the window gets the key, then the focus widget.
    window = form.windowHandle()
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as scan:
        for char in "5901234123457":
            QTest.keyClick(window, Qt.Key(ord(char)), Qt.KeyboardModifier.NoModifier)
        QTest.keyClick(window, Qt.Key.Key_Return)
    assert scan.args == ["5901234123457"]
    for char in "ab":
        QTest.keyClick(window, Qt.Key(ord(char.upper())))
        qtbot.wait(PERSON_GAP_MS)
    QTest.keyClick(window, Qt.Key.Key_Return)
    assert form.field.text() == "ab"
    assert form.entered == ["ab"]
