"""The manager's questions before a hold changes: how long to extend a reservation, why it is
cancelled, and whether an overdue pickup really goes back to stock. None of them is one tap:
each says what will happen, and the customer hears of a cancellation or an expiry."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clerk.services.holds_board import HoldEntry
from clerk.ui.screens.reservations.models import lines_text, time_left_text
from clerk.ui.texts import STORE_ZONE, store_time
from clerk.ui.theme import TOUCH, Colors
from clerk.ui.widgets import touch_button

__all__ = ["CancelDialog", "ExpireHoldDialog", "ExtendDialog"]

_ZONE = QTimeZone(STORE_ZONE.key.encode())


def _heading(parent: QWidget, name: str, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setStyleSheet("font-size: 15pt; font-weight: 600;")
    label.setWordWrap(True)
    return label


def _wrapped(parent: QWidget, text: str, muted: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if muted:
        label.setProperty("role", "muted")
    return label


def _facts(entry: HoldEntry, now: datetime) -> str:
    who = entry.customer_name or "—"
    return f"{who} · {lines_text(entry)} · {time_left_text(entry.time_left(now))}"


class _Question(QDialog):
    """A heading, what happens, and Keep / the action (red when it cannot be undone)."""

    def __init__(
        self,
        name: str,
        title: str,
        colors: Colors,
        parent: QWidget | None,
        *,
        danger: bool,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self._colors = colors
        self._danger = danger
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(28, 24, 28, 24)
        self.body.setSpacing(14)
        self.setMinimumWidth(600)

    def add_buttons(self, keep_text: str, confirm_name: str, confirm_text: str) -> None:
        keep = touch_button(self, f"{self.objectName()}Keep", keep_text, keep_text)
        keep.clicked.connect(self.reject)
        self.confirm = touch_button(self, confirm_name, confirm_text, confirm_text)
        if self._danger:
            c = self._colors
            self.confirm.setStyleSheet(
                f"background: {c.error}; color: #ffffff; border-color: {c.error}; font-weight: 600;"
            )
        else:
            self.confirm.setDefault(True)
        self.confirm.clicked.connect(self._confirm)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(keep)
        row.addWidget(self.confirm)
        self.body.addLayout(row)
        keep.setFocus()

    def _confirm(self) -> None:
        raise NotImplementedError


class ExtendDialog(_Question):
    """A new end for a reservation's hold, up to the policy's limit; ``chosen(until)``."""

    chosen = Signal(object)  # aware datetime

    def __init__(
        self, entry: HoldEntry, now: datetime, colors: Colors, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "extendDialog", self.tr("Extend reservation"), colors, parent, danger=False
        )
        self.entry = entry
        latest = entry.latest_until or entry.hold_until
        self.latest = latest
        self.body.addWidget(
            _heading(
                self,
                "extendHeading",
                self.tr("Hold reservation {reference} longer").replace(
                    "{reference}", entry.reference
                ),
            )
        )
        self.body.addWidget(_wrapped(self, _facts(entry, now), muted=True))
        self.body.addWidget(
            _wrapped(
                self,
                self.tr(
                    "Held until {until}. A reservation can be held until {latest} at the "
                    "latest (7 days from when it was made)."
                )
                .replace("{until}", store_time(entry.hold_until, "%d.%m.%Y %H:%M"))
                .replace("{latest}", store_time(latest, "%d.%m.%Y %H:%M")),
            )
        )
        self.when = QDateTimeEdit(self)
        self.when.setObjectName("extendUntil")
        self.when.setAccessibleName(self.tr("New end of the hold"))
        self.when.setTimeZone(_ZONE)
        self.when.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setMinimumHeight(TOUCH)
        self.when.setMinimumDateTime(_qt(now + timedelta(minutes=1)))
        self.when.setMaximumDateTime(_qt(latest))
        self.when.setDateTime(_qt(min(max(entry.hold_until, now) + timedelta(days=1), latest)))
        quick = QHBoxLayout()
        quick.setSpacing(8)
        quick_words = {
            1: (self.tr("+1 day"), self.tr("Hold one day longer")),
            2: (self.tr("+2 days"), self.tr("Hold two days longer")),
            3: (self.tr("+3 days"), self.tr("Hold three days longer")),
        }
        for days, (text, accessible) in quick_words.items():
            button = touch_button(self, f"extendPlus{days}", text, accessible)
            button.clicked.connect(lambda _=False, d=days: self._plus(d, now))
            quick.addWidget(button)
        most = touch_button(
            self, "extendLatest", self.tr("As long as allowed"), self.tr("Hold until the latest")
        )
        most.clicked.connect(lambda: self.when.setDateTime(_qt(latest)))
        quick.addWidget(most)
        quick.addStretch(1)
        self.body.addLayout(quick)
        self.body.addWidget(self.when)
        can_extend = latest > now + timedelta(minutes=1) and latest > entry.hold_until
        if not can_extend:
            self.body.addWidget(
                _wrapped(self, self.tr("This reservation is already held as long as allowed."))
            )
        self.add_buttons(self.tr("Keep as it is"), "extendConfirm", self.tr("Extend"))
        self.confirm.setEnabled(can_extend)

    def _plus(self, days: int, now: datetime) -> None:
        base = max(self.entry.hold_until, now)
        self.when.setDateTime(_qt(min(base + timedelta(days=days), self.latest)))

    @property
    def until(self) -> datetime:
        return datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), tz=STORE_ZONE)

    def _confirm(self) -> None:
        self.chosen.emit(self.until)
        self.accept()


def _qt(moment: datetime) -> QDateTime:
    whole_minute = moment.replace(second=0, microsecond=0)
    return QDateTime.fromSecsSinceEpoch(int(whole_minute.timestamp()), _ZONE)


class CancelDialog(_Question):
    """Why the reservation is cancelled (the customer is told); ``chosen(reason)``."""

    chosen = Signal(str)  # "customer" | "store"

    def __init__(
        self, entry: HoldEntry, now: datetime, colors: Colors, parent: QWidget | None = None
    ) -> None:
        super().__init__("cancelDialog", self.tr("Cancel reservation"), colors, parent, danger=True)
        self.entry = entry
        self.body.addWidget(
            _heading(
                self,
                "cancelHeading",
                self.tr("Cancel reservation {reference}?").replace("{reference}", entry.reference),
            )
        )
        self.body.addWidget(_wrapped(self, _facts(entry, now), muted=True))
        self.customer_asked = QRadioButton(self.tr("The customer asked for it"), self)
        self.customer_asked.setObjectName("cancelByCustomer")
        self.store_decided = QRadioButton(self.tr("The store cancels it"), self)
        self.store_decided.setObjectName("cancelByStore")
        self.customer_asked.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.customer_asked, self.store_decided):
            button.setMinimumHeight(TOUCH)
            group.addButton(button)
            self.body.addWidget(button)
        self.body.addWidget(
            _wrapped(
                self,
                self.tr(
                    "The items become available for sale again and central tells the customer "
                    "the reservation was cancelled. This cannot be undone."
                ),
            )
        )
        self.add_buttons(
            self.tr("Keep the reservation"), "cancelConfirm", self.tr("Cancel reservation")
        )

    @property
    def reason(self) -> str:
        return "store" if self.store_decided.isChecked() else "customer"

    def _confirm(self) -> None:
        self.chosen.emit(self.reason)
        self.accept()


class ExpireHoldDialog(_Question):
    """An overdue pickup goes back to stock and is refunded; ``confirmed(order_id)``."""

    confirmed = Signal(str)

    def __init__(
        self, entry: HoldEntry, now: datetime, colors: Colors, parent: QWidget | None = None
    ) -> None:
        super().__init__("expireHoldDialog", self.tr("Expire hold"), colors, parent, danger=True)
        self.entry = entry
        self.body.addWidget(
            _heading(
                self,
                "expireHoldHeading",
                self.tr("Expire the hold of order {number}?").replace("{number}", entry.reference),
            )
        )
        self.body.addWidget(_wrapped(self, _facts(entry, now), muted=True))
        self.body.addWidget(
            _wrapped(
                self,
                self.tr(
                    "The items go back to stock, the customer is refunded for everything still "
                    "on the shelf, and central tells them the order has expired. This cannot be "
                    "undone."
                ),
            )
        )
        self.add_buttons(
            self.tr("Keep it on the shelf"), "expireHoldConfirm", self.tr("Expire hold")
        )

    def _confirm(self) -> None:
        self.confirmed.emit(self.entry.hold_id)
        self.accept()
