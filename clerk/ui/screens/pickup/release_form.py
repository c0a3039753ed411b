"""The release form: the order on the desk, verifying the customer, who collects, the lines
to hand over or refuse, the 18+ check, and the buttons — what the clerk fills in before the
release (:class:`~clerk.ui.screens.pickup.release.ReleasePanel` runs it)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk.services.pickup import RefusedItem, Verification
from clerk.services.pickup_queue import PickupDetail
from clerk.ui.screens.counter.basket_row import MessageBox
from clerk.ui.screens.pickup.release_header import (
    CollectorBox,
    Method,
    OrderHeader,
    PhoneCheck,
)
from clerk.ui.screens.pickup.release_lines import ReleaseLineRow
from clerk.ui.screens.pickup.release_words import not_ready_text
from clerk.ui.theme import TOUCH
from clerk.ui.widgets import touch_button

__all__ = ["ReleaseForm"]

WIDE = 1000  # px: from here on, who collects sits beside the lines


class ReleaseForm(QWidget):
    """What the clerk fills in for one order. ``releaseRequested()`` is the primary button,
    ``leaveRequested()`` Back (or Leave after the question) — the panel decides."""

    releaseRequested = Signal()
    leaveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("releaseForm")
        self._method: Method | None = None
        self._phone_ok = False
        self._releasable = False
        self._busy = False
        self.rows: list[ReleaseLineRow] = []
        self.header = OrderHeader(self)
        self.attention = MessageBox("releaseAttention", self)
        self.state = MessageBox("releaseState", self)
        self.phone_check = PhoneCheck(self)
        self.phone_check.verified.connect(self._phone_verified)
        self.collector = CollectorBox(self)
        self.collector.changed.connect(self.refresh)

        self.lines_card = QFrame(self)
        self.lines_card.setObjectName("releaseLines")
        self.lines_card.setProperty("card", True)
        self.lines_caption = lines_caption = QLabel(self.lines_card)
        lines_caption.setProperty("cardTitle", True)
        self._lines = QVBoxLayout(self.lines_card)
        self._lines.setContentsMargins(20, 12, 20, 12)
        self._lines.setSpacing(0)
        self._lines.addWidget(lines_caption)
        self.age_box = QFrame(self)
        self.age_box.setObjectName("ageBox")
        age_words = QLabel(
            self.tr("18+ items: check the ID of the person collecting before handing them over."),
            self.age_box,
        )
        age_words.setObjectName("ageWords")
        age_words.setWordWrap(True)
        self.age_check = QCheckBox(self.tr("ID checked: 18 or older"), self.age_box)
        self.age_check.setObjectName("ageChecked")
        self.age_check.setAccessibleName(self.tr("I checked the ID of the person collecting"))
        self.age_check.setMinimumHeight(TOUCH)
        self.age_check.toggled.connect(lambda _c: self.refresh())
        age = QVBoxLayout(self.age_box)
        age.setContentsMargins(20, 10, 20, 6)
        age.setSpacing(2)
        age.addWidget(age_words)
        # As wide as its words: a tap anywhere on it ticks it.
        age.addWidget(self.age_check, 0, Qt.AlignmentFlag.AlignLeft)

        # The order on top; below it who collects beside what they take (one column on a
        # narrow panel, see resizeEvent).
        body = QWidget(self)
        body.setObjectName("releaseScrollBody")
        self._who = QWidget(body)
        who = QVBoxLayout(self._who)
        who.setContentsMargins(0, 0, 0, 0)
        who.setSpacing(12)
        for widget in (self.phone_check, self.collector, self.age_box):
            widget.setParent(self._who)
            who.addWidget(widget)  # the ID check is about the person collecting: beside them
        who.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.lines_card)
        right.addStretch(1)
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._columns.setSpacing(16)
        self._columns.addWidget(self._who, 5)
        self._columns.addLayout(right, 6)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(12)
        column.addWidget(self.header)
        column.addWidget(self.attention)
        column.addWidget(self.state)
        column.addLayout(self._columns, 1)
        self.scroll_area = scroll = QScrollArea(self)
        scroll.setObjectName("releaseScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)

        self.message = MessageBox("releaseMessage", self)
        self.discard_bar = QFrame(self)
        self.discard_bar.setObjectName("releaseDiscardBar")
        question = QLabel(
            self.tr("Leave this order? What you entered here is lost."), self.discard_bar
        )
        question.setWordWrap(True)
        self._stay_button = touch_button(
            self.discard_bar, "releaseStay", self.tr("Stay"), self.tr("Stay with this order")
        )
        self._stay_button.clicked.connect(self._stay)
        leave = touch_button(
            self.discard_bar,
            "releaseLeave",
            self.tr("Leave the order"),
            self.tr("Leave the order without releasing it"),
        )
        leave.clicked.connect(self.leaveRequested)
        bar = QHBoxLayout(self.discard_bar)
        bar.setContentsMargins(16, 8, 8, 8)
        bar.addWidget(question, 1)
        bar.addWidget(self._stay_button)
        bar.addWidget(leave)
        self.discard_bar.hide()

        self.back_button = touch_button(
            self, "releaseBack", self.tr("Back to the queue"), self.tr("Back to the pickup queue")
        )
        self.back_button.clicked.connect(self._back)
        self.hint = QLabel(self)
        self.hint.setObjectName("releaseHint")
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.release_button = touch_button(
            self, "releaseAll", self.tr("Release all"), self.tr("Release the order")
        )
        self.release_button.setProperty("primary", True)
        self.release_button.setMinimumWidth(220)
        self.release_button.setToolTip(self.tr("Ctrl+Enter"))
        self.release_button.clicked.connect(self.releaseRequested)
        self._buttons = QWidget(self)
        buttons = QHBoxLayout(self._buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(12)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.release_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.discard_bar)
        layout.addWidget(self._buttons)

    # -- the order --------------------------------------------------------------------------

    def show_order(self, detail: PickupDetail, method: Method | None, releasable: bool) -> None:
        """Fill in ``detail`` afresh (``releasable``: the order may be handed over at all)."""
        self._method = method
        self._phone_ok = False
        self._releasable = releasable
        self._busy = False
        self._stay()
        self.message.say("")
        self.header.show_order(detail, method)
        attention = detail.entry.attention
        self.attention.say(
            self.tr(
                "Central refused this tablet's action on this order: “{reason}” Hand nothing "
                "over; the Attention screen says what to do."
            ).replace("{reason}", attention)
            if attention is not None
            else "",
            "error",
        )
        self.state.say(not_ready_text(detail) or "", "warning")
        customer = detail.customer
        self.phone_check.setVisible(method is None and releasable)
        self.phone_check.start(customer.phone if customer else detail.entry.phone_digits)
        self.collector.start(customer.full_name if customer else detail.entry.customer_name)
        for widget in (self.phone_check, self.collector, self.age_box, self.back_button):
            widget.setEnabled(True)

        for row in self.rows:
            self._lines.removeWidget(row)
            row.hide()  # gone from the screen now, deleted once the event loop turns
            row.deleteLater()
        order_lines = {line.id: line for line in detail.order.lines}
        self.rows = [
            ReleaseLineRow(line, order_lines[line.line_id], self.lines_card)
            for line in detail.lines
        ]
        for row in self.rows:
            row.changed.connect(self.refresh)
            row.set_editable(releasable)
            self._lines.addWidget(row)
            row.show()  # a child added to a shown form is shown only when asked
        self.age_check.setChecked(False)
        self.age_box.setVisible(releasable and detail.age_restricted)
        # Nothing to verify or record for an order that cannot go: the lines take the width.
        self._who.setVisible(releasable)
        self.lines_caption.setText(
            self.tr("Items to hand over") if releasable else self.tr("Items of the order")
        )
        self.refresh()
        if self.phone_check.isVisible() and self.phone_check.field.isEnabled():
            self.phone_check.field.setFocus()
        elif self.release_button.isEnabled():
            self.release_button.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = event.size().width() < WIDE
        self._columns.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )

    @property
    def method(self) -> Method | None:
        """How the customer was verified (the phone digits count once they match)."""
        if self._method is None and self._phone_ok:
            return "number_phone"
        return self._method

    def _phone_verified(self) -> None:
        self._phone_ok = True
        self.header.set_method("number_phone")
        self.refresh()

    # -- what is handed over ----------------------------------------------------------------

    def _problem(self) -> str | None:
        if self.method is None:
            return self.tr("Verify the customer first: phone digits or their pickup code.")
        problem = self.collector.problem()
        if problem is not None:
            return problem
        if any(row.age_needed for row in self.rows) and not self.age_check.isChecked():
            return self.tr("Check the ID for the 18+ items and tick the box.")
        if not any(row.line.waiting for row in self.rows):
            return self.tr("Nothing of this order waits on the shelf.")
        return None

    def refresh(self) -> None:
        """The primary button's words and whether it may be pressed, with why not."""
        handed = sum(row.handover for row in self.rows)
        refused = sum(row.refused for row in self.rows)
        if refused == 0:
            text = self.tr("Release all")
        elif handed == 0:
            text = self.tr("Refuse all {m}").replace("{m}", str(refused))
        else:
            text = (
                self.tr("Hand over {n}, refuse {m}")
                .replace("{n}", str(handed))
                .replace("{m}", str(refused))
            )
        self.release_button.setText(text)
        problem = self._problem() if self._releasable else None
        self.hint.setText(problem or "")
        self.release_button.setEnabled(self._releasable and not self._busy and not problem)

    def verification(self) -> Verification:
        """How the customer proved it and who collects, as the service takes it."""
        return Verification(
            self.method or "number_phone",
            self.collector.collected_by(),
            self.collector.id_text(),
            age_checked=not self.age_box.isHidden() and self.age_check.isChecked(),
        )

    def refused_items(self) -> list[RefusedItem]:
        return [item for row in self.rows if (item := row.refused_item()) is not None]

    def handed_over(self) -> Mapping[str, int] | None:
        """Units collected per line; None when nothing is refused (everything goes)."""
        if not self.refused_items():
            return None
        return {row.line.line_id: row.handover for row in self.rows if row.line.waiting}

    def set_busy(self, busy: bool) -> None:
        """Freeze everything while the release is recorded."""
        self._busy = busy
        for row in self.rows:
            row.set_editable(not busy and self._releasable)
        for widget in (self.phone_check, self.collector, self.age_box, self.back_button):
            widget.setEnabled(not busy)
        self.refresh()

    def close_order(self) -> None:
        """The order cannot be released from here any more; what was entered stays."""
        self._releasable = False
        for row in self.rows:
            row.set_editable(False)
        self.refresh()

    # -- leaving ----------------------------------------------------------------------------

    @property
    def has_input(self) -> bool:
        """Whether leaving now would throw away something the clerk entered."""
        return self._releasable and (
            self.phone_check.has_input
            or self._phone_ok
            or self.collector.has_input
            or self.age_check.isChecked()
            or any(row.refused for row in self.rows)
        )

    def _back(self) -> None:
        if self.has_input:
            self.ask_leave()
        else:
            self.leaveRequested.emit()

    def ask_leave(self) -> None:
        self.discard_bar.show()
        self._buttons.hide()
        self._stay_button.setFocus()

    def _stay(self) -> None:
        self.discard_bar.hide()
        self._buttons.show()

    def answer_esc(self) -> bool:
        """Esc on the form: back out of the question, or ask it when something was entered
        (True); False when there is nothing to lose."""
        if self.asking_leave:
            self._stay()
            return True
        if self.has_input:
            self.ask_leave()
            return True
        return False

    @property
    def asking_leave(self) -> bool:
        return not self.discard_bar.isHidden()
