"""The Today screen's second page: the day's overrides and sensitive actions — returns out of
policy, expired holds, revealed contacts, refused actions given up, reservation changes —
who, when, what, why, filtered by staff member and kind."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from clerk.services.overrides import KINDS, OverrideKind, SensitiveAction
from clerk.ui.models.base import Index, RowsModel
from clerk.ui.screens.today.export import override_headers
from clerk.ui.screens.today.words import kind_name, override_rows
from clerk.ui.theme import TOUCH
from clerk.ui.widgets import row_table

__all__ = ["OverridesModel", "OverridesPage"]


class OverridesModel(RowsModel[tuple[str, ...]]):
    """The overrides as worded rows (time, who, kind, what, why, result)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = override_headers()
        self.actions: list[SensitiveAction] = []

    def set_actions(self, actions: list[SensitiveAction]) -> None:
        self.beginResetModel()
        self.actions = list(actions)
        self._rows = [tuple(row) for row in override_rows(self.actions)]
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return " · ".join(cell for cell in row if cell)
        return None


class OverridesPage(QWidget):
    """The filters and the list; ``filtersChanged(staff_id | None, kind | None)``."""

    filtersChanged = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayOverrides")
        self.model = OverridesModel(self)
        self.staff = QComboBox(self)
        self.staff.setObjectName("overridesStaff")
        self.staff.setAccessibleName(self.tr("Staff member"))
        self.staff.setMinimumHeight(TOUCH)
        self.staff.setMinimumWidth(240)
        self.staff.addItem(self.tr("Everyone"), None)
        self.kind = QComboBox(self)
        self.kind.setObjectName("overridesKind")
        self.kind.setAccessibleName(self.tr("Kind of action"))
        self.kind.setMinimumHeight(TOUCH)
        self.kind.setMinimumWidth(280)
        self.kind.addItem(self.tr("Every kind"), None)
        for kind in KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.staff.currentIndexChanged.connect(self._changed)
        self.kind.currentIndexChanged.connect(self._changed)
        filters = QHBoxLayout()
        filters.setSpacing(12)
        filters.addWidget(self.staff)
        filters.addWidget(self.kind)
        filters.addStretch(1)

        self.table = row_table(
            self, "overridesTable", self.tr("Overrides and sensitive actions"), self.model, 44
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 80), (1, 220), (2, 220), (3, 200), (5, 190)):
            header.resizeSection(column, width)
        self.empty = QLabel(self.tr("No override or sensitive action this day."), self)
        self.empty.setObjectName("overridesEmpty")
        self.empty.setProperty("role", "muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note = QLabel(
            self.tr(
                "From this tablet's audit log: each entry says who did it, when, and the "
                "reason they gave."
            ),
            self,
        )
        note.setProperty("role", "muted")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(filters)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

    def set_staff(self, staff: list[tuple[str, str]]) -> None:
        """The staff members to filter by: (id, name), keeping the current choice."""
        current = self.staff_id
        self.staff.blockSignals(True)
        self.staff.clear()
        self.staff.addItem(self.tr("Everyone"), None)
        for staff_id, name in staff:
            self.staff.addItem(name, staff_id)
        found = self.staff.findData(current) if current is not None else 0
        self.staff.setCurrentIndex(max(found, 0))
        self.staff.blockSignals(False)

    @property
    def staff_id(self) -> str | None:
        value = self.staff.currentData()
        return value if isinstance(value, str) else None

    @property
    def kind_filter(self) -> OverrideKind | None:
        value = self.kind.currentData()
        return next((kind for kind in KINDS if kind == value), None)

    def set_actions(self, actions: list[SensitiveAction]) -> None:
        self.model.set_actions(actions)
        self.empty.setVisible(not actions)

    def reset(self) -> None:
        self.staff.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)

    def _changed(self) -> None:
        self.filtersChanged.emit(self.staff_id, self.kind_filter)
