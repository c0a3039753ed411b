"""Today (F5, managers): the store's day at a glance, and the day's overrides.

Two pages under one header. *The day*: tiles with the figures (pickups to prepare, ready and
overdue now; released, the average and longest wait; returns; effort score; online carts
finalized; sync health) and four charts painted by hand (waits by hour, returns by reason
and by original channel, effort scores). *Overrides and audit*: who did what out of the
ordinary, when and why, filtered by staff member and kind. A date picker shows earlier days
(the live queue is today's only); the day is exported as PDF and CSV. Everything is read off
the UI thread from the local store, again on every sync and once a minute.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.money import format_money
from clerk.services.context import Actor, ServiceContext
from clerk.services.overrides import OverrideKind, SensitiveAction, sensitive_actions
from clerk.services.today import DayFigures, day_figures
from clerk.store.quick import store_title
from clerk.ui.bridge import SerialRead
from clerk.ui.resources import icon_pixmap
from clerk.ui.screens.pickup.order_page import Banner
from clerk.ui.screens.reservations.screen import segment_style, segments
from clerk.ui.screens.today.export import write_day_export
from clerk.ui.screens.today.overrides import OverridesPage
from clerk.ui.screens.today.widgets import ChartCard, FigureTile
from clerk.ui.screens.today.words import (
    channels_chart,
    effort_chart,
    other_refunds_text,
    returns_chart,
    wait_text,
    waits_chart,
)
from clerk.ui.session import SCREEN_ICONS, AppServices, Screen
from clerk.ui.texts import error_text, store_time
from clerk.ui.theme import TOUCH, Colors
from clerk.ui.widgets import touch_button

__all__ = ["TodayScreen"]

log = logging.getLogger(__name__)

REFRESH_MS = 60_000
# Sync completions, queue changes and feed pages come in bursts: one read after the burst.
COALESCE_MS = 500
Kind = Literal["pdf", "csv"]


def read_day(
    ctx: ServiceContext, actor: Actor, day: date | None
) -> tuple[DayFigures, list[SensitiveAction], list[tuple[str, str]], str]:
    """The day's figures, its overrides, the staff to filter by and the store's name
    (``day`` None: the store's today, in its own time zone)."""
    figures = day_figures(ctx, actor, day)
    actions = sensitive_actions(ctx, actor, figures.day)
    with ctx.store.unit(read_only=True) as unit:
        staff = [(s.id, s.name) for s in unit.staff.active_for_store(ctx.store_id)]
        store = unit.stores.store(ctx.store_id)
    return figures, actions, staff, store_title(store.name if store else None, ctx.store_id)


class TodayScreen(QWidget):
    """The day's tiles and charts, the overrides, the date and the exports."""

    def __init__(
        self, services: AppServices, colors: Colors, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = Screen.TODAY
        self.setObjectName("screen_today")
        self.setStyleSheet(segment_style(colors))
        self.services = services
        self._colors = colors
        self.figures: DayFigures | None = None
        self.day_actions: list[SensitiveAction] = []
        self._store = ""
        self._last_sync: datetime | None = None
        self._reader = SerialRead(
            lambda: self.services.bridge.op(
                read_day,
                self.services.ctx,
                self.services.session.actor(),
                None if self._follow_today else self.day,
            ),
            self._read,
            self._failed,
        )
        self._exporting = False
        self.last_export: Path | None = None  # the file the last export wrote
        # The store's time zone (its settings), learnt from each read; until the first one,
        # the date shown is a guess that read puts right.
        self._zone: ZoneInfo | None = None
        self._follow_today = True  # read the store's today, whichever day it is by then

        badge = QLabel(self)
        badge.setPixmap(icon_pixmap(SCREEN_ICONS[Screen.TODAY], colors.accent, 40))
        title = QLabel(self.tr("Today"), self)
        title.setProperty("role", "title")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("todaySubtitle")
        self.subtitle.setProperty("role", "subtitle")
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(title)
        words.addWidget(self.subtitle)

        self.date = QDateEdit(self)
        self.date.setObjectName("todayDate")
        self.date.setAccessibleName(self.tr("Day shown"))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd.MM.yyyy")
        self.date.setMinimumHeight(TOUCH)
        self.date.setMinimumWidth(150)
        self.date.setDate(self._today())
        self.date.dateChanged.connect(self._date_chosen)
        self.previous = touch_button(self, "todayPrevious", "‹", self.tr("The day before"))
        self.next = touch_button(self, "todayNext", "›", self.tr("The day after"))
        for button in (self.previous, self.next):
            button.setFixedWidth(TOUCH)
        self.previous.clicked.connect(lambda: self._move(-1))
        self.next.clicked.connect(lambda: self._move(1))
        self.today_button = touch_button(self, "todayToday", self.tr("Today"), self.tr("Today"))
        self.today_button.clicked.connect(self.show_today)
        self.pdf_button = touch_button(
            self, "todayExportPdf", self.tr("PDF…"), self.tr("Export the day as PDF")
        )
        self.csv_button = touch_button(
            self, "todayExportCsv", self.tr("CSV…"), self.tr("Export the day as CSV")
        )
        self.pdf_button.clicked.connect(lambda: self._ask_export("pdf"))
        self.csv_button.clicked.connect(lambda: self._ask_export("csv"))
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        head.addSpacing(6)
        head.addLayout(words, 1)
        for widget in (
            self.previous,
            self.date,
            self.next,
            self.today_button,
            self.pdf_button,
            self.csv_button,
        ):
            head.addWidget(widget)

        pages, self.page_buttons = segments(
            self,
            "todayPage",
            [("day", self.tr("The day")), ("overrides", self.tr("Overrides and audit"))],
            self.show_page,
        )
        page_row = QHBoxLayout()
        page_row.addLayout(pages)
        page_row.addStretch(1)
        self.banner = Banner(colors, self)

        self.tiles = {
            name: FigureTile(name, caption, colors, self)
            for name, caption in (
                ("to_prepare", self.tr("To prepare")),
                ("ready", self.tr("Ready on the shelf")),
                ("overdue", self.tr("Overdue")),
                ("released", self.tr("Released")),
                ("wait", self.tr("Average wait")),
                ("returns", self.tr("Returns")),
                ("effort", self.tr("Effort score")),
                ("carts", self.tr("Online carts finalized")),
                ("sync", self.tr("Waiting to be sent")),
            )
        }
        grid = QGridLayout()
        grid.setSpacing(10)
        for i, name in enumerate(("to_prepare", "ready", "overdue", "released", "wait")):
            grid.addWidget(self.tiles[name], 0, i)
        for i, name in enumerate(("returns", "effort", "carts")):
            grid.addWidget(self.tiles[name], 1, i)
        grid.addWidget(self.tiles["sync"], 1, 3, 1, 2)
        for column in range(5):
            grid.setColumnStretch(column, 1)
        self.charts = {
            name: ChartCard(name, colors, self)
            for name in ("waits", "returns", "effort", "channels")
        }
        chart_grid = QGridLayout()
        chart_grid.setSpacing(10)
        chart_grid.addWidget(self.charts["waits"], 0, 0)
        chart_grid.addWidget(self.charts["effort"], 0, 1)
        chart_grid.addWidget(self.charts["returns"], 1, 0)
        chart_grid.addWidget(self.charts["channels"], 1, 1)
        day_page = QWidget(self)
        day_layout = QVBoxLayout(day_page)
        day_layout.setContentsMargins(0, 8, 0, 0)
        day_layout.setSpacing(10)
        day_layout.addLayout(grid)
        day_layout.addLayout(chart_grid, 1)
        self.overrides = OverridesPage(self)
        self.overrides.filtersChanged.connect(lambda *_: self._filter_overrides())
        self.pages = QStackedWidget(self)
        self.pages.addWidget(day_page)
        self.pages.addWidget(self.overrides)
        self._day_page = day_page

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addLayout(page_row)
        layout.addWidget(self.pages, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._reload_if_visible)
        self._timer.start()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(COALESCE_MS)
        self._soon.timeout.connect(self._reload_if_visible)
        if services.sync is not None:
            services.sync.syncCompleted.connect(self._synced)
            services.sync.pendingChanged.connect(lambda *_: self.reload_soon())

    # -- the screen's hooks (MainWindow) ------------------------------------------------------

    def reset(self) -> None:
        """Another staff member signed in: back to today's figures, no filters."""
        self.figures, self.day_actions = None, []  # nothing of theirs stays
        self.overrides.reset()
        self.overrides.set_actions([])
        for tile in self.tiles.values():
            tile.show_figure("—")
        self.show_page("day")
        self._follow_today = True
        self.date.blockSignals(True)
        self.date.setDate(self._today())
        self.date.blockSignals(False)
        self.banner.hide()

    def shown(self) -> None:
        self.reload()

    def cancel(self) -> None:
        self.banner.hide()

    def data_changed(self, _entities: frozenset[str]) -> None:
        self.reload_soon()

    # -- the day shown ------------------------------------------------------------------------

    @property
    def day(self) -> date:
        chosen = self.date.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def show_day(self, day: date) -> None:
        self.date.setDate(QDate(day.year, day.month, day.day))

    def _today(self) -> QDate:
        """The store's today in its own time zone (the settings' ``timezone``)."""
        today = self.services.ctx.clock.now().astimezone(self._zone or UTC).date()
        return QDate(today.year, today.month, today.day)

    def show_today(self) -> None:
        self._follow_today = True
        self.date.blockSignals(True)
        self.date.setMaximumDate(self._today())
        self.date.setDate(self._today())
        self.date.blockSignals(False)
        self.reload()

    def _date_chosen(self, chosen: QDate) -> None:
        self._follow_today = chosen >= self._today()
        self.reload()

    def _move(self, days: int) -> None:
        self.date.setDate(self.date.date().addDays(days))

    def show_page(self, page: str) -> None:
        self.page_buttons[page].setChecked(True)
        self.pages.setCurrentWidget(self.overrides if page == "overrides" else self._day_page)

    def _synced(self, at: datetime) -> None:
        self._last_sync = at
        self.reload_soon()

    def reload_soon(self) -> None:
        """Read again once the burst of changes this one belongs to is over (at most
        ``COALESCE_MS`` after the first of them)."""
        if not self._soon.isActive():
            self._soon.start()

    def _reload_if_visible(self) -> None:
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Read the day afresh (one read at a time; a request meanwhile reads once more)."""
        session = self.services.session
        if not session.active or not session.is_manager:
            return
        self._reader.request()

    def _failed(self, error: BaseException) -> None:
        self.banner.say(error_text(error), "error")

    def _read(
        self, read: tuple[DayFigures, list[SensitiveAction], list[tuple[str, str]], str]
    ) -> None:
        figures, actions, staff, store = read
        self._zone = ZoneInfo(figures.zone)
        today = self._today()
        self.date.blockSignals(True)
        self.date.setMaximumDate(today)
        if self._follow_today:
            self.date.setDate(QDate(figures.day.year, figures.day.month, figures.day.day))
        self.date.blockSignals(False)
        if figures.day != self.day:  # another day was picked while this one was read
            self.reload()
        self.figures, self.day_actions, self._store = figures, actions, store
        self._render(figures)
        self.overrides.set_staff(staff)
        self._filter_overrides()

    def _filter_overrides(self) -> None:
        staff_id, kind = self.overrides.staff_id, self.overrides.kind_filter
        self.overrides.set_actions(
            [
                a
                for a in self.day_actions
                if (staff_id is None or a.staff_id == staff_id) and (kind is None or a.kind == kind)
            ]
        )

    def overrides_filtered(self, staff_id: str | None, kind: OverrideKind | None) -> None:
        """Choose the overrides' filters (as the two lists do)."""
        self.overrides.staff.setCurrentIndex(max(self.overrides.staff.findData(staff_id), 0))
        self.overrides.kind.setCurrentIndex(max(self.overrides.kind.findData(kind), 0))

    def _render(self, f: DayFigures) -> None:
        today = f.live is not None
        live = self.tr("Live from this tablet · read at {time}")
        self.subtitle.setText(
            live.replace("{time}", store_time(f.read_at)) if today else f.start.strftime("%d.%m.%Y")
        )
        only_today = self.tr("known for today only")
        if f.live is not None:
            self.tiles["to_prepare"].show_figure(str(f.live.to_prepare))
            self.tiles["ready"].show_figure(str(f.live.ready))
            self.tiles["overdue"].show_figure(
                str(f.live.overdue), "", "error" if f.live.overdue else ""
            )
        else:
            for name in ("to_prepare", "ready", "overdue"):
                self.tiles[name].show_figure("—", only_today)
        unknown = (
            self.tr("{n} without a ready time").replace("{n}", str(f.released_without_ready_time))
            if f.released_without_ready_time
            else ""
        )
        self.tiles["released"].show_figure(
            str(len(f.released) + f.released_without_ready_time), unknown
        )
        longest = f.longest_wait
        self.tiles["wait"].show_figure(
            wait_text(f.average_wait),
            ""
            if longest is None
            else self.tr("longest {wait}").replace("{wait}", wait_text(longest.wait)),
        )
        returned = (
            self.tr("{n} items, {money}")
            .replace("{n}", str(f.returned_units))
            .replace("{money}", format_money(f.refunded))
        )
        others = other_refunds_text(f)
        self.tiles["returns"].show_figure(
            str(len(f.returns)), f"{returned}\n{others}" if others else returned
        )
        average = f.effort_average
        self.tiles["effort"].show_figure(
            "—" if average is None else f"{average:.1f}".replace(".", ","),
            self.tr("{n} answers").replace("{n}", str(len(f.effort_scores))),
            "warn" if average is not None and average < 3 else "",
        )
        self.tiles["carts"].show_figure(
            str(f.cart_sales),
            self.tr("{money} · of {n} sales")
            .replace("{money}", format_money(f.cart_sales_total))
            .replace("{n}", str(f.store_sales)),
        )
        last = (
            self.tr("last sync {time}").replace("{time}", store_time(self._last_sync))
            if self._last_sync is not None
            else self.tr("no sync since the app started")
        )
        refused = self.tr("{n} refused").replace("{n}", str(f.sync.attention))
        self.tiles["sync"].show_figure(
            str(f.sync.pending),
            f"{refused} · {last}",
            "error" if f.sync.attention else "warn" if f.sync.pending else "",
        )
        self.charts["waits"].set_chart(waits_chart(f))
        self.charts["returns"].set_chart(returns_chart(f))
        self.charts["effort"].set_chart(effort_chart(f))
        self.charts["channels"].set_chart(channels_chart(f))
        self.next.setEnabled(not today)
        self.today_button.setEnabled(not today)

    # -- exports ------------------------------------------------------------------------------

    def _ask_export(self, kind: Kind) -> None:
        if self.figures is None:
            return
        name = f"day-{self.figures.day.isoformat()}.{kind}"
        pattern = (
            self.tr("PDF documents (*.pdf)") if kind == "pdf" else self.tr("CSV files (*.csv)")
        )
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the day"), str(Path.home() / name), pattern
        )
        if path:
            self.export_to(Path(path), kind)

    def export_to(self, path: Path, kind: Kind) -> bool:
        """Start writing the day shown as ``kind`` at ``path`` (on a worker thread); when it
        is written, say where (``last_export``), or why not.  False: nothing to export."""
        if self.figures is None or self._exporting:
            return False
        self._exporting = True
        self.last_export = None
        for button in (self.pdf_button, self.csv_button):
            button.setEnabled(False)
        self.services.bridge.op(
            write_day_export,
            path,
            kind,
            self.figures,
            list(self.day_actions),
            self._last_sync,
            self._store,
        ).read_only().success(self._exported).failure(self._export_failed).run()
        return True

    def _export_done(self) -> None:
        self._exporting = False
        for button in (self.pdf_button, self.csv_button):
            button.setEnabled(True)

    def _exported(self, written: Path) -> None:
        self._export_done()
        self.last_export = written
        self.banner.say(self.tr("Saved to {path}.").replace("{path}", str(written)), "ok")

    def _export_failed(self, error: BaseException) -> None:
        self._export_done()
        if isinstance(error, OSError):
            self.banner.say(
                self.tr("The file could not be written ({why}); choose another folder.").replace(
                    "{why}", error.strerror or str(error)
                ),
                "error",
            )
        else:
            self.banner.say(error_text(error), "error")
