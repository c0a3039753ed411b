"""The Pickup screen's first page: the queue by state, the search, the customer at the desk.

The queue is a table over :class:`~clerk.ui.models.pickup_queue.PickupQueueModel`; the four
states are segmented buttons with their counts.  A tap selects an order (its actions appear
under the table), a double tap or Enter opens it.  Beside the queue, the box for a customer
without their code: the order number and the last three digits of their phone.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.holds import HoldUrgency
from clerk.services.pickup_queue import PickupQueue, QueueEntry, QueueState
from clerk.ui.models.pickup_queue import ENTRY_ROLE, STATES, PickupQueueModel, hold_text
from clerk.ui.resources import icon, icon_pixmap
from clerk.ui.theme import TOUCH, Colors
from clerk.ui.widgets import restyle, row_table, touch_button

__all__ = ["QueuePanel", "state_name", "touch_field"]

translate = QCoreApplication.translate


def state_name(state: QueueState) -> str:
    """A state of the queue in words (the filter buttons)."""
    names = {
        "to_prepare": translate("PickupQueue", "To prepare"),
        "ready": translate("PickupQueue", "Ready"),
        "expiring": translate("PickupQueue", "Expiring or overdue"),
        "collected_today": translate("PickupQueue", "Collected today"),
    }
    return names[state]


def _empty_text(state: QueueState) -> str:
    texts = {
        "to_prepare": translate(
            "PickupQueue", "Nothing to prepare: every order for pickup here is on the shelf."
        ),
        "ready": translate("PickupQueue", "No order waits on the shelf."),
        "expiring": translate("PickupQueue", "No hold ends within two days, and none is overdue."),
        "collected_today": translate("PickupQueue", "Nothing has been collected today yet."),
    }
    return texts[state]


def touch_field(parent: QWidget, name: str, accessible: str, placeholder: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setAccessibleName(accessible)
    field.setPlaceholderText(placeholder)
    field.setMinimumHeight(TOUCH)
    return field


class QueuePanel(QWidget):
    """The desk's queue: state filters with counts, search, the table, the selected order's
    actions, and the "customer at the desk" box."""

    orderOpened = Signal(str)  # order id
    expireRequested = Signal(object)  # QueueEntry (managers only see the button)
    deskLookup = Signal(str, str)  # order number, last three phone digits

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupQueuePanel")
        self._colors = colors
        self._manager = False
        self.model = PickupQueueModel(colors, self)
        self.setStyleSheet(
            f"""
            QPushButton[segment="true"] {{
                border-radius: 0; padding: 0 18px; font-weight: 600; color: {colors.muted};
            }}
            QPushButton[segment="true"]:checked {{
                background: {colors.accent}; color: {colors.accent_text};
                border-color: {colors.accent};
            }}
            QPushButton[segment="true"][alert="true"] {{ color: {colors.warn}; }}
            QPushButton[segment="true"][alert="true"]:checked {{
                background: {colors.warn}; color: #ffffff; border-color: {colors.warn};
            }}
            QPushButton[segmentEdge="first"] {{
                border-top-left-radius: 10px; border-bottom-left-radius: 10px;
            }}
            QPushButton[segmentEdge="last"] {{
                border-top-right-radius: 10px; border-bottom-right-radius: 10px;
            }}
            """
        )

        # The four states, as one segmented control.
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.state_buttons: dict[QueueState, QPushButton] = {}
        segments = QHBoxLayout()
        segments.setSpacing(0)
        for i, state in enumerate(STATES):
            button = touch_button(
                self,
                f"pickupState_{state}",
                state_name(state),
                self.tr("Show the orders: {state}").replace("{state}", state_name(state)),
            )
            button.setCheckable(True)
            button.setProperty("segment", True)
            if i == 0:
                button.setProperty("segmentEdge", "first")
            elif i == len(STATES) - 1:
                button.setProperty("segmentEdge", "last")
            button.clicked.connect(lambda _=False, s=state: self.choose_state(s))
            self._group.addButton(button)
            self.state_buttons[state] = button
            segments.addWidget(button)
        self.state_buttons["to_prepare"].setChecked(True)

        self.search = touch_field(
            self,
            "pickupSearch",
            self.tr("Search the pickup queue"),
            self.tr("Number, name or phone"),
        )
        self.search.setMinimumWidth(240)
        self.search.textChanged.connect(self._query_changed)
        self.search.returnPressed.connect(self._search_entered)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addLayout(segments)
        top.addWidget(self.search, 1)

        self.table = row_table(self, "pickupQueue", self.tr("Pickup orders"), self.model, TOUCH)
        self.table.setCornerButtonEnabled(False)
        self.table.setStyleSheet("QTableView::item { padding: 0 8px; }")
        head = self.table.horizontalHeader()
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(PickupQueueModel.CUSTOMER, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(PickupQueueModel.NOTE, QHeaderView.ResizeMode.Stretch)
        head.resizeSection(PickupQueueModel.NUMBER, 120)
        head.resizeSection(PickupQueueModel.ITEMS, 60)
        head.resizeSection(PickupQueueModel.WAITED, 116)  # "23 h 59 min"
        head.resizeSection(PickupQueueModel.HOLD, 240)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        selection = self.table.selectionModel()
        assert selection is not None
        selection.selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._after_reset)

        self.empty = QLabel(self)
        self.empty.setObjectName("pickupEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "subtitle")
        self.empty.setMargin(24)
        self._list = QStackedWidget(self)
        self._list.addWidget(self.table)
        self._list.addWidget(self.empty)

        # What can be done with the selected order.
        self.selected = QLabel(self)
        self.selected.setObjectName("pickupSelected")
        self.selected.setWordWrap(True)
        self.selected.setProperty("role", "muted")
        self.expire = touch_button(
            self, "pickupExpire", self.tr("Expire hold…"), self.tr("Expire the order's hold")
        )
        self.expire.setIcon(icon("returns", colors.error, 20))
        self.expire.clicked.connect(self._expire_clicked)
        self.expire.hide()
        self.open = touch_button(
            self,
            "pickupOpen",
            self.tr("Open order"),
            self.tr("Open the selected order"),
        )
        self.open.setProperty("primary", True)
        self.open.clicked.connect(self.open_selected)
        actions = QHBoxLayout()
        actions.setSpacing(12)
        actions.addWidget(self.selected, 1)
        actions.addWidget(self.expire)
        actions.addWidget(self.open)

        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(self._list, 1)
        left.addLayout(actions)

        right = QVBoxLayout()
        right.setSpacing(0)
        right.addWidget(self._desk_box())
        right.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(left, 1)
        body.addLayout(right)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self._update_counts()
        self._update_actions()

    def _desk_box(self) -> QFrame:
        box = QFrame(self)
        box.setObjectName("deskBox")
        box.setProperty("card", True)
        box.setFixedWidth(290)
        badge = QLabel(box)
        badge.setPixmap(icon_pixmap("user", self._colors.accent, 24))
        title = QLabel(self.tr("Customer at the desk"), box)
        title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        title.setWordWrap(True)
        heading = QHBoxLayout()
        heading.setSpacing(8)
        heading.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        heading.addWidget(title, 1)
        lead = QLabel(
            self.tr(
                "Scan the pickup code from their notification, or their loyalty code. "
                "No code? Type the order number and the last three digits of their phone."
            ),
            box,
        )
        lead.setWordWrap(True)
        lead.setProperty("role", "muted")
        self.desk_number = touch_field(
            box, "deskOrderNumber", self.tr("Order number"), self.tr("Order number")
        )
        self.desk_digits = touch_field(
            box,
            "deskPhoneDigits",
            self.tr("Last three digits of the customer's phone"),
            self.tr("Last 3 phone digits"),
        )
        self.desk_digits.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,3}"), self.desk_digits)
        )
        self.desk_digits.setMaxLength(3)
        self.desk_number.returnPressed.connect(self.desk_digits.setFocus)
        self.desk_digits.returnPressed.connect(self._desk_find)
        self.desk_find = touch_button(
            box,
            "deskFind",
            self.tr("Find the order"),
            self.tr("Find the order by its number and phone digits"),
        )
        self.desk_find.setIcon(icon("search", self._colors.text, 20))
        self.desk_find.clicked.connect(self._desk_find)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addWidget(lead)
        layout.addWidget(self.desk_number)
        layout.addWidget(self.desk_digits)
        layout.addWidget(self.desk_find)
        return box

    # -- content ------------------------------------------------------------------------------

    def show_queue(self, queue: PickupQueue, now: datetime) -> None:
        """A fresh read of the queue; the selected order stays selected if still shown."""
        kept = self.selected_entry()
        self.model.set_queue(queue, now)
        if kept is not None:
            self.select_order(kept.order_id)
        self._update_counts()

    def set_manager(self, manager: bool) -> None:
        """Managers may expire holds; nobody else sees the action."""
        self._manager = manager
        self._update_actions()

    def choose_state(self, state: QueueState) -> None:
        """Show the orders of ``state``."""
        self.state_buttons[state].setChecked(True)
        self.model.set_state(state)
        self._update_counts()

    def clear(self) -> None:
        """Forget the search, the desk fields and the selection (another staff member)."""
        self.search.clear()
        self.desk_number.clear()
        self.desk_digits.clear()
        self.table.clearSelection()
        self.choose_state("to_prepare")

    def selected_entry(self) -> QueueEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        entry = rows[0].data(ENTRY_ROLE)
        return entry if isinstance(entry, QueueEntry) else None

    def select_order(self, order_id: str) -> bool:
        """Select ``order_id`` if it is among the rows shown."""
        row = self.model.row_of(order_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def entry_of(self, order_id: str) -> QueueEntry | None:
        """The queue's entry of ``order_id`` in any state."""
        queue = self.model.queue
        for state in STATES:
            for entry in queue.state(state):
                if entry.order_id == order_id:
                    return entry
        return None

    def open_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.orderOpened.emit(entry.order_id)

    # -- reacting -----------------------------------------------------------------------------

    def _query_changed(self, text: str) -> None:
        self.model.set_query(text)
        counts = self.model.counts()
        if text.strip() and not counts[self.model.state]:
            # The match is in another state: show that one rather than an empty table.
            found = next((s for s in STATES if counts[s]), None)
            if found is not None:
                self.choose_state(found)
                return
        self._update_counts()

    def _search_entered(self) -> None:
        if self.model.rowCount() == 1:
            self.orderOpened.emit(self.model.entry(0).order_id)
        elif self.model.rowCount() > 1 and self.selected_entry() is None:
            self.table.selectRow(0)
            self.table.setFocus()

    def _open_index(self, index: QModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if isinstance(entry, QueueEntry):
            self.orderOpened.emit(entry.order_id)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()

    def _after_reset(self) -> None:
        self._update_actions()

    def _expire_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None and self._manager and entry.urgency == HoldUrgency.OVERDUE:
            self.expireRequested.emit(entry)

    def _desk_find(self) -> None:
        number, digits = self.desk_number.text().strip(), self.desk_digits.text().strip()
        if not number:
            self.desk_number.setFocus()
        elif len(digits) != 3:
            self.desk_digits.setFocus()
        self.deskLookup.emit(number, digits)

    def _update_counts(self) -> None:
        counts = self.model.counts()
        for state, button in self.state_buttons.items():
            button.setText(f"{state_name(state)}  {counts[state]}")
            alert = state == "expiring" and counts[state] > 0
            if button.property("alert") != alert:
                restyle(button, "alert", alert)
        state = self.model.state
        if self.model.rowCount():
            self._list.setCurrentWidget(self.table)
        else:
            if self.model.query:
                self.empty.setText(
                    self.tr("No order matches “{query}”.").replace("{query}", self.model.query)
                )
            else:
                self.empty.setText(_empty_text(state))
            self._list.setCurrentWidget(self.empty)

    def _update_actions(self) -> None:
        entry = self.selected_entry()
        self.open.setEnabled(entry is not None)
        expirable = entry is not None and entry.state == "expiring"
        self.expire.setVisible(self._manager and expirable)
        overdue = entry is not None and entry.urgency == HoldUrgency.OVERDUE
        self.expire.setEnabled(overdue)
        if entry is None:
            self.selected.setText(self.tr("Tap an order to select it; tap twice to open it."))
        elif self._manager and expirable and not overdue:
            self.selected.setText(
                self.tr("{number}: the hold has not ended yet ({hold}); it can be expired after.")
                .replace("{number}", entry.number)
                .replace("{hold}", hold_text(entry))
            )
        else:
            self.selected.setText(
                f"{entry.number} · {entry.customer_name}" if entry.customer_name else entry.number
            )
