"""The day exported: a PDF through :mod:`clerk.printing.day_report` and a CSV a spreadsheet
opens (UTF-8 with a byte-order mark, so Polish letters survive a double click), both from
the same worded rows as the screen (:mod:`clerk.ui.screens.today.words`).

:func:`write_day_export` runs on a worker thread (the screen starts it through the bridge):
it only words plain data (``translate`` is thread-safe) and paints on a QPdfWriter, which a
QPainter may do off the UI thread.  Free text in the CSV (a manager's reason, a customer's
name) cannot become a spreadsheet formula: see :func:`csv_cell`."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication

from clerk.printing.day_report import DayReportData, render_day_report_pdf
from clerk.services.overrides import SensitiveAction
from clerk.services.today import DayFigures
from clerk.ui.screens.today.words import (
    channels_chart,
    day_title,
    effort_chart,
    override_rows,
    report_rows,
    returns_chart,
    waits_chart,
)
from clerk.ui.texts import store_time

__all__ = [
    "csv_cell",
    "export_csv",
    "export_pdf",
    "override_headers",
    "report_data",
    "write_day_export",
]

# What a spreadsheet takes for the start of a formula (or, tab and carriage return, for the
# way to slip one past a first character check).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

translate = QCoreApplication.translate


def override_headers() -> list[str]:
    return [
        translate("TodayExport", "Time"),
        translate("TodayExport", "Who"),
        translate("TodayExport", "What"),
        translate("TodayExport", "On"),
        translate("TodayExport", "Why"),
        translate("TodayExport", "Result"),
    ]


def report_data(
    figures: DayFigures,
    actions: list[SensitiveAction],
    last_sync: datetime | None,
    store: str,
) -> DayReportData:
    """The report's worded content."""
    return DayReportData(
        title=translate("TodayExport", "The day at {store}: {day}")
        .replace("{store}", store)
        .replace("{day}", day_title(figures)),
        subtitle=translate("TodayExport", "Read from the tablet's store at {time}").replace(
            "{time}", store_time(figures.read_at, "%d.%m.%Y %H:%M")
        ),
        figures=[(r.section, r.label, r.value) for r in report_rows(figures, last_sync)],
        charts=[
            waits_chart(figures),
            effort_chart(figures),
            returns_chart(figures),
            channels_chart(figures),
        ],
        overrides_title=translate("TodayExport", "Overrides and sensitive actions"),
        override_headers=override_headers(),
        overrides=override_rows(actions),
        no_overrides=translate("TodayExport", "None this day."),
    )


def export_pdf(path: Path, data: DayReportData) -> Path:
    return render_day_report_pdf(data, path)


def csv_cell(value: str) -> str:
    """``value`` as a spreadsheet shows it as text: one starting like a formula gets a ``'``
    in front (a reason typed as ``=HYPERLINK(...)`` stays the words it was)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_csv(path: Path, data: DayReportData) -> Path:
    """The figures (section, figure, value), then the overrides under their headers."""
    path = Path(path)

    def row(cells: Iterable[str]) -> list[str]:
        return [csv_cell(str(cell)) for cell in cells]

    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(row([data.title]))
        writer.writerow(
            row(
                [
                    translate("TodayExport", "Section"),
                    translate("TodayExport", "Figure"),
                    translate("TodayExport", "Value"),
                ]
            )
        )
        writer.writerows(row(cells) for cells in data.figures)
        writer.writerow([])
        writer.writerow(row([data.overrides_title]))
        writer.writerow(row(data.override_headers))
        writer.writerows(row(cells) for cells in data.overrides)
    return path


def write_day_export(
    path: Path,
    kind: Literal["pdf", "csv"],
    figures: DayFigures,
    actions: list[SensitiveAction],
    last_sync: datetime | None,
    store: str,
) -> Path:
    """Word the day and write it as ``kind`` at ``path`` (on a worker thread)."""
    data = report_data(figures, actions, last_sync, store)
    return export_pdf(path, data) if kind == "pdf" else export_csv(path, data)
