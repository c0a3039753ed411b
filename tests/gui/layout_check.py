"""Catching clipped text: a translator that stretches every string by 40% and a check that
every visible label and button still shows all of its text."""

from __future__ import annotations

import re

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

_PLACEHOLDER = re.compile(r"(\{[a-z_]+\}|%\d|<[^>]+>|&[a-z]+;)")
STRETCH = 1.4


def stretch(text: str) -> str:
    """``text`` 40% longer, placeholders and markup kept (each word grows by its own letters)."""
    parts = _PLACEHOLDER.split(text)
    out = []
    for part in parts:
        if _PLACEHOLDER.fullmatch(part):
            out.append(part)
            continue
        out.append(
            re.sub(
                r"[^\W\d_]{2,}",
                lambda m: m.group(0) + m.group(0)[: max(1, round(len(m.group(0)) * (STRETCH - 1)))],
                part,
            )
        )
    return "".join(out)


class StretchTranslator(QTranslator):
    """Every string of the app, 40% longer (the way long Polish words will be)."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return stretch(source) if source else source

    def isEmpty(self) -> bool:
        return False


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    box = label.contentsRect()
    if label.wordWrap() or "<" in text:
        needed = label.heightForWidth(box.width())
        if needed > box.height() + 2:
            return f"{text[:50]!r} needs {needed}px of height, has {box.height()}"
        return None
    metrics = label.fontMetrics()
    width = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    if width > box.width() + 1:
        return f"{text[:50]!r} needs {width}px, has {box.width()}"
    return None


def clipped(root: QWidget) -> list[str]:
    """Visible labels and buttons under ``root`` whose text does not fit."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or widget.width() <= 1:
            continue
        name = widget.objectName() or type(widget).__name__
        problem: str | None = None
        if isinstance(widget, QLabel):
            picture = widget.pixmap()
            if widget.text() and (picture is None or picture.isNull()):
                problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.sizeHint().width()
            if hint > widget.width() + 1:
                problem = f"{widget.text()[:50]!r} needs {hint}px, has {widget.width()}"
        elif isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
            width = widget.fontMetrics().horizontalAdvance(widget.placeholderText()) + 24
            if width > widget.width():
                problem = f"placeholder {widget.placeholderText()[:40]!r} clipped"
        if problem is not None:
            problems.append(f"{name}: {problem}")
    return problems
