"""The Pickup desk (F2): the queue of click-and-collect orders, preparing them, releasing them.

Three pages: the queue (by state, searched, with the box for a customer without their code),
one order (its pick list while it is prepared, the release panel once it is on the shelf, or
what became of it), and the choice between a customer's orders when their loyalty code finds
several.  Every read runs off the UI thread through the bridge and answers from the local
store, so the desk works offline; the queue reloads on sync changes and once a minute (how
long people waited, and which holds are running out, change with the clock).

An order is only ever offered for release while the tablet sees it *ready*: once released
here it is collected in the local store, so a second scan of its code says when and to whom
it was handed over instead.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Order, OrderStatus
from clerk.services.pickup import expire_pickup
from clerk.services.pickup_queue import (
    TO_PREPARE,
    PickupDetail,
    PickupQueue,
    QueueEntry,
    find_by_number_and_phone,
)
from clerk.services.pickup_ready import ShortLine
from clerk.services.scanning import CustomerScan, PickupScan, ProductCheck
from clerk.ui.bridge import SerialRead
from clerk.ui.screens.pickup.chooser import OrderChooser
from clerk.ui.screens.pickup.desk import (
    nothing_ready_text,
    orders_of,
    read_detail,
    read_queue,
    ready_text,
    state_message,
    unknown_card_text,
)
from clerk.ui.screens.pickup.expire import ExpireDialog, expired_text
from clerk.ui.screens.pickup.order_page import Banner, Method, OrderPage
from clerk.ui.screens.pickup.queue import QueuePanel
from clerk.ui.session import AppServices, Screen
from clerk.ui.texts import error_text
from clerk.ui.theme import Colors

__all__ = ["PickupScreen"]

log = logging.getLogger(__name__)

REFRESH_MS = 60_000
# What, changed by the sync engine, may change the queue or the order on screen.
_RELOAD_ON = frozenset({"order", "customer", "product", "inventory", "settings"})


class PickupScreen(QWidget):
    """The queue, preparing an order, and the frame of the release panel."""

    orderShown = Signal(str)  # the order id, once an order is on screen

    def __init__(self, services: AppServices, colors: Colors, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = Screen.PICKUP
        self.setObjectName("screen_pickup")
        self.services = services
        self._colors = colors
        self.detail: PickupDetail | None = None
        self.method: Method | None = None
        self._wanted: str | None = None  # the order (or customer) being loaded
        self._reader = SerialRead(
            lambda: self.services.bridge.op(read_queue, self.services.ctx),
            self._queue_read,
            self._failed,
        )
        self._released_number: str | None = None
        self.expire_dialog: ExpireDialog | None = None

        self.banner = Banner(colors, self)

        self.queue = QueuePanel(colors, self)
        self.queue.orderOpened.connect(self.open_order)
        self.queue.expireRequested.connect(self.ask_expire)
        self.queue.deskLookup.connect(self.find_at_desk)
        self.chooser = OrderChooser(colors, self)
        self.chooser.chosen.connect(lambda order_id: self._open(order_id, "loyalty", "loyalty"))
        self.chooser.dismissed.connect(self.back_to_queue)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.queue)
        self.order = OrderPage(services, colors, self)
        self.order.backClicked.connect(self.back_to_queue)
        self.order.released.connect(self._released)
        self.order.releaseClosed.connect(self._release_closed)
        self.order.prepare.markedReady.connect(self._marked_ready)
        self.header, self.prepare, self.summary = (
            self.order.header,
            self.order.prepare,
            self.order.summary,
        )
        self.pages.addWidget(self.order)
        self.pages.addWidget(self.chooser)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(24, 12, 24, 0)
        banner_row.addWidget(self.banner)
        layout.addLayout(banner_row)
        layout.addWidget(self.pages, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(250)
        self._soon.timeout.connect(self._tick)
        if services.sync is not None:
            services.sync.pendingChanged.connect(self._pending_changed)
        services.session.changed.connect(self._session_changed)
        self._session_changed()

    # -- the screen's hooks (MainWindow) ------------------------------------------------------

    def reset(self) -> None:
        """Another staff member signed in: forget the order on screen and the search."""
        self._close_dialogs()
        self.prepare.forget()
        self.queue.clear()
        self.detail = None
        self.method = None
        self._wanted = None
        self.banner.hide()
        self.pages.setCurrentWidget(self.queue)

    def shown(self) -> None:
        self._session_changed()
        self.reload()
        if self.pages.currentWidget() is self.queue:
            self.queue.search.setFocus()

    def focus_search(self) -> None:
        self.back_to_queue()
        self.queue.search.setFocus()
        self.queue.search.selectAll()

    def primary_action(self) -> None:
        """Ctrl+Enter: mark ready while preparing; the release panel's own action; on the
        queue, open the selected order."""
        showing = self.showing
        if showing == "queue":
            self.queue.open_selected()
        elif showing == "prepare":
            self.prepare.primary_action()
        elif showing == "release":
            self.order.release.primary_action()

    def cancel(self) -> None:
        """Esc: close a question, else the release panel's own step back, else back to the
        queue; on the queue, clear the search."""
        if self._close_dialogs():
            return
        showing = self.showing
        if showing == "queue":
            if self.queue.search.text():
                self.queue.search.clear()
            else:
                self.banner.hide()
            return
        if showing == "release" and self.order.release.cancel():
            return
        self.back_to_queue()

    @property
    def showing(self) -> str:
        """What is on screen: "queue", "chooser", or the order's "prepare", "release",
        "summary" (what became of it) or "no_release"."""
        page = self.pages.currentWidget()
        if page is self.queue:
            return "queue"
        if page is self.chooser:
            return "chooser"
        return self.order.view

    def data_changed(self, entities: frozenset[str]) -> None:
        """The sync engine changed the local store: the queue, and the order being prepared
        or looked at (never the release in progress)."""
        if not entities & _RELOAD_ON or not self.isVisible():
            return  # shown() reads everything afresh
        self.reload()
        detail = self.detail
        if detail is None or self.showing not in ("prepare", "summary"):
            return
        order_id = detail.order.id
        self.services.bridge.op(read_detail, self.services.ctx, order_id).read_only().success(
            lambda read: self._refreshed(order_id, *read)
        ).failure(lambda error: log.info("re-reading the order failed: %s", error)).run()

    # -- scans and the desk -------------------------------------------------------------------

    def show_pickup_scan(self, scan: PickupScan) -> None:
        """A pickup code from the customer's notification: their order, for release."""
        self._open(scan.order_id, "pickup_token", "scan")

    def show_customer_scan(self, scan: CustomerScan) -> None:
        """A loyalty code at the desk: the customer's orders on the shelf here."""
        customer_id = scan.customer_id
        if customer_id is None:
            self._say(unknown_card_text(scan.card_number or ""), "warning")
            return
        self._wanted = "customer:" + customer_id
        self.services.bridge.op(orders_of, self.services.ctx, customer_id).read_only().success(
            lambda found: self._customer_orders(customer_id, *found)
        ).failure(self._failed).run()

    def _customer_orders(
        self, customer_id: str, ready: list[QueueEntry], preparing: list[QueueEntry], name: str
    ) -> None:
        if self._wanted != "customer:" + customer_id:
            return
        if len(ready) == 1:
            self._open(ready[0].order_id, "loyalty", "loyalty")
        elif ready:
            self.chooser.show_orders(name, ready)
            self.banner.hide()
            self.pages.setCurrentWidget(self.chooser)
        elif len(preparing) == 1:
            self._open(preparing[0].order_id, "loyalty", "scan")
        else:
            self._say(nothing_ready_text(name, len(preparing)), "warning")

    def scan_product(self, check: ProductCheck) -> bool:
        """A product label scanned here: ticks it off the pick list on screen (False: no pick
        list is shown, the main window shows the product instead)."""
        if self.showing != "prepare" or self.prepare.detail is None:
            return False
        self.prepare.scan_product(check)
        return True

    def find_at_desk(self, number: str, digits: str) -> None:
        """The order number and the phone's last three digits the customer says."""
        wanted = self._wanted = f"desk:{number}:{digits}"

        def found(order_id: str) -> None:
            if self._wanted == wanted:  # nothing else was asked for meanwhile
                self._open(order_id, "number_phone", "desk")

        self.services.bridge.op(
            find_by_number_and_phone, self.services.ctx, number, digits
        ).read_only().success(found).failure(self._failed).run()

    # -- one order ----------------------------------------------------------------------------

    def open_order(self, order_id: str) -> None:
        """Open ``order_id`` (from the queue or the Counter): its pick list, its release, or
        what became of it."""
        self._open(order_id, None, "queue")

    def _open(self, order_id: str, method: Method | None, source: str) -> None:
        self._wanted = order_id
        self.services.bridge.op(read_detail, self.services.ctx, order_id).read_only().success(
            lambda read: self._detail_read(order_id, method, source, *read)
        ).failure(self._failed).run()

    def _detail_read(
        self, order_id: str, method: Method | None, source: str, detail: PickupDetail, now: datetime
    ) -> None:
        if self._wanted != order_id:
            return
        self.detail = detail
        self.method = method
        status = OrderStatus(detail.order.status)
        message = state_message(detail, now)
        if status in TO_PREPARE:
            self.order.show_prepare(detail)
        elif status == OrderStatus.READY:
            self.order.show_release(detail, method)
        else:
            self.order.show_summary(detail, now)
        if message is not None and source != "queue":
            # The customer is at the desk (or the order changed meanwhile): say why not.
            self._say(message, "warning" if status in TO_PREPARE else "error")
        elif source == "sync" and status == OrderStatus.READY:
            self._say(
                self.tr("Order {number} was made ready meanwhile, on shelf {shelf}.")
                .replace("{number}", detail.order.number)
                .replace("{shelf}", detail.entry.shelf or "—"),
                "info",
            )
        elif detail.entry.attention:
            self._say(
                self.tr("Central refused this tablet's last action on the order: {why}").replace(
                    "{why}", detail.entry.attention
                ),
                "error",
            )
        else:
            self.banner.hide()
        self.pages.setCurrentWidget(self.order)
        self.orderShown.emit(order_id)

    def _refreshed(self, order_id: str, detail: PickupDetail, now: datetime) -> None:
        if self.detail is None or self.detail.order.id != order_id:
            return
        if self.showing == "prepare" and OrderStatus(detail.order.status) in TO_PREPARE:
            self.detail = detail
            self.prepare.refresh(detail)
            self.header.show_order(detail)
            return
        # It moved on elsewhere (made ready on another tablet, cancelled online …).
        self._wanted = order_id
        self._detail_read(order_id, self.method, "sync", detail, now)

    def back_to_queue(self) -> None:
        """Close the order on screen; the queue, fresh."""
        self.detail = None
        self.method = None
        self._wanted = None
        self.pages.setCurrentWidget(self.queue)
        self.reload()

    # -- results of the panels ----------------------------------------------------------------

    def _marked_ready(self, order: Order, shorts: tuple[ShortLine, ...]) -> None:
        if self.detail is not None and self.detail.order.id == order.id:
            self.back_to_queue()
        else:  # the clerk has moved on to another order meanwhile
            self.reload()
        self._say(ready_text(order, shorts), "ok")

    def _released(self, order: Order) -> None:
        # The panel may still show its receipt and effort score; only the queue is refreshed.
        self.reload()
        self._released_number = order.number

    def _release_closed(self) -> None:
        number = self._released_number
        self.back_to_queue()
        if number:
            self._say(self.tr("Order {number} was handed over.").replace("{number}", number), "ok")
        self._released_number = None

    # -- expiry -------------------------------------------------------------------------------

    def ask_expire(self, entry: QueueEntry) -> None:
        """A manager expires an overdue hold, after confirming what it does."""
        if not self.services.session.is_manager:
            return
        self._close_dialogs()
        dialog = ExpireDialog(entry, self._colors, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.confirmed.connect(lambda order_id: self._expire(order_id, entry.number))
        dialog.destroyed.connect(lambda _=None: setattr(self, "expire_dialog", None))
        self.expire_dialog = dialog
        dialog.open()

    def _expire(self, order_id: str, number: str) -> None:
        actor = self.services.session.actor()
        self.services.bridge.op(expire_pickup, self.services.ctx, actor, order_id).success(
            lambda _outcome: self._expired(order_id, number)
        ).failure(self._failed).run()

    def _expired(self, order_id: str, number: str) -> None:
        if self.detail is not None and self.detail.order.id == order_id:
            self.back_to_queue()
        else:
            self.reload()
        self._say(expired_text(number), "ok")

    # -- the queue ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the queue again (one read at a time; a change meanwhile reads once more)."""
        self._reader.request()

    def _queue_read(self, read: tuple[PickupQueue, datetime]) -> None:
        self.queue.show_queue(*read)

    def _tick(self) -> None:
        if self.isVisible():
            self.reload()

    def _pending_changed(self, _pending: int, _attention: int) -> None:
        # What waits to be sent changed: the queue's marks follow (a little later, once).
        self._soon.start()

    def _session_changed(self) -> None:
        self.queue.set_manager(self.services.session.is_manager)

    # -- helpers ------------------------------------------------------------------------------

    def _close_dialogs(self) -> bool:
        closed = False
        for dialog in (self.expire_dialog, self.prepare.short_dialog):
            if dialog is not None and dialog.isVisible():
                dialog.reject()
                closed = True
        return closed

    def _say(self, text: str, level: str) -> None:
        self.banner.say(text, level)

    def _failed(self, error: BaseException) -> None:
        self._say(error_text(error), "error")
