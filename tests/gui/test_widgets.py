"""Small shared widgets: a wrapped label sizes itself to its text at its width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from clerk.ui.widgets import WrapLabel

TEXT = "✗ e-mail   ✗ SMS   ✓ profiling — no marketing offers without consent, ever."


def needed(label: WrapLabel) -> int:
    """The height the label's text takes at its width, wrapped, at least one line."""
    flags = int(Qt.TextFlag.TextWordWrap)
    metrics = label.fontMetrics()
    text = metrics.boundingRect(0, 0, label.width(), 100_000, flags, label.text()).height()
    return max(metrics.lineSpacing(), text if label.text() else 0)


def test_a_wrap_label_takes_the_lines_its_text_needs_at_its_width(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    grid = QGridLayout(window)
    label = WrapLabel(TEXT, window, lines=1)
    grid.addWidget(QLabel("Consents", window), 0, 0)
    grid.addWidget(label, 0, 1)
    grid.setColumnStretch(1, 1)
    window.resize(1000, 300)
    window.show()
    qtbot.waitExposed(window)
    assert not label.hasHeightForWidth()
    qtbot.waitUntil(lambda: label.height() == needed(label))
    wide = label.height()

    window.resize(260, 400)
    qtbot.waitUntil(lambda: label.width() < 200)
    qtbot.waitUntil(lambda: label.height() == needed(label))
    assert label.height() > wide  # narrower: more lines, none cut

    window.resize(1000, 300)
    qtbot.waitUntil(lambda: label.height() == wide)  # and back: it shrinks again
    label.setText("")
    assert label.height() == label.fontMetrics().lineSpacing()  # never less than its lines
