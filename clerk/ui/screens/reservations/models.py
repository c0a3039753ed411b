"""The Reservations screen's tables: the holds (filtered by kind and state, searched) and the
stock of the SKUs they hold.

Rows are the services' plain values (:mod:`clerk.services.holds_board`); words are made when
a row is painted, and the time left depends on the clock, so the screen hands the model a
fresh board (read at a known moment) at least once a minute.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, Literal

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from clerk.services.holds_board import HoldEntry, HoldKind, HoldsBoard, StockRow
from clerk.ui.models.base import Index, RowsModel
from clerk.ui.models.pickup_queue import waited_text
from clerk.ui.resources import icon
from clerk.ui.texts import store_time
from clerk.ui.theme import Colors

__all__ = [
    "ENTRY_ROLE",
    "HoldsModel",
    "KindFilter",
    "StateFilter",
    "StockModel",
    "kind_name",
    "time_left_text",
]

translate = QCoreApplication.translate

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
KindFilter = Literal["all", "reservation", "pickup"]
StateFilter = Literal["all", "expiring", "expired"]


def kind_name(kind: HoldKind) -> str:
    """A kind of hold in words."""
    if kind == "reservation":
        return translate("Reservations", "Reservation")
    return translate("Reservations", "Pickup order")


def time_left_text(left: timedelta) -> str:
    """ "5 h 10 min" (left), or "over 2 h ago" once the hold has ended."""
    if left.total_seconds() <= 0:
        return translate("Reservations", "over {time} ago").replace("{time}", waited_text(-left))
    return waited_text(left)


def short_kind_name(kind: HoldKind) -> str:
    """A kind of hold in one short word (the list's column)."""
    if kind == "reservation":
        return translate("Reservations", "Reservation")
    return translate("Reservations", "Pickup")


def lines_text(entry: HoldEntry) -> str:
    """The lines in one short line: "2 × Socks, 1 × Jeans"."""
    return ", ".join(f"{line.qty} × {line.name}" for line in entry.lines)


class HoldsModel(RowsModel[HoldEntry]):
    """The holds of one kind and state that match the search, the soonest to end first."""

    REFERENCE, CUSTOMER, LINES, CREATED, UNTIL, LEFT = range(6)

    def __init__(self, colors: Colors, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._colors = colors
        self._board: HoldsBoard | None = None
        self._kind: KindFilter = "all"
        self._state: StateFilter = "all"
        self._query = ""
        self._texts: dict[int, tuple[str, ...]] = {}
        self._pending_icon = icon("sync", colors.muted, 18)
        self._attention_icon = icon("attention", colors.error, 18)
        self._kind_icons = {
            "reservation": icon("reservations", colors.accent, 20),
            "pickup": icon("pickup", colors.accent, 20),
        }
        self._headers = [
            self.tr("Reference"),
            self.tr("Customer"),
            self.tr("Items"),
            self.tr("Created"),
            self.tr("Held until"),
            self.tr("Time left"),
        ]

    # -- content ------------------------------------------------------------------------------

    def set_board(self, board: HoldsBoard) -> None:
        self._board = board
        self._refill()

    def set_kind(self, kind: KindFilter) -> None:
        if kind != self._kind:
            self._kind = kind
            self._refill()

    def set_state(self, state: StateFilter) -> None:
        if state != self._state:
            self._state = state
            self._refill()

    def set_query(self, query: str) -> None:
        query = query.strip()
        if query != self._query:
            self._query = query
            self._refill()

    @property
    def board(self) -> HoldsBoard | None:
        return self._board

    @property
    def kind(self) -> KindFilter:
        return self._kind

    @property
    def state(self) -> StateFilter:
        return self._state

    def counts(self) -> dict[str, int]:
        """How many holds of each state match the kind and the search."""
        entries = self._matching(self._board.holds if self._board else (), state="all")
        return {
            "all": len(entries),
            "expiring": sum(1 for e in entries if e.state == "expiring"),
            "expired": sum(1 for e in entries if e.state == "expired"),
        }

    def row_of(self, kind: HoldKind, hold_id: str) -> int | None:
        for row, entry in enumerate(self._rows):
            if entry.kind == kind and entry.hold_id == hold_id:
                return row
        return None

    def _matching(self, entries: Iterable[HoldEntry], *, state: StateFilter) -> list[HoldEntry]:
        return [
            e
            for e in entries
            if (self._kind == "all" or e.kind == self._kind)
            and (state == "all" or e.state == state)
            and e.matches(self._query)
        ]

    def _refill(self) -> None:
        self.beginResetModel()
        self._rows = self._matching(self._board.holds if self._board else (), state=self._state)
        self._texts.clear()
        self.endResetModel()

    def _now(self) -> datetime | None:
        return self._board.read_at if self._board else None

    def _row_texts(self, row: int) -> tuple[str, ...]:
        texts = self._texts.get(row)
        if texts is None:
            e = self._rows[row]
            now = self._now()
            left = time_left_text(e.time_left(now)) if now is not None else ""
            texts = (
                e.reference,
                e.customer_name or self.tr("(no customer account)"),
                lines_text(e),
                store_time(e.created_at, "%d.%m %H:%M"),
                store_time(e.hold_until, "%d.%m %H:%M"),
                left,
            )
            self._texts[row] = texts
        return texts

    # -- Qt -----------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        entry = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_texts(row)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.REFERENCE:
                return entry.attention or kind_name(entry.kind)
            return self._row_texts(row)[column] or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            texts = (short_kind_name(entry.kind), *self._row_texts(row))
            return " · ".join(t for t in texts if t)
        if role == Qt.ItemDataRole.DecorationRole and column == self.REFERENCE:
            if entry.attention:
                return self._attention_icon
            if entry.pending:
                return self._pending_icon
            return self._kind_icons[entry.kind]
        if role == Qt.ItemDataRole.BackgroundRole:
            if entry.state == "expired":
                return QBrush(QColor(self._colors.error_bg))
            if entry.state == "expiring":
                return QBrush(QColor(self._colors.warn_bg))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.UNTIL, self.LEFT):
            if entry.state == "expired":
                return QBrush(QColor(self._colors.error))
            if entry.state == "expiring":
                return QBrush(QColor(self._colors.warn))
            return None
        if role == Qt.ItemDataRole.FontRole and column in (self.REFERENCE, self.LEFT):
            font = QFont()
            font.setBold(column == self.REFERENCE or entry.state != "active")
            return font
        if role == ENTRY_ROLE:
            return entry
        return None


class StockModel(RowsModel[StockRow]):
    """The stock here of the SKUs the shown holds keep aside, and which holds hold them."""

    PRODUCT, ON_HAND, HELD, AVAILABLE, HOLDERS = range(5)

    def __init__(self, colors: Colors, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._colors = colors
        self._highlight: frozenset[str] = frozenset()
        self._headers = [
            self.tr("Product"),
            self.tr("On hand"),
            self.tr("Held"),
            self.tr("Available"),
            self.tr("Held for"),
        ]

    def set_rows(self, rows: Iterable[StockRow], highlight: Iterable[str] = ()) -> None:
        """The stock rows; ``highlight``: the SKUs of the selected hold."""
        self.beginResetModel()
        self._rows = list(rows)
        self._highlight = frozenset(highlight)
        self.endResetModel()

    def row_of(self, sku: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.sku == sku), None)

    def holders_text(self, row: StockRow) -> str:
        parts = [
            f"{h.qty} · {h.reference}" + (f" ({h.customer_name})" if h.customer_name else "")
            for h in row.holders
        ]
        if row.unexplained > 0:
            parts.append(
                self.tr("{n} by changes not synced yet").replace("{n}", str(row.unexplained))
            )
        return "; ".join(parts)

    def _texts(self, row: StockRow) -> tuple[str, ...]:
        return (
            f"{row.name} · {row.sku}",
            str(row.on_hand),
            str(row.held),
            str(row.available),
            self.holders_text(row),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts(row)[column]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return " · ".join(self._texts(row))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.ON_HAND,
            self.HELD,
            self.AVAILABLE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (
            column == self.AVAILABLE or row.sku in self._highlight
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and row.sku in self._highlight:
            return QBrush(QColor(self._colors.info_bg))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.AVAILABLE:
            if row.available <= 0:
                return QBrush(QColor(self._colors.error))
            return None
        return None
