"""What the screens' flat tables share: one row per plain value, one column per header."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

__all__ = ["Index", "RowsModel"]

Index = QModelIndex | QPersistentModelIndex

T = TypeVar("T")


class RowsModel(QAbstractTableModel, Generic[T]):
    """A flat table of ``_rows`` under ``_headers``: the subclass fills both (resetting or
    inserting as Qt wants) and answers ``data``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._headers: list[str] = []

    def entry(self, row: int) -> T:
        return self._rows[row]

    @property
    def entries(self) -> list[T]:
        return list(self._rows)

    # -- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None
