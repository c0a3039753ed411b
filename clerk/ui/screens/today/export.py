"""The day exported: a PDF through :mod:`clerk.printing.day_report` and a CSV a spreadsheet
opens (UTF-8 with a byte-order mark, so Polish letters survive a double click), both from
the same worded rows as the screen (:mod:`clerk.ui.screens.today.words`)."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

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

__all__ = ["export_csv", "export_pdf", "override_headers", "report_data"]

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


def export_csv(path: Path, data: DayReportData) -> Path:
    """The figures (section, figure, value), then the overrides under their headers."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([data.title])
        writer.writerow(
            [
                translate("TodayExport", "Section"),
                translate("TodayExport", "Figure"),
                translate("TodayExport", "Value"),
            ]
        )
        writer.writerows(data.figures)
        writer.writerow([])
        writer.writerow([data.overrides_title])
        writer.writerow(list(data.override_headers))
        writer.writerows(list(row) for row in data.overrides)
    return path
