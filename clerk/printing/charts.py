"""Bar charts painted by hand with QPainter, for the Today screen and its PDF report alike.

The app's charts are a few bars each (waits per hour, returns per reason, effort scores 1-5),
so one small painter does: the same code draws on a widget and on a PDF page, the numbers are
written on the bars (a chart that must be read too), and no charting library is loaded at
start-up for three pictures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

__all__ = ["Bar", "BarChart", "ChartStyle", "paint_bar_chart"]


@dataclass(frozen=True)
class Bar:
    """One bar: its label under (or beside) it, its length, and the figure written on it."""

    label: str
    value: float
    text: str
    alert: bool = False  # drawn in the alert colour (an overdue hour, a score of 1)


@dataclass(frozen=True)
class BarChart:
    """A titled set of bars; ``horizontal`` bars suit long labels (return reasons)."""

    title: str
    bars: Sequence[Bar]
    horizontal: bool = False
    empty_text: str = ""

    @property
    def empty(self) -> bool:
        return not any(bar.value > 0 for bar in self.bars)


@dataclass(frozen=True)
class ChartStyle:
    """Colours and fonts of a chart; ``unit`` is one logical pixel in device pixels."""

    text: QColor
    muted: QColor
    bar: QColor
    alert: QColor
    grid: QColor
    font: QFont
    title_font: QFont
    unit: float = 1.0


def _elided(metrics: QFontMetricsF, text: str, width: float) -> str:
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(width, 0.0))


def paint_bar_chart(painter: QPainter, rect: QRectF, chart: BarChart, style: ChartStyle) -> None:
    """Draw ``chart`` inside ``rect``: the title, then the bars scaled to the largest."""
    painter.save()
    try:
        u = style.unit
        title_metrics = QFontMetricsF(style.title_font, painter.device())
        painter.setFont(style.title_font)
        painter.setPen(style.text)
        title_box = QRectF(rect.left(), rect.top(), rect.width(), title_metrics.height())
        painter.drawText(
            title_box,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            _elided(title_metrics, chart.title, rect.width()),
        )
        area = QRectF(rect)
        area.setTop(title_box.bottom() + 8 * u)
        painter.setFont(style.font)
        metrics = QFontMetricsF(style.font, painter.device())
        if chart.empty:
            painter.setPen(style.muted)
            painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter), chart.empty_text)
            return
        top = max(bar.value for bar in chart.bars)
        if chart.horizontal:
            _horizontal(painter, area, chart.bars, top, metrics, style)
        else:
            _vertical(painter, area, chart.bars, top, metrics, style)
    finally:
        painter.restore()


def _horizontal(
    painter: QPainter,
    area: QRectF,
    bars: Sequence[Bar],
    top: float,
    metrics: QFontMetricsF,
    style: ChartStyle,
) -> None:
    u = style.unit
    gap = 8 * u
    label_w = min(max(metrics.horizontalAdvance(b.label) for b in bars), area.width() * 0.42)
    value_w = max(metrics.horizontalAdvance(b.text) for b in bars)
    row_h = min(area.height() / len(bars), metrics.height() * 2.0)
    room = max(area.width() - label_w - value_w - 2 * gap, 1.0)
    for i, bar in enumerate(bars):
        y = area.top() + i * row_h
        label_box = QRectF(area.left(), y, label_w, row_h)
        painter.setPen(style.text)
        painter.drawText(
            label_box,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            _elided(metrics, bar.label, label_w),
        )
        x0 = area.left() + label_w + gap
        length = room * bar.value / top if top > 0 else 0.0
        thickness = max(row_h * 0.56, 2 * u)
        painter.fillRect(
            QRectF(x0, y + (row_h - thickness) / 2, max(length, 1.5 * u), thickness),
            style.alert if bar.alert else style.bar,
        )
        painter.setPen(style.text)
        painter.drawText(
            QRectF(x0 + length + gap / 2, y, value_w + gap, row_h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            bar.text,
        )


def _vertical(
    painter: QPainter,
    area: QRectF,
    bars: Sequence[Bar],
    top: float,
    metrics: QFontMetricsF,
    style: ChartStyle,
) -> None:
    u = style.unit
    line = metrics.height()
    plot = QRectF(area.left(), area.top() + line, area.width(), area.height() - 2 * line - 6 * u)
    painter.setPen(QPen(style.grid, max(u, 1.0)))
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    slot = plot.width() / len(bars)
    bar_w = max(min(slot * 0.62, 64 * u), 2 * u)
    # Labels that would collide are thinned to every n-th one (hours of a long day).
    widest = max(metrics.horizontalAdvance(b.label) for b in bars) + 6 * u
    step = max(1, int(widest // slot) + (1 if widest % slot else 0))
    for i, bar in enumerate(bars):
        centre = plot.left() + slot * (i + 0.5)
        height = plot.height() * bar.value / top if top > 0 else 0.0
        if bar.value > 0:
            painter.fillRect(
                QRectF(centre - bar_w / 2, plot.bottom() - height, bar_w, height),
                style.alert if bar.alert else style.bar,
            )
            painter.setPen(style.text)
            # The figure may be wider than its slot: its neighbours' slots are usually quiet.
            painter.drawText(
                QRectF(centre - slot * 1.5, plot.bottom() - height - line, slot * 3, line),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                _elided(metrics, bar.text, slot * 3),
            )
        if i % step == 0:
            painter.setPen(style.muted)
            painter.drawText(
                QRectF(centre - slot * step / 2, plot.bottom() + 4 * u, slot * step, line),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                bar.label,
            )
