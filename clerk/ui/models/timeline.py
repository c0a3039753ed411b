"""The customer's timeline as an item model: what is on screen costs, not what is loaded.

Rows are the services' :class:`TimelineEntry` values; their words are made when a row is
painted and kept, so scrolling thousands of rows stays smooth.  Older pages come in through
``fetchMore`` (the view asks when the clerk scrolls to the end): the model only says that it
wants them (``olderWanted``); the screen reads them off the UI thread and appends them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from clerk.services.customer_view import TimelineEntry
from clerk.ui.models.base import Index, RowsModel
from clerk.ui.resources import icon
from clerk.ui.screens.counter.words import (
    entry_amount,
    entry_status,
    entry_title,
    matches_kind,
    when,
)
from clerk.ui.texts import channel_name
from clerk.ui.theme import Colors

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
# A cell's text, icon (or None) and whether it is right-aligned, in one call: what the
# timeline's delegate paints from (the view's own delegate asks for seven roles a cell).
CELL_ROLE = Qt.ItemDataRole.UserRole + 2
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# The roles data() answers; the view asks for a dozen per cell.
_ANSWERED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.AccessibleTextRole,
        ENTRY_ROLE,
        CELL_ROLE,
    }
)


class TimelineModel(RowsModel[TimelineEntry]):
    """Timeline rows, newest first."""

    WHEN, CHANNEL, WHAT, AMOUNT, STATUS = range(5)
    olderWanted = Signal(str)  # the cursor of the page wanted

    def __init__(self, colors: Colors, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._texts: dict[int, tuple[str, str, str, str, str]] = {}
        self._before: str | None = None
        self._asked = False
        self._stores: Mapping[str, str] = {}
        self._icons = {
            channel: icon(channel, colors.muted, 18) for channel in ("web", "app", "phone", "store")
        }
        self._headers = [
            self.tr("When"),
            self.tr("Where"),
            self.tr("What"),
            self.tr("Amount"),
            self.tr("Status"),
        ]

    # -- content ------------------------------------------------------------------------------

    def set_stores(self, names: Mapping[str, str]) -> None:
        """Store ids → names, for the Store column."""
        self._stores = dict(names)

    def reset(self, entries: Sequence[TimelineEntry], before: str | None) -> None:
        """Show ``entries``; ``before``: the cursor of the older page (None: that is all)."""
        self.beginResetModel()
        self._rows = list(entries)
        self._texts.clear()
        self._before = before
        self._asked = False
        self.endResetModel()

    def append(self, entries: Sequence[TimelineEntry], before: str | None) -> None:
        """Add an older page below the rows shown."""
        self._asked = False
        self._before = before
        if not entries:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
        self._rows.extend(entries)
        self.endInsertRows()

    @property
    def complete(self) -> bool:
        """Whether every entry of the customer is loaded."""
        return self._before is None

    # -- Qt -----------------------------------------------------------------------------------

    def _row_texts(self, row: int) -> tuple[str, str, str, str, str]:
        texts = self._texts.get(row)
        if texts is None:
            e = self._rows[row]
            where = channel_name(e.channel or "store")
            if e.store_id and (e.channel == "store" or e.is_pickup or e.kind == "reservation"):
                # In store, or collected/held at one: which store.
                where = self._stores.get(e.store_id, e.store_id)
            texts = (when(e), where, entry_title(e), entry_amount(e), entry_status(e))
            self._texts[row] = texts
        return texts

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == CELL_ROLE:
            decoration = None
            if column == self.CHANNEL:
                decoration = self._icons.get(self._rows[row].channel or "store")
            return self._row_texts(row)[column], decoration, column == self.AMOUNT
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_texts(row)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            texts = self._row_texts(row)
            if column == self.CHANNEL:
                return channel_name(self._rows[row].channel or "store") + " · " + texts[1]
            return texts[column]
        if role == Qt.ItemDataRole.DecorationRole and column == self.CHANNEL:
            return self._icons.get(self._rows[row].channel or "store", QIcon())
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return " · ".join(t for t in self._row_texts(row) if t)
        if role == ENTRY_ROLE:
            return self._rows[row]
        return None

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._before is not None and not self._asked

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent) and self._before is not None:
            self._asked = True
            self.olderWanted.emit(self._before)


class TimelineFilter(QSortFilterProxyModel):
    """The timeline narrowed to one channel and one kind of entry."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._channel = "all"
        self._kind = "all"

    def set_channel(self, channel: str) -> None:
        self._refilter(lambda: setattr(self, "_channel", channel))

    def set_kind(self, kind: str) -> None:
        self._refilter(lambda: setattr(self, "_kind", kind))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.9 replaced invalidateFilter() with a begin/end pair around the change.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:  # pragma: no cover - Qt 6.8
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, TimelineModel)
        entry = model.entry(source_row)
        if self._channel != "all" and (entry.channel or "store") != self._channel:
            return False
        return matches_kind(entry, self._kind)


class TimelineDelegate(QStyledItemDelegate):
    """Paints a timeline cell from one model call (:data:`CELL_ROLE`).

    The styled delegate asks the model for seven roles a cell, each a call into Python; a
    timeline page paints some eighty cells per frame.  This one asks once and sets what the
    style needs to draw the same cell: the text, the channel icon, the alignment.
    """

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        cell = index.data(CELL_ROLE)
        if cell is None:
            super().initStyleOption(option, index)
            return
        text, decoration, right = cell
        option.index = index.sibling(index.row(), index.column())  # a QModelIndex either way
        option.text = text
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        if decoration is not None:
            option.icon = decoration
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            option.decorationSize = decoration.actualSize(option.decorationSize)
        if right:
            option.displayAlignment = _RIGHT
