"""The Today screen's pieces: a figure tile (a big number, what it is, a line under it) and a
chart card (:func:`clerk.printing.charts.paint_bar_chart` on a widget)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from clerk.printing.charts import BarChart, ChartStyle, paint_bar_chart
from clerk.ui.theme import Colors

__all__ = ["ChartCard", "FigureTile"]


class FigureTile(QFrame):
    """A figure of the day: what it is, the number, and a note (``level`` colours it)."""

    def __init__(self, name: str, caption: str, colors: Colors, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"todayTile_{name}")
        self.setProperty("card", True)
        self._colors = colors
        self.caption = QLabel(caption, self)
        self.caption.setProperty("role", "muted")
        self.value = QLabel("—", self)
        self.value.setObjectName(f"todayFigure_{name}")
        self.value.setAccessibleName(caption)
        self.value.setStyleSheet("font-size: 20pt; font-weight: 700;")
        self.note = QLabel("", self)
        self.note.setWordWrap(True)
        self.note.setObjectName(f"todayNote_{name}")
        self.note.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def show_figure(self, value: str, note: str = "", level: str = "") -> None:
        """``level``: "" (plain), "warn" or "error"."""
        c = self._colors
        colour = {"warn": c.warn, "error": c.error}.get(level, c.text)
        self.value.setStyleSheet(f"font-size: 20pt; font-weight: 700; color: {colour};")
        self.value.setText(value)
        self.note.setText(note)


class ChartCard(QFrame):
    """A card painting one bar chart, in the theme's colours and the widget's font."""

    def __init__(self, name: str, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"todayChart_{name}")
        self.setProperty("card", True)
        self._colors = colors
        self.chart: BarChart | None = None
        self.setMinimumHeight(120)

    def set_chart(self, chart: BarChart) -> None:
        self.chart = chart
        self.setAccessibleName(chart.title)
        self.setToolTip(
            "\n".join(f"{bar.label}: {bar.text}" for bar in chart.bars if bar.value > 0)
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.chart is None:
            return
        c = self._colors
        title = QFont(self.font())
        title.setBold(True)
        style = ChartStyle(
            text=QColor(c.text),
            muted=QColor(c.muted),
            bar=QColor(c.accent),
            alert=QColor(c.warn),
            grid=QColor(c.border),
            font=self.font(),
            title_font=title,
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            box = QRectF(self.rect()).adjusted(16, 12, -16, -10)
            paint_bar_chart(painter, box, self.chart, style)
        finally:
            painter.end()
