"""Small shared widgets: a wrapped label sizes itself to its text at its width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from clerk.ui.widgets import WrapLabel

TEXT = "✗ e-mail   ✗ SMS   ✓ profiling — no marketing offers without consent, ever."


def test_a_wrap_label_takes_the_lines_its_text_needs_at_its_width(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    grid = QGridLayout(window)
    label = WrapLabel(TEXT, window, lines=1)
    grid.addWidget(QLabel("Consents", window), 0, 0)
    grid.addWidget(label, 0, 1)
    line = label.fontMetrics().lineSpacing()
    window.resize(900, 200)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: label.height() == line)  # one line when wide
    assert not label.hasHeightForWidth()

    window.resize(260, 300)
    qtbot.waitUntil(lambda: label.height() >= 3 * line)  # narrower: more lines, none cut
    flags = int(Qt.TextFlag.TextWordWrap)
    needed = label.fontMetrics().boundingRect(0, 0, label.width(), 10_000, flags, TEXT).height()
    assert label.height() >= needed

    window.resize(900, 200)
    qtbot.waitUntil(lambda: label.height() == line)  # and back
    label.setText("")
    assert label.height() == line  # never less than its lines
