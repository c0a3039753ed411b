"""Release a ready order at the desk: verify, say who collects, hand over all or part, refuse
items on the spot, then the receipt and the customer's effort score.

The panel is given a :class:`~clerk.services.pickup_queue.PickupDetail` and how the customer
was verified (their pickup QR, loyalty code, or the order number and phone digits; ``None``
when the clerk tapped the order in the queue, so the panel asks for the phone digits first).
A ready order opened by its pickup QR needs one more interaction: **Release all** (or
Ctrl+Enter). The release runs :func:`~clerk.services.pickup.release_pickup` on the service
worker: locally at once, queued for central (offline too); the button is disabled while it
runs, and an order that is not ready — already collected here or elsewhere, cancelled,
refused by central — cannot be released again.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QStackedWidget, QVBoxLayout, QWidget

from clerk.domain.entities import Order, OrderStatus
from clerk.domain.errors import DomainError
from clerk.services.outbox import Outcome
from clerk.services.pickup import release_pickup
from clerk.services.pickup_queue import PickupDetail
from clerk.ui.screens.pickup.effort import EffortDialog
from clerk.ui.screens.pickup.release_done import ReleaseDoneView
from clerk.ui.screens.pickup.release_form import ReleaseForm
from clerk.ui.screens.pickup.release_header import Method
from clerk.ui.screens.pickup.release_words import (
    FINAL_REFUSALS,
    release_error_text,
    release_style,
)
from clerk.ui.session import AppServices
from clerk.ui.theme import Colors

__all__ = ["ReleasePanel"]


class ReleasePanel(QWidget):
    """Hands one ready order over; see the module's docstring.

    ``released(order)`` carries the order as the tablet holds it once the release is stored
    (and queued for central); ``closed()`` says the clerk is done with the order.
    """

    released = Signal(object)
    closed = Signal()

    def __init__(
        self, services: AppServices, colors: Colors, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("releasePanel")
        self.setStyleSheet(release_style(colors))
        self._services = services
        self._colors = colors
        self._detail: PickupDetail | None = None
        self._releasing = False
        self._releasing_for = ""
        self._released_order: Order | None = None
        self.done_view: ReleaseDoneView | None = None
        self.effort_dialog: EffortDialog | None = None

        self.form = ReleaseForm(self)
        self.form.releaseRequested.connect(self.release)
        self.form.leaveRequested.connect(self.closed)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    # -- the order --------------------------------------------------------------------------

    def show_order(self, detail: PickupDetail, method: Method | None) -> None:
        """Put ``detail`` on the desk, verified by ``method`` (None: not yet — the panel asks
        for the phone digits)."""
        self._detail = detail
        self._released_order = None
        self._close_effort()
        if self.done_view is not None:
            self.pages.removeWidget(self.done_view)
            self.done_view.deleteLater()
            self.done_view = None
        self.pages.setCurrentWidget(self.form)
        self.form.show_order(detail, method, self.releasable)
        if self._releasing:
            self.form.set_busy(True)  # the last order's release is still being recorded

    @property
    def detail(self) -> PickupDetail | None:
        return self._detail

    @property
    def releasable(self) -> bool:
        """Whether the order on the desk may be handed over at all: ready, nothing of this
        tablet's refused by central, not released from here already."""
        detail = self._detail
        return (
            detail is not None
            and detail.order.status == OrderStatus.READY
            and detail.entry.attention is None
            and self._released_order is None
        )

    @property
    def release_button(self) -> QPushButton:
        return self.form.release_button

    @property
    def can_release(self) -> bool:
        return self.form.release_button.isEnabled()

    @property
    def releasing(self) -> bool:
        """Whether the release is being recorded right now."""
        return self._releasing

    # -- releasing --------------------------------------------------------------------------

    def primary_action(self) -> None:
        """Ctrl+Enter: the release (all, or as chosen per line); after it, the effort score."""
        if self.showing_done:
            assert self.done_view is not None
            if self.done_view.effort_button.isVisibleTo(self.done_view):
                self.hand_to_customer()
        elif self.can_release and self.isVisible():
            self.release()

    def release(self) -> None:
        """Record the release of the order on the desk as the form says."""
        detail = self._detail
        if detail is None or self._releasing or not self.can_release:
            return
        session = self._services.session
        if not session.active:
            self.form.message.say(self.tr("Sign in first — nothing was released."), "error")
            return
        run = partial(
            release_pickup,
            self._services.ctx,
            session.actor(),
            detail.order.id,
            self.form.verification(),
            lines=self.form.handed_over(),
            refused=self.form.refused_items(),
        )
        self._set_releasing(True, detail.order.id)
        self.form.message.say(self.tr("Recording the release…"), "info")
        self._services.bridge.op(run).success(self._released).failure(self._refused).run()

    def _set_releasing(self, releasing: bool, order_id: str = "") -> None:
        self._releasing = releasing
        self._releasing_for = order_id
        self.form.set_busy(releasing)

    def _refused(self, error: BaseException) -> None:
        order_id = self._releasing_for
        self._set_releasing(False)
        if self._detail is None or self._detail.order.id != order_id:
            return  # another order is on the desk now
        self.form.message.say(release_error_text(error), "error")
        if isinstance(error, DomainError) and error.code in FINAL_REFUSALS:
            self.form.close_order()  # what was entered stays; this order does not go

    def _released(self, outcome: Outcome[Order]) -> None:
        order = outcome.value
        detail = self._detail
        self._set_releasing(False)
        self.released.emit(order)
        self._services.request_sync()
        if detail is None or detail.order.id != order.id:
            return  # another order is on the desk now; the queue shows this one collected
        self._released_order = order
        self.form.close_order()
        self.form.message.say("")
        staff = self._services.session.staff
        view = ReleaseDoneView(self._services, self._colors, self)
        view.handToCustomer.connect(self.hand_to_customer)
        view.finished.connect(self.closed)
        rows = self.form.rows
        handed = [(row.line, row.handover) for row in rows if row.handover]
        refused = [(row.line, item) for row in rows if (item := row.refused_item())]
        view.show_release(
            order, outcome.command.id, staff.staff_id if staff else "", handed, refused
        )
        self.done_view = view
        self.pages.addWidget(view)
        self.pages.setCurrentWidget(view)
        view.effort_button.setFocus()

    @property
    def released_order(self) -> Order | None:
        """The order as released here (None: not released from this panel)."""
        return self._released_order

    @property
    def showing_done(self) -> bool:
        return self.done_view is not None and self.pages.currentWidget() is self.done_view

    @property
    def message_text(self) -> str:
        return self.form.message.text()

    @property
    def attention_text(self) -> str:
        """Central's refusal of this tablet's action on the order, as shown."""
        return self.form.attention.text()

    @property
    def state_text(self) -> str:
        """Why the order cannot be released, as shown (empty: it can)."""
        return self.form.state.text()

    # -- the customer's score ---------------------------------------------------------------

    def hand_to_customer(self) -> None:
        """Open the effort score for the customer; ``closed()`` once they tapped or skipped."""
        order, detail = self._released_order, self._detail
        if order is None or detail is None or self.effort_dialog is not None:
            return
        customer_id = order.customer_id if detail.customer is not None else None
        dialog = EffortDialog(self._services, self._colors, order.id, customer_id, self)
        dialog.finished.connect(self._effort_done)
        self.effort_dialog = dialog
        dialog.open()

    def _effort_done(self, _result: int) -> None:
        self._close_effort()
        self.closed.emit()

    def _close_effort(self) -> None:
        dialog, self.effort_dialog = self.effort_dialog, None
        if dialog is not None:
            dialog.finished.disconnect(self._effort_done)
            if dialog.isVisible():
                dialog.reject()
            dialog.deleteLater()

    # -- leaving ----------------------------------------------------------------------------

    def cancel(self) -> bool:
        """Esc: True when the panel handled it (a question, the done page, a release running);
        False when the screen may simply go back to the queue."""
        if self._releasing or self.effort_dialog is not None:
            return True
        if self.showing_done:
            self.closed.emit()
            return True
        return self.form.answer_esc()

    @property
    def asking_discard(self) -> bool:
        """Whether the panel asks "Leave this order?" right now."""
        return self.form.asking_leave
