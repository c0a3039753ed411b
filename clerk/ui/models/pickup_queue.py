"""The pickup desk's queue as an item model: one state at a time, narrowed by a search.

The rows are the services' :class:`~clerk.services.pickup_queue.QueueEntry` values in the
order the service sorted them (by urgency); the model only picks the state shown and the
entries matching the search.  Words are made when a row is painted: how long the customer
has waited depends on the clock, so the screen hands the model a fresh ``now`` whenever it
reloads the queue (at least once a minute).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from clerk.domain.holds import HoldUrgency
from clerk.services.pickup_queue import PickupQueue, QueueEntry, QueueState
from clerk.ui.models.base import Index, RowsModel
from clerk.ui.resources import icon
from clerk.ui.texts import store_time
from clerk.ui.theme import Colors

__all__ = [
    "ENTRY_ROLE",
    "STATES",
    "PickupQueueModel",
    "hold_text",
    "waited_text",
]

translate = QCoreApplication.translate

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
STATES: tuple[QueueState, ...] = ("to_prepare", "ready", "expiring", "collected_today")


def waited_text(waited: timedelta) -> str:
    """How long, the way a clerk says it: "12 min", "2 h 10 min", "3 days"."""
    minutes = max(int(waited.total_seconds() // 60), 0)
    if minutes < 1:
        return translate("PickupQueue", "just now")
    if minutes < 60:
        return translate("PickupQueue", "{m} min").replace("{m}", str(minutes))
    hours, rest = divmod(minutes, 60)
    if hours < 24:
        if rest == 0:
            return translate("PickupQueue", "{h} h").replace("{h}", str(hours))
        return (
            translate("PickupQueue", "{h} h {m} min")
            .replace("{h}", str(hours))
            .replace("{m}", str(rest))
        )
    days = hours // 24
    if days == 1:
        return translate("PickupQueue", "1 day")
    return translate("PickupQueue", "{n} days").replace("{n}", str(days))


def hold_text(entry: QueueEntry) -> str:
    """Where the order stands on the shelf: since when it waits to be picked, until when it
    is held and on which shelf, or when it was collected."""
    if entry.state == "to_prepare":
        return translate("PickupQueue", "ordered {when}").replace(
            "{when}", store_time(entry.created_at, "%d.%m %H:%M")
        )
    if entry.state == "collected_today":
        if entry.collected_at is None:
            return translate("PickupQueue", "collected today")
        return translate("PickupQueue", "collected at {time}").replace(
            "{time}", store_time(entry.collected_at)
        )
    parts = []
    if entry.hold_until is not None:
        until = store_time(entry.hold_until, "%d.%m %H:%M")
        if entry.urgency == HoldUrgency.OVERDUE:
            parts.append(translate("PickupQueue", "ended {when}").replace("{when}", until))
        else:
            parts.append(translate("PickupQueue", "until {when}").replace("{when}", until))
    if entry.shelf:
        parts.append(translate("PickupQueue", "shelf {shelf}").replace("{shelf}", entry.shelf))
    return " · ".join(parts)


def note_text(entry: QueueEntry) -> str:
    """Whether this tablet still has to send something about the order, or central refused
    it (in central's words)."""
    if entry.attention:
        return translate("PickupQueue", "Central refused: {why}").replace("{why}", entry.attention)
    if entry.pending:
        return translate("PickupQueue", "Waiting to be sent")
    if entry.urgency == HoldUrgency.OVERDUE:
        return translate("PickupQueue", "Hold over")
    if entry.urgency == HoldUrgency.EXPIRING:
        return translate("PickupQueue", "Hold ends soon")
    return ""


class PickupQueueModel(RowsModel[QueueEntry]):
    """The entries of one state of the queue that match the search, most urgent first."""

    NUMBER, CUSTOMER, ITEMS, WAITED, HOLD, NOTE = range(6)

    def __init__(self, colors: Colors, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._colors = colors
        self._queue = PickupQueue((), (), (), ())
        self._now: datetime | None = None
        self._state: QueueState = "to_prepare"
        self._query = ""
        self._texts: dict[int, tuple[str, ...]] = {}
        self._pending_icon = icon("sync", colors.muted, 18)
        self._attention_icon = icon("attention", colors.error, 18)
        self._headers = [
            self.tr("Order"),
            self.tr("Customer"),
            self.tr("Items"),
            self.tr("Waited"),
            self.tr("Hold and shelf"),
            self.tr("Note"),
        ]

    # -- content ------------------------------------------------------------------------------

    def set_queue(self, queue: PickupQueue, now: datetime) -> None:
        """A freshly read queue, with the moment it was read (for how long people waited)."""
        self._queue = queue
        self._now = now
        self._refill()

    def set_state(self, state: QueueState) -> None:
        """Show the entries of ``state``."""
        if state != self._state:
            self._state = state
            self._refill()

    def set_query(self, query: str) -> None:
        """Narrow the rows to order numbers, names or phone fragments matching ``query``."""
        query = query.strip()
        if query != self._query:
            self._query = query
            self._refill()

    @property
    def state(self) -> QueueState:
        return self._state

    @property
    def query(self) -> str:
        return self._query

    @property
    def queue(self) -> PickupQueue:
        return self._queue

    def counts(self) -> dict[QueueState, int]:
        """How many orders of each state match the search (all of them without one)."""
        return {state: len(self._matching(self._queue.state(state))) for state in STATES}

    def row_of(self, order_id: str) -> int | None:
        for row, entry in enumerate(self._rows):
            if entry.order_id == order_id:
                return row
        return None

    def _matching(self, entries: Iterable[QueueEntry]) -> list[QueueEntry]:
        return [e for e in entries if e.matches(self._query)]

    def _refill(self) -> None:
        self.beginResetModel()
        self._rows = self._matching(self._queue.state(self._state))
        self._texts.clear()
        self.endResetModel()

    def _row_texts(self, row: int) -> tuple[str, ...]:
        texts = self._texts.get(row)
        if texts is None:
            e = self._rows[row]
            waited = ""
            if e.state != "collected_today" and self._now is not None:
                waited = waited_text(e.waited(self._now))
            items = str(e.items) if e.state != "collected_today" else ""
            customer = e.customer_name or self.tr("(no customer account)")
            texts = (e.number, customer, items, waited, hold_text(e), note_text(e))
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
            return self._row_texts(row)[column] or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return " · ".join(t for t in self._row_texts(row) if t)
        if role == Qt.ItemDataRole.DecorationRole and column == self.NOTE:
            if entry.attention:
                return self._attention_icon
            if entry.pending:
                return self._pending_icon
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(entry)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(entry, column)
        if role == Qt.ItemDataRole.FontRole and column in (self.NUMBER, self.HOLD):
            font = QFont()
            font.setBold(column == self.NUMBER or entry.urgency != HoldUrgency.OK)
            return font
        if role == ENTRY_ROLE:
            return entry
        return None

    def _background(self, entry: QueueEntry) -> QBrush | None:
        c = self._colors
        if entry.urgency == HoldUrgency.OVERDUE:
            return QBrush(QColor(c.error_bg))
        if entry.urgency == HoldUrgency.EXPIRING:
            return QBrush(QColor(c.warn_bg))
        return None

    def _foreground(self, entry: QueueEntry, column: int) -> QBrush | None:
        c = self._colors
        if column == self.NOTE and entry.attention:
            return QBrush(QColor(c.error))
        if column in (self.HOLD, self.NOTE):
            if entry.urgency == HoldUrgency.OVERDUE:
                return QBrush(QColor(c.error))
            if entry.urgency == HoldUrgency.EXPIRING:
                return QBrush(QColor(c.warn))
        if column == self.NOTE:
            return QBrush(QColor(c.muted))
        return None
