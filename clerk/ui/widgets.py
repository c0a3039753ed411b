"""Small widgets every screen builds the same way."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from clerk.ui.theme import TOUCH

__all__ = ["touch_button"]


def touch_button(parent: QWidget, name: str, text: str, accessible: str) -> QPushButton:
    """A finger-sized button with its object and accessible names; Enter never presses it."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setMinimumHeight(TOUCH)
    button.setAutoDefault(False)
    return button
