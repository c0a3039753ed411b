"""The selected hold beside the list: who, what, since when, until when, and what the manager
can do with it (the buttons fit the hold: a reservation is extended, cancelled or collected;
a pickup order whose hold is over is expired)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from clerk.domain.money import format_money
from clerk.services.holds_board import HoldEntry
from clerk.ui.screens.reservations.models import kind_name, time_left_text
from clerk.ui.texts import store_time
from clerk.ui.theme import Colors
from clerk.ui.widgets import touch_button

__all__ = ["HoldDetail"]


def _wrapped(parent: QWidget) -> QLabel:
    # A plain wrapped label: its height follows the panel's width once laid out (a label
    # that fixes its own height would measure itself at the panel's first, tiny width).
    label = QLabel(parent)
    label.setWordWrap(True)
    return label


class HoldDetail(QFrame):
    """One hold and its actions; each signal carries the :class:`HoldEntry`."""

    extendRequested = Signal(object)
    cancelRequested = Signal(object)
    collectRequested = Signal(object)
    expireRequested = Signal(object)

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("holdDetail")
        self.setProperty("card", True)
        self._colors = colors
        self.entry: HoldEntry | None = None

        self.kind = QLabel(self)
        self.kind.setObjectName("holdKind")
        self.kind.setProperty("role", "muted")
        self.title = QLabel(self)
        self.title.setObjectName("holdTitle")
        self.title.setStyleSheet("font-size: 17pt; font-weight: 600;")
        self.customer = QLabel(self)
        self.customer.setObjectName("holdCustomer")
        self.customer.setStyleSheet("font-size: 13pt;")
        self.state = _wrapped(self)
        self.state.setObjectName("holdState")

        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(16)
        self.facts.setVerticalSpacing(4)
        self.facts.setColumnStretch(1, 1)
        self._fact_labels: dict[str, QLabel] = {}
        for row, (name, caption) in enumerate(
            (
                ("created", self.tr("Created")),
                ("until", self.tr("Held until")),
                ("left", self.tr("Time left")),
                ("value", self.tr("Value")),
            )
        ):
            left = QLabel(caption, self)
            left.setProperty("role", "muted")
            right = _wrapped(self)
            right.setObjectName(f"hold_{name}")
            right.setAccessibleName(caption)
            self.facts.addWidget(left, row, 0)
            self.facts.addWidget(right, row, 1)
            self._fact_labels[name] = right

        lines_caption = QLabel(self.tr("Items held"), self)
        lines_caption.setStyleSheet("font-weight: 600;")
        self.lines = _wrapped(self)
        self.lines.setObjectName("holdLines")

        self.extend_button = touch_button(
            self, "holdExtend", self.tr("Extend…"), self.tr("Extend the reservation")
        )
        self.collect_button = touch_button(
            self, "holdCollect", self.tr("Collect…"), self.tr("Sell the reserved items now")
        )
        self.collect_button.setProperty("primary", True)
        self.cancel_button = touch_button(
            self, "holdCancel", self.tr("Cancel…"), self.tr("Cancel the reservation")
        )
        self.expire_button = touch_button(
            self, "holdExpire", self.tr("Expire hold…"), self.tr("Expire the overdue pickup")
        )
        self.extend_button.clicked.connect(lambda: self._ask("extendRequested"))
        self.collect_button.clicked.connect(lambda: self._ask("collectRequested"))
        self.cancel_button.clicked.connect(lambda: self._ask("cancelRequested"))
        self.expire_button.clicked.connect(lambda: self._ask("expireRequested"))
        buttons = QGridLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.collect_button, 0, 0, 1, 2)
        buttons.addWidget(self.extend_button, 1, 0)
        buttons.addWidget(self.cancel_button, 1, 1)
        buttons.addWidget(self.expire_button, 2, 0, 1, 2)

        self.empty = QLabel(self.tr("Pick a hold in the list to see it here."), self)
        self.empty.setObjectName("holdEmpty")
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self._body = QWidget(self)
        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(8)
        body.addWidget(self.kind)
        body.addWidget(self.title)
        body.addWidget(self.customer)
        body.addWidget(self.state)
        body.addLayout(self.facts)
        body.addSpacing(6)
        body.addWidget(lines_caption)
        body.addWidget(self.lines)
        body.addStretch(1)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self._body, 1)
        self.show_entry(None, None)

    def _ask(self, signal_name: str) -> None:
        if self.entry is not None:
            getattr(self, signal_name).emit(self.entry)

    def show_entry(self, entry: HoldEntry | None, now: datetime | None) -> None:
        """Show ``entry`` as read at ``now`` (None: nothing selected)."""
        self.entry = entry
        self.empty.setVisible(entry is None)
        self._body.setVisible(entry is not None)
        if entry is None or now is None:
            return
        c = self._colors
        self.kind.setText(kind_name(entry.kind))
        self.title.setText(entry.reference)
        self.customer.setText(entry.customer_name or self.tr("(no customer account)"))
        self._fact_labels["created"].setText(store_time(entry.created_at, "%d.%m.%Y %H:%M"))
        self._fact_labels["until"].setText(store_time(entry.hold_until, "%d.%m.%Y %H:%M"))
        self._fact_labels["left"].setText(time_left_text(entry.time_left(now)))
        self._fact_labels["value"].setText(format_money(entry.total))
        self.lines.setText(
            "\n".join(f"{line.qty} × {line.name}  ({line.sku})" for line in entry.lines)
        )
        state, colour = self._state_words(entry)
        self.state.setText(state)
        self.state.setVisible(bool(state))
        self.state.setStyleSheet(f"color: {colour}; font-weight: 600;")
        reservation = entry.kind == "reservation"
        self.extend_button.setVisible(reservation)
        self.collect_button.setVisible(reservation)
        self.cancel_button.setVisible(reservation)
        self.expire_button.setVisible(entry.kind == "pickup")
        self.expire_button.setEnabled(entry.state == "expired")
        self.expire_button.setToolTip(
            "" if entry.state == "expired" else self.tr("Only a hold that is over can be expired.")
        )
        self._fact_labels["left"].setStyleSheet(
            f"color: {c.error if entry.state == 'expired' else c.warn}; font-weight: 600;"
            if entry.state != "active"
            else ""
        )

    def _state_words(self, entry: HoldEntry) -> tuple[str, str]:
        c = self._colors
        if entry.attention:
            return self.tr("Central refused the last change: {why}").replace(
                "{why}", entry.attention
            ), c.error
        if entry.pending:
            return self.tr("A change waits to be sent to central."), c.muted
        if entry.state == "expired":
            if entry.kind == "pickup":
                return self.tr("The hold is over: expire it, or hand it over today."), c.error
            return self.tr("The hold is over; central will release the items."), c.error
        if entry.state == "expiring":
            return self.tr("The hold ends within a day."), c.warn
        return "", c.text
