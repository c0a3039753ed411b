"""The store's day as a PDF (A4): the figures in sections, the charts, the overrides.

Like the receipt, the caller gathers plain, already worded data (:class:`DayReportData`);
this module only lays it out with QPdfWriter at 300 dpi, charts drawn by the same painter as
the Today screen's (:mod:`clerk.printing.charts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter

from clerk.printing.charts import BarChart, ChartStyle, paint_bar_chart

__all__ = ["DayReportData", "render_day_report_pdf"]

_DPI = 300
_FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Sans Serif"]
_PAGE_W_MM, _PAGE_H_MM, _MARGIN_MM = 210.0, 297.0, 15.0
_TEXT, _MUTED, _BAR, _ALERT, _RULE = "#17212b", "#5b6975", "#1f5f8b", "#b3261e", "#cfd7de"


@dataclass(frozen=True)
class DayReportData:
    """Everything the report shows, worded: ``figures`` as (section, label, value) rows,
    ``overrides`` as rows under ``override_headers``."""

    title: str
    subtitle: str
    figures: Sequence[tuple[str, str, str]]
    charts: Sequence[BarChart]
    overrides_title: str
    override_headers: Sequence[str]
    overrides: Sequence[Sequence[str]]
    no_overrides: str


def _px(mm: float) -> float:
    return mm / 25.4 * _DPI


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(_FONT_FAMILIES)
    font.setPixelSize(round(points * _DPI / 72))
    font.setBold(bold)
    return font


class _Page:
    """A cursor down the page that starts a new page when the next block does not fit."""

    def __init__(self, writer: QPdfWriter, painter: QPainter) -> None:
        self.writer = writer
        self.painter = painter
        self.left = _px(_MARGIN_MM)
        self.width = _px(_PAGE_W_MM - 2 * _MARGIN_MM)
        self.bottom = _px(_PAGE_H_MM - _MARGIN_MM)
        self.top = _px(_MARGIN_MM)

    def need(self, height: float) -> None:
        if self.top + height > self.bottom and self.top > _px(_MARGIN_MM):
            self.writer.newPage()
            self.top = _px(_MARGIN_MM)

    def text(self, text: str, font: QFont, colour: str = _TEXT, gap: float = 0.0) -> None:
        metrics = QFontMetricsF(font)
        box = metrics.boundingRect(
            QRectF(0, 0, self.width, 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        self.need(box.height() + gap)
        self.painter.setFont(font)
        self.painter.setPen(QColor(colour))
        self.painter.drawText(
            QRectF(self.left, self.top, self.width, box.height()),
            int(Qt.TextFlag.TextWordWrap),
            text,
        )
        self.top += box.height() + gap

    def row(self, cells: Sequence[str], widths: Sequence[float], font: QFont, colour: str) -> None:
        metrics = QFontMetricsF(font)
        heights = [
            metrics.boundingRect(
                QRectF(0, 0, self.width * w - _px(2), 100_000), int(Qt.TextFlag.TextWordWrap), c
            ).height()
            for c, w in zip(cells, widths, strict=True)
        ]
        height = max(heights) + _px(1.2)
        self.need(height)
        self.painter.setFont(font)
        self.painter.setPen(QColor(colour))
        x = self.left
        for cell, share in zip(cells, widths, strict=True):
            self.painter.drawText(
                QRectF(x, self.top, self.width * share - _px(2), height),
                int(Qt.TextFlag.TextWordWrap),
                cell,
            )
            x += self.width * share
        self.top += height

    def rule(self) -> None:
        self.painter.setPen(QColor(_RULE))
        self.painter.drawLine(
            int(self.left), int(self.top), int(self.left + self.width), int(self.top)
        )
        self.top += _px(1.5)


def _figures(page: _Page, rows: Sequence[tuple[str, str, str]]) -> None:
    body = _font(10)
    head = _font(11.5, bold=True)
    section = None
    for name, label, value in rows:
        if name != section:
            section = name
            page.top += _px(2)
            page.text(name, head, gap=_px(1))
            page.rule()
        page.row([label, value], [0.7, 0.3], body, _TEXT)


def _charts(page: _Page, charts: Sequence[BarChart]) -> None:
    style = ChartStyle(
        text=QColor(_TEXT),
        muted=QColor(_MUTED),
        bar=QColor(_BAR),
        alert=QColor(_ALERT),
        grid=QColor(_RULE),
        font=_font(8.5),
        title_font=_font(10.5, bold=True),
        unit=_DPI / 96,
    )
    width = (page.width - _px(8)) / 2
    height = _px(62)
    for i in range(0, len(charts), 2):
        page.need(height + _px(6))
        for j, chart in enumerate(charts[i : i + 2]):
            box = QRectF(page.left + j * (width + _px(8)), page.top, width, height)
            paint_bar_chart(page.painter, box, chart, style)
        page.top += height + _px(6)


def render_day_report_pdf(data: DayReportData, path: Path) -> Path:
    """Write the day report as an A4 PDF at ``path``."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(_DPI)
    writer.setTitle(data.title)
    writer.setCreator("Clerk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    painter = QPainter(writer)
    try:
        scale = writer.logicalDpiX() / _DPI
        painter.scale(scale, scale)
        page = _Page(writer, painter)
        page.text(data.title, _font(18, bold=True), gap=_px(1))
        page.text(data.subtitle, _font(10), _MUTED, gap=_px(3))
        _figures(page, data.figures)
        page.top += _px(6)
        _charts(page, data.charts)
        page.text(data.overrides_title, _font(11.5, bold=True), gap=_px(1))
        page.rule()
        widths = [0.09, 0.2, 0.17, 0.18, 0.22, 0.14]
        if data.overrides:
            page.row(list(data.override_headers), widths, _font(8.5, bold=True), _MUTED)
            for cells in data.overrides:
                page.row(list(cells), widths, _font(8.5), _TEXT)
        else:
            page.text(data.no_overrides, _font(10), _MUTED)
    finally:
        painter.end()
    return path
