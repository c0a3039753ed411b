"""Opening an entry of the customer's timeline: an order's detail, a ticket's thread.

An order is read off the UI thread — from the tablet, or from central when the tablet does
not hold it — and shown with its lines, payments, pickup and returns (and **Return…**); a
ticket's thread is put together from the timeline already on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from clerk.services.customer_view import TimelineEntry
from clerk.services.customers import ticket_thread
from clerk.services.customers_central import order_detail
from clerk.ui.models.timeline import ENTRY_ROLE
from clerk.ui.screens.counter.detail import OrderDialog, ThreadDialog
from clerk.ui.session import AppServices
from clerk.ui.texts import error_text


class EntryOpener(QObject):
    """Opens timeline entries in dialogs over ``parent``; says what went wrong through ``say``
    (text, level).  ``returnRequested(order_id)``: the clerk asked to take the order back."""

    returnRequested = Signal(str)

    def __init__(
        self,
        services: AppServices,
        entries: Callable[[], Sequence[TimelineEntry]],
        say: Callable[[str, str], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._entries = entries
        self._say = say
        self._parent = parent
        self.stores: dict[str, str] = {}  # store ids → names, for the order's detail
        self.dialog: QWidget | None = None  # the detail open now (or last)

    def open(self, index: QModelIndex) -> None:
        """Open the entry at ``index`` of the timeline (an order or a ticket)."""
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, TimelineEntry):
            return
        if entry.kind == "interaction":
            self.open_thread(entry.thread_id)
            return
        order_id = entry.order_id
        if order_id is None:
            return
        services = self._services
        services.bridge.op(
            order_detail, services.ctx, services.directory, order_id
        ).read_only().success(self.show_order).failure(
            lambda error: self._say(error_text(error), "error")
        ).run()

    def show_order(self, detail: Any) -> None:
        """Show an order's detail (None: neither on the tablet nor reachable)."""
        if detail is None:
            self._say(
                self.tr(
                    "This order is not on the tablet and central cannot be reached; try again "
                    "when the tablet is online."
                ),
                "warning",
            )
            return
        dialog = OrderDialog(detail, self.stores, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.returnRequested.connect(self.returnRequested)
        self._show(dialog)

    def open_thread(self, root_id: str) -> None:
        """Show the thread of the ticket ``root_id`` from the timeline on screen."""
        thread = ticket_thread(self._entries(), root_id)
        if not thread:
            return
        dialog = ThreadDialog(thread, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._show(dialog)

    def _show(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.destroyed.connect(lambda _=None: self._forget(dialog))
        dialog.open()  # type: ignore[attr-defined]

    def _forget(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None
