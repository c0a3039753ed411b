"""Reservations (F4, managers): every local hold in one list, the stock they hold, and what
the manager does with them.

The list holds reserve-in-store requests and click-and-collect orders ready on the shelf,
the soonest to end first, those ending within a day amber and those over red; it is filtered
by kind and state and searched by customer, reference, product or phone. Beside it the
selected hold with its actions (extend, cancel, collect as a counter sale; expire an overdue
pickup); under it the stock here of every SKU held — on hand, held, available, and which
holds hold it. Everything is read off the UI thread from the local store (offline too) and
read again after each action, on every sync and once a minute; each action goes through the
outbox with the signed-in manager as the acting staff (the services check the role again).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Customer
from clerk.services.context import ServiceContext
from clerk.services.holds_board import HoldEntry, HoldKind, HoldsBoard, holds_board
from clerk.services.pickup import expire_pickup
from clerk.services.reservations import cancel_reservation, extend_reservation
from clerk.ui.bridge import SerialRead
from clerk.ui.resources import icon_pixmap
from clerk.ui.screens.pickup.order_page import Banner
from clerk.ui.screens.pickup.queue import touch_field
from clerk.ui.screens.reservations.collect import CollectDialog
from clerk.ui.screens.reservations.detail import HoldDetail
from clerk.ui.screens.reservations.dialogs import CancelDialog, ExpireHoldDialog, ExtendDialog
from clerk.ui.screens.reservations.models import (
    ENTRY_ROLE,
    HoldsModel,
    KindFilter,
    StateFilter,
    StockModel,
)
from clerk.ui.session import SCREEN_ICONS, AppServices, Screen
from clerk.ui.texts import error_text, store_time
from clerk.ui.theme import Colors
from clerk.ui.widgets import row_table, touch_button

__all__ = ["ReservationsScreen"]

log = logging.getLogger(__name__)

REFRESH_MS = 60_000
_RELOAD_ON = frozenset({"reservation", "order", "customer", "product", "inventory", "settings"})


def _customer(ctx: ServiceContext, customer_id: str | None) -> Customer | None:
    if customer_id is None:
        return None
    with ctx.store.unit(read_only=True) as unit:
        return unit.customers.get(customer_id)


def segment_style(colors: Colors) -> str:
    c = colors
    return f"""
    QPushButton[segment="true"] {{
        border-radius: 0; padding: 0 16px; font-weight: 600; color: {c.muted};
    }}
    QPushButton[segment="true"]:checked {{
        background: {c.accent}; color: {c.accent_text}; border-color: {c.accent};
    }}
    QPushButton[segmentEdge="first"] {{
        border-top-left-radius: 10px; border-bottom-left-radius: 10px;
    }}
    QPushButton[segmentEdge="last"] {{
        border-top-right-radius: 10px; border-bottom-right-radius: 10px;
    }}
    """


def segments(
    parent: QWidget, prefix: str, choices: list[tuple[str, str]], chosen: Callable[[str], None]
) -> tuple[QHBoxLayout, dict[str, QPushButton]]:
    """A segmented control: one checkable button per (value, words)."""
    group = QButtonGroup(parent)
    group.setExclusive(True)
    row = QHBoxLayout()
    row.setSpacing(0)
    buttons: dict[str, QPushButton] = {}
    for i, (value, words) in enumerate(choices):
        button = touch_button(parent, f"{prefix}_{value}", words, words)
        button.setCheckable(True)
        button.setProperty("segment", True)
        if i == 0:
            button.setProperty("segmentEdge", "first")
        elif i == len(choices) - 1:
            button.setProperty("segmentEdge", "last")
        button.clicked.connect(lambda _=False, v=value: chosen(v))
        group.addButton(button)
        row.addWidget(button)
        buttons[value] = button
    buttons[choices[0][0]].setChecked(True)
    return row, buttons


class ReservationsScreen(QWidget):
    """The holds list, the selected hold, the stock they hold."""

    def __init__(
        self, services: AppServices, colors: Colors, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = Screen.RESERVATIONS
        self.setObjectName("screen_reservations")
        self.setStyleSheet(segment_style(colors))
        self.services = services
        self._colors = colors
        self._selected: tuple[HoldKind, str] | None = None
        self._reader = SerialRead(
            lambda: self.services.bridge.op(
                holds_board, self.services.ctx, self.services.session.actor()
            ),
            self._board_read,
            self._read_failed,
        )
        self.dialog: QDialog | None = None

        badge = QLabel(self)
        badge.setPixmap(icon_pixmap(SCREEN_ICONS[Screen.RESERVATIONS], colors.accent, 40))
        title = QLabel(self.tr("Reservations and holds"), self)
        title.setProperty("role", "title")
        self.summary = QLabel(self)
        self.summary.setObjectName("holdsSummary")
        self.summary.setProperty("role", "subtitle")
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(title)
        words.addWidget(self.summary)
        head = QHBoxLayout()
        head.setSpacing(14)
        head.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(words, 1)
        self.banner = Banner(colors, self)

        self.model = HoldsModel(colors, self)
        kinds, self.kind_buttons = segments(
            self,
            "holdsKind",
            [
                ("all", self.tr("All holds")),
                ("reservation", self.tr("Reservations")),
                ("pickup", self.tr("Pickups")),
            ],
            lambda v: self._set_kind(v),
        )
        states, self.state_buttons = segments(
            self,
            "holdsState",
            [
                ("all", self.tr("Any end")),
                ("expiring", self.tr("Within a day")),
                ("expired", self.tr("Over")),
            ],
            lambda v: self._set_state(v),
        )
        self.search = touch_field(
            self,
            "holdsSearch",
            self.tr("Search holds"),
            self.tr("Name, number, product, phone"),
        )
        self.search.setMinimumWidth(360)
        self.search.textChanged.connect(self._searched)
        head.addWidget(self.search, 0, Qt.AlignmentFlag.AlignVCenter)
        filters = QHBoxLayout()
        filters.setSpacing(14)
        filters.addLayout(kinds)
        filters.addLayout(states)
        filters.addStretch(1)

        self.table = row_table(self, "holdsTable", self.tr("Holds"), self.model, 46)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(HoldsModel.CUSTOMER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(HoldsModel.LINES, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (HoldsModel.REFERENCE, 160),
            (HoldsModel.CREATED, 100),
            (HoldsModel.UNTIL, 100),
            (HoldsModel.LEFT, 150),
        ):
            header.resizeSection(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty = QLabel(self)
        self.empty.setObjectName("holdsEmpty")
        self.empty.setProperty("role", "muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        self.detail = HoldDetail(colors, self)
        self.detail.setMinimumWidth(340)
        self.detail.extendRequested.connect(self.ask_extend)
        self.detail.cancelRequested.connect(self.ask_cancel)
        self.detail.collectRequested.connect(self.ask_collect)
        self.detail.expireRequested.connect(self.ask_expire)

        self.stock_model = StockModel(colors, self)
        stock_title = QLabel(self.tr("Stock here of the held products"), self)
        stock_title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.stock_table = row_table(
            self, "holdsStock", self.tr("Stock of the held products"), self.stock_model, 40
        )
        stock_header = self.stock_table.horizontalHeader()
        stock_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        stock_header.setSectionResizeMode(StockModel.HOLDERS, QHeaderView.ResizeMode.Stretch)
        stock_header.resizeSection(StockModel.PRODUCT, 300)
        for column in (StockModel.ON_HAND, StockModel.HELD, StockModel.AVAILABLE):
            stock_header.resizeSection(column, 96)

        lists = QVBoxLayout()
        lists.setSpacing(8)
        lists.addWidget(self.table, 3)
        lists.addWidget(self.empty)
        lists.addWidget(stock_title)
        lists.addWidget(self.stock_table, 2)
        work = QHBoxLayout()
        work.setSpacing(18)
        work.addLayout(lists, 5)
        work.addWidget(self.detail, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addLayout(filters)
        layout.addLayout(work, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.reload)
        self._timer.start()
        if services.sync is not None:
            services.sync.pendingChanged.connect(lambda *_: self._reload_if_visible())

    # -- the screen's hooks (MainWindow) ------------------------------------------------------

    def reset(self) -> None:
        """Another staff member signed in: forget the selection, the filters and the search."""
        if self.dialog is not None:
            self.dialog.reject()
        self.model.set_board(HoldsBoard((), (), self._now()))  # nothing of theirs stays
        self.search.clear()
        self._set_kind("all")
        self._set_state("all")
        self._selected = None
        self._show_selected(None)
        self.banner.hide()

    def shown(self) -> None:
        self.reload()
        self.search.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def primary_action(self) -> None:
        """Ctrl+Enter: collect the selected reservation."""
        entry = self.detail.entry
        if entry is not None and entry.kind == "reservation":
            self.ask_collect(entry)

    def cancel(self) -> None:
        """Esc: clear the search, else the message."""
        if self.search.text():
            self.search.clear()
        else:
            self.banner.hide()

    def data_changed(self, entities: frozenset[str]) -> None:
        if entities & _RELOAD_ON:
            self._reload_if_visible()

    # -- reading ------------------------------------------------------------------------------

    def _reload_if_visible(self) -> None:
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Read the board afresh (one read at a time; a request meanwhile reads once more)."""
        session = self.services.session
        if not session.active or not session.is_manager:
            return
        self._reader.request()

    def _read_failed(self, error: BaseException) -> None:
        self.banner.say(error_text(error), "error")

    def _board_read(self, board: HoldsBoard) -> None:
        self.model.set_board(board)
        self._render_counts(board)
        self._restore_selection()

    def _render_counts(self, board: HoldsBoard) -> None:
        counts = self.model.counts()
        words = {
            "all": self.tr("Any end ({n})"),
            "expiring": self.tr("Within a day ({n})"),
            "expired": self.tr("Over ({n})"),
        }
        for state, text in words.items():
            self.state_buttons[state].setText(text.replace("{n}", str(counts[state])))
        reservations = sum(1 for h in board.holds if h.kind == "reservation")
        self.summary.setText(
            self.tr("Reservations: {r} · pickup orders on the shelf: {p} · read at {time}")
            .replace("{r}", str(reservations))
            .replace("{p}", str(len(board.holds) - reservations))
            .replace("{time}", store_time(board.read_at))
        )
        self.empty.setText(
            self.tr("No hold matches the filters.") if board.holds else self.tr("Nothing is held.")
        )
        self.empty.setVisible(self.model.rowCount() == 0)

    def _restore_selection(self) -> None:
        row = self.model.row_of(*self._selected) if self._selected else None
        if row is None and self.model.rowCount():
            row = 0
        if row is None:
            self._selected = None
            self._show_selected(None)
        else:
            self.table.selectRow(row)
            self._show_selected(self.model.entry(row))

    # -- filters and selection ----------------------------------------------------------------

    def _set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)
        self.model.set_kind(_as_kind(kind))
        self._after_filter()

    def _set_state(self, state: str) -> None:
        self.state_buttons[state].setChecked(True)
        self.model.set_state(_as_state(state))
        self._after_filter()

    def _searched(self, text: str) -> None:
        self.model.set_query(text)
        self._after_filter()

    def _after_filter(self) -> None:
        if self.model.board is not None:
            self._render_counts(self.model.board)
            self._restore_selection()

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self._show_selected(indexes[0].data(ENTRY_ROLE))

    def _show_selected(self, entry: HoldEntry | None) -> None:
        board = self.model.board
        self._selected = (entry.kind, entry.hold_id) if entry is not None else None
        self.detail.show_entry(entry, board.read_at if board else None)
        skus = [line.sku for line in entry.lines] if entry is not None else []
        self.stock_model.set_rows(board.stock if board else (), skus)
        if skus:
            row = self.stock_model.row_of(skus[0])
            if row is not None:
                self.stock_table.scrollTo(self.stock_model.index(row, 0))

    # -- actions ------------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self.services.ctx.clock.now()

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def ask_extend(self, entry: HoldEntry) -> None:
        dialog = ExtendDialog(entry, self._now(), self._colors, self)
        dialog.chosen.connect(lambda until: self._run(extend_reservation, entry, until))
        self._open(dialog)

    def ask_cancel(self, entry: HoldEntry) -> None:
        dialog = CancelDialog(entry, self._now(), self._colors, self)
        dialog.chosen.connect(lambda reason: self._run(cancel_reservation, entry, reason))
        self._open(dialog)

    def ask_expire(self, entry: HoldEntry) -> None:
        dialog = ExpireHoldDialog(entry, self._now(), self._colors, self)
        dialog.confirmed.connect(lambda _id: self._run(expire_pickup, entry))
        self._open(dialog)

    def ask_collect(self, entry: HoldEntry) -> None:
        """Open the sale of the reserved items (the customer's points need their record)."""
        self.services.bridge.op(
            _customer, self.services.ctx, entry.customer_id
        ).read_only().success(lambda customer: self._collect(entry, customer)).failure(
            self._read_failed
        ).run()

    def _collect(self, entry: HoldEntry, customer: Customer | None) -> None:
        dialog = CollectDialog(self.services, self._colors, entry, customer, self)
        dialog.collected.connect(lambda order: self._collected(entry))
        self._open(dialog)

    def _collected(self, entry: HoldEntry) -> None:
        self.banner.say(
            self.tr("Reservation {reference} is sold; the sale is queued for central.").replace(
                "{reference}", entry.reference
            ),
            "ok",
        )
        self.reload()

    def _run(self, use_case: Callable[..., Any], entry: HoldEntry, *args: Any) -> None:
        """Run an action as the signed-in manager; say what it did or why not."""
        if not self.services.session.active:
            return
        call = partial(
            use_case, self.services.ctx, self.services.session.actor(), entry.hold_id, *args
        )
        self.services.bridge.op(call).success(lambda _outcome: self._done(use_case, entry)).failure(
            self._refused
        ).run()

    def _done(self, use_case: Callable[..., Any], entry: HoldEntry) -> None:
        texts = {
            extend_reservation: self.tr("Reservation {reference} is held longer."),
            cancel_reservation: self.tr(
                "Reservation {reference} is cancelled; the items are available again and the "
                "customer will be told."
            ),
            expire_pickup: self.tr(
                "The hold of order {reference} is expired: its items are back in stock, the "
                "refund is queued, and central tells the customer."
            ),
        }
        self.banner.say(texts[use_case].replace("{reference}", entry.reference), "ok")
        self.services.request_sync()
        self.reload()

    def _refused(self, error: BaseException) -> None:
        self.banner.say(error_text(error), "error")
        self.reload()


def _as_kind(value: str) -> KindFilter:
    return "reservation" if value == "reservation" else "pickup" if value == "pickup" else "all"


def _as_state(value: str) -> StateFilter:
    return "expiring" if value == "expiring" else "expired" if value == "expired" else "all"
