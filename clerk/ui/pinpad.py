"""A touch PIN pad: large digit keys, clear and backspace, for a masked PIN field."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget


class PinPad(QWidget):
    """Digit keys that type into ``field``; ``submitted`` when the clerk presses OK."""

    submitted = Signal()

    def __init__(self, field: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._field = field
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
        for i, digit in enumerate(keys):
            grid.addWidget(self._key(digit, digit), i // 3, i % 3)
        clear = self._key(self.tr("Clear"), "clear")
        clear.setStyleSheet("font-size: 12pt;")
        grid.addWidget(clear, 3, 0)
        grid.addWidget(self._key("0", "0"), 3, 1)
        back = self._key("⌫", "back")
        back.setAccessibleName(self.tr("Delete the last digit"))
        grid.addWidget(back, 3, 2)

    def _key(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"pinKey_{name}")
        button.setAccessibleName(text)
        button.setProperty("pinKey", True)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._press(name))
        return button

    def _press(self, name: str) -> None:
        if name == "clear":
            self._field.clear()
        elif name == "back":
            self._field.backspace()
        elif len(self._field.text()) < self._field.maxLength():
            self._field.insert(name)
        self._field.setFocus()
