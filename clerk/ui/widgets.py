"""Small widgets every screen builds the same way."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QRect, Qt
from PySide6.QtGui import QIntValidator, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk.ui.theme import TOUCH

__all__ = ["NoteBox", "WrapLabel", "row_table", "touch_button"]


def restyle(widget: QWidget, name: str, value: object) -> None:
    """Set the property ``name`` that the style sheet's ``[name="value"]`` rules read, and
    polish ``widget`` again (a changed property alone does not restyle it)."""
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def segment_group(parent: QWidget, *buttons: QPushButton) -> QButtonGroup:
    """One exclusive choice among ``buttons``, drawn as joined segments; the first is chosen."""
    group = QButtonGroup(parent)
    for button in buttons:
        button.setCheckable(True)
        button.setProperty("segment", True)
        group.addButton(button)
    buttons[0].setChecked(True)
    return group


def qty_stepper(
    parent: QWidget, prefix: str, key: str, words: tuple[str, str, str], low: int, high: int
) -> tuple[QPushButton, QLineEdit, QPushButton]:
    """− [qty] + for a finger and a keyboard: two stepper buttons and a digits field from
    ``low`` to ``high``, named ``{prefix}Minus_{key}``, ``{prefix}Qty_{key}`` and
    ``{prefix}Plus_{key}``; ``words``: what "one less", the field and "one more" say to a
    screen reader."""
    less, field, more = words
    minus = touch_button(parent, f"{prefix}Minus_{key}", "−", less)
    plus = touch_button(parent, f"{prefix}Plus_{key}", "+", more)
    for button in (minus, plus):
        button.setFixedSize(TOUCH, TOUCH)
        button.setProperty("stepper", True)
    qty = QLineEdit(parent)
    qty.setObjectName(f"{prefix}Qty_{key}")
    qty.setAccessibleName(field)
    qty.setValidator(QIntValidator(low, high, qty))
    qty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    qty.setFixedSize(TOUCH + 16, TOUCH)
    qty.setProperty("qty", True)
    return minus, qty, plus


def touch_button(parent: QWidget, name: str, text: str, accessible: str) -> QPushButton:
    """A finger-sized button with its object and accessible names; Enter never presses it."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setMinimumHeight(TOUCH)
    button.setAutoDefault(False)
    return button


class WrapLabel(QLabel):
    """Wrapped text whose height follows its own width, without asking the layouts above.

    A plain wrapped QLabel reports height-for-width, which makes every layout up to the
    window redo itself whenever anything below it is shown (4-5 ms of each Counter scan,
    tests/benchmarks/bench_counter.py). This label says it has none and sets its own fixed
    height when its text or width changes, at least ``lines`` lines.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, lines: int = 1) -> None:
        super().__init__(text, parent)
        self._lines = lines
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._fit()

    def hasHeightForWidth(self) -> bool:
        return False

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()  # a style sheet applied later changes the font, so the line height

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def _fit(self) -> None:
        # QLabel.heightForWidth() never answers less than the minimum height this sets, so
        # the text is measured here.
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * self.margin()
        width = max(self.width() - margins.left() - margins.right() - 2 * self.margin(), 1)
        metrics = self.fontMetrics()
        least = metrics.lineSpacing() * self._lines
        flags = int(Qt.TextFlag.TextWordWrap) | int(self.alignment())
        text = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, self.text()).height()
        height = max(least, text if self.text() else 0) + frame
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)


def row_table(
    parent: QWidget, name: str, accessible: str, model: QAbstractItemModel, row_height: int
) -> QTableView:
    """A read-only list of rows picked one at a time: fixed row height, no grid, no
    vertical header, no wrapping (a row costs what it paints)."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(row_height)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    return table


class NoteBox(QFrame):
    """A coloured note: a wrapped label inside a frame that carries the background and the
    padding (a label's own padding throws its wrapped height off). Shown while it has text."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Box")
        self.label = QLabel(self)
        self.label.setObjectName(name)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.label)
        self.hide()

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self.label.setVisible(bool(text))
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text()
