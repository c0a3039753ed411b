"""What opens from the 360: an order's lines and payments, a ticket's thread, a new note."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk.printing.sale_receipt import tender_name
from clerk.services.customer_view import TimelineEntry
from clerk.services.customers_central import OrderDetail
from clerk.ui.screens.counter.words import (
    entry_title,
    money,
    status_name,
    when,
)
from clerk.ui.texts import channel_name, store_time


def _table(parent: QWidget, headers: list[str], rows: list[list[str]], name: str) -> QTableWidget:
    """A small read-only table (an order has a handful of lines)."""
    table = QTableWidget(len(rows), len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c >= len(headers) - 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setFixedHeight(min(56 + 40 * max(len(rows), 1), 320))
    return table


class OrderDialog(QDialog):
    """An order of any channel: lines, payments, pickup and returns; ``returnRequested(id)``
    when the clerk takes items of it back (Return…)."""

    returnRequested = Signal(str)

    def __init__(self, detail: OrderDetail, stores: dict[str, str], parent: QWidget) -> None:
        super().__init__(parent)
        order = detail.order
        self.setObjectName("orderDetail")
        number = order.number or self.tr("(number follows from central)")
        self.setWindowTitle(self.tr("Order {number}").replace("{number}", number))
        self.setMinimumWidth(720)
        title = QLabel(self.windowTitle(), self)
        title.setProperty("role", "title")
        store = order.pickup_store_id or order.store_id or ""
        facts = (
            self.tr("{channel} · {when} · {status} · {store}")
            .replace("{channel}", channel_name(str(order.channel)))
            .replace("{when}", store_time(order.created_at, "%d.%m.%Y %H:%M"))
            .replace("{status}", status_name(str(order.status)))
            .replace("{store}", stores.get(store, store))
        )
        subtitle = QLabel(facts, self)
        subtitle.setProperty("role", "subtitle")
        subtitle.setWordWrap(True)

        lines = [
            [
                line.name,
                line.sku,
                str(line.qty),
                self.tr("{n} returned").replace("{n}", str(line.returned_qty))
                if line.returned_qty
                else "",
                money(line.unit_price),
                money(line.total),
            ]
            for line in order.lines
        ]
        lines_table = _table(
            self,
            [
                self.tr("Product"),
                self.tr("SKU"),
                self.tr("Qty"),
                self.tr("Returned"),
                self.tr("Price"),
                self.tr("Total"),
            ],
            lines,
            "orderLines",
        )
        payments = [
            [tender_name(p.tender), p.reference or "", money(p.amount)] for p in order.payments
        ]
        pay_table = _table(
            self,
            [self.tr("Paid with"), self.tr("Reference"), self.tr("Amount")],
            payments,
            "orderPayments",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(lines_table)
        total = QLabel(
            self.tr("Total {total} · points earned {points}")
            .replace("{total}", money(order.total))
            .replace("{points}", str(order.points_earned)),
            self,
        )
        total.setStyleSheet("font-weight: 600;")
        layout.addWidget(total)
        layout.addWidget(pay_table)
        if order.pickup is not None and order.pickup.collected_at is not None:
            collected = QLabel(
                self.tr("Collected {when}").replace(
                    "{when}", store_time(order.pickup.collected_at, "%d.%m.%Y %H:%M")
                ),
                self,
            )
            layout.addWidget(collected)
        for ret in detail.returns:
            label = QLabel(
                self.tr("Returned {when}: {amount} ({status})")
                .replace("{when}", store_time(ret.created_at, "%d.%m.%Y"))
                .replace("{amount}", money(ret.amount))
                .replace("{status}", status_name(ret.status)),
                self,
            )
            layout.addWidget(label)
        if detail.from_central:
            note = QLabel(self.tr("From central: this order is not kept on the tablet."), self)
            note.setProperty("role", "muted")
            layout.addWidget(note)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.return_button = close.addButton(
            self.tr("Return…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.return_button.setObjectName("orderReturn")
        self.return_button.setAccessibleName(self.tr("Take items of this order back"))
        self.return_button.clicked.connect(lambda: self._return(order.id))
        layout.addWidget(close)

    def _return(self, order_id: str) -> None:
        self.accept()
        self.returnRequested.emit(order_id)


class ThreadDialog(QDialog):
    """A support ticket (or note) and the messages of its thread, oldest first."""

    def __init__(self, thread: Sequence[TimelineEntry], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("ticketThread")
        first = thread[0] if thread else None
        self.setWindowTitle(entry_title(first) if first else self.tr("Thread"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        title = QLabel(self.windowTitle(), self)
        title.setProperty("role", "title")
        title.setWordWrap(True)
        layout.addWidget(title)
        for entry in thread:
            card = QLabel(self)
            card.setProperty("card", True)
            card.setWordWrap(True)
            card.setTextFormat(Qt.TextFormat.PlainText)
            head = (
                self.tr("{when} · {channel}")
                .replace("{when}", when(entry))
                .replace("{channel}", channel_name(entry.channel or "store"))
            )
            subject = str(entry.data.get("subject") or "")
            body = str(entry.data.get("body") or "")
            card.setText("\n".join(p for p in (head, subject, body) if p))
            card.setStyleSheet("padding: 12px;")
            layout.addWidget(card)
        status = str(first.data.get("status") or "") if first else ""
        if status:
            layout.addWidget(
                QLabel(self.tr("Status: {status}").replace("{status}", status_name(status)), self)
            )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)


class NoteDialog(QDialog):
    """A note or a store contact for the customer's thread (sent to central)."""

    noteWritten = Signal(str, str, str)  # kind, subject, body

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("Add to the customer's thread"))
        self.setMinimumWidth(560)
        self.kind = QComboBox(self)
        self.kind.setObjectName("noteKind")
        self.kind.setAccessibleName(self.tr("Kind of entry"))
        self.kind.addItem(self.tr("Note"), "note")
        self.kind.addItem(
            self.tr("Store contact (the customer asked or told us something)"), "contact"
        )
        self.subject = QLineEdit(self)
        self.subject.setObjectName("noteSubject")
        self.subject.setAccessibleName(self.tr("Subject"))
        self.subject.setMaxLength(200)
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("noteBody")
        self.body.setAccessibleName(self.tr("Text"))
        self.body.setMinimumHeight(140)
        self.message = QLabel(self)
        self.message.setObjectName("noteMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Text"), self.body)
        self.save = QPushButton(self.tr("Save to the thread"), self)
        self.save.setObjectName("saveNote")
        self.save.setProperty("primary", True)
        self.save.clicked.connect(self._save)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setObjectName("cancelNote")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _save(self) -> None:
        subject = self.subject.text().strip()
        body = self.body.toPlainText().strip()
        if not subject and not body:
            self.message.setText(self.tr("Write something first: the note is empty."))
            return
        self.save.setEnabled(False)
        self.noteWritten.emit(str(self.kind.currentData()), subject, body)

    def failed(self, text: str) -> None:
        """The note was refused: say why, keep what was written."""
        self.message.setText(text)
        self.save.setEnabled(True)
