"""The Counter (F1): recognise the customer and serve them as one brand.

Two pages: finding the customer (scan prompt and search as you type) and their 360 (header,
one timeline across channels, open items, the online cart).  Every read runs off the UI thread
through the bridge; a customer on the tablet is painted from the local store within a frame,
one outside it is asked of central (and cached), and offline the signed loyalty code alone
still says who is at the counter.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Customer
from clerk.services.customer_view import CartView, Customer360, CustomerHit, TimelineEntry
from clerk.services.customers import local_360, older_timeline
from clerk.services.customers_central import (
    cart_elsewhere,
    find_customers_central,
    remote_360,
)
from clerk.services.engagement import Contact, add_note, record_visit, reveal_contact
from clerk.services.scanning import CustomerScan, ProductCheck
from clerk.ui.scanning.router import Preview
from clerk.ui.screens.counter.detail import NoteDialog
from clerk.ui.screens.counter.entries import EntryOpener
from clerk.ui.screens.counter.find import FindCustomer
from clerk.ui.screens.counter.page import CustomerPage
from clerk.ui.screens.counter.words import points_text
from clerk.ui.session import AppServices, Screen
from clerk.ui.texts import error_text
from clerk.ui.theme import Colors

log = logging.getLogger(__name__)

# What, changed by the sync engine, may change the 360 on screen.
_RELOAD_ON = frozenset(
    {"customer", "order", "cart", "interaction", "loyalty", "return", "reservation", "inventory"}
)

# The store visit and the other stores' stock are asked for this long after the 360 is shown.
FOLLOW_UP_MS = 120


class CounterScreen(QWidget):
    """Find the customer; their 360; the online cart finished here."""

    customerShown = Signal(str)  # the customer id, once the 360 is on screen
    pickupRequested = Signal(str)  # an order id to open on the Pickup screen
    returnRequested = Signal(str)  # an order id to open on the Returns screen

    def __init__(self, services: AppServices, colors: Colors, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = Screen.COUNTER
        self.setObjectName("screen_counter")
        self.services = services
        self._colors = colors
        self.view: Customer360 | None = None
        self._wanted: str | None = None  # the customer being loaded
        # Timeline entries open in dialogs; a returned order goes to the Returns screen.
        self.entries = EntryOpener(services, lambda: self.timeline.entries, self._say, self)
        self.entries.returnRequested.connect(self.returnRequested)
        self._checkout: Any = None
        self._follow_up_timer = QTimer(self)
        self._follow_up_timer.setSingleShot(True)
        self._follow_up_timer.setInterval(FOLLOW_UP_MS)
        self._follow_up_timer.timeout.connect(self._follow_up)

        self.finder = FindCustomer(services, colors, self)
        self.finder.customerChosen.connect(self._chosen)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.finder)
        self.pages.addWidget(self._build_360())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._load_stores()

    # -- layout -----------------------------------------------------------------------------

    def _build_360(self) -> QWidget:
        page = CustomerPage(self._colors, self)
        # The page's parts, as the screen (and its tests) speak of them.
        self.back, self.banner, self.add_note_button = page.back, page.banner, page.add_note
        self.sell, self.header, self.open_items, self.cart = (
            page.sell,
            page.header,
            page.open_items,
            page.cart,
        )
        self.timeline, self.filtered, self.table = page.timeline, page.filtered, page.table
        self.channels, self.kinds = page.channels, page.kinds
        self.back.clicked.connect(self.close_customer)
        self.add_note_button.clicked.connect(self.open_note)
        self.sell.clicked.connect(self.finalize)
        self.header.revealRequested.connect(self.reveal_contact)
        self.timeline.olderWanted.connect(self._older)
        self.table.activated.connect(self.entries.open)
        self.table.doubleClicked.connect(self.entries.open)
        self.open_items.pickupOpened.connect(self.pickupRequested)
        self.open_items.ticketOpened.connect(self.entries.open_thread)
        self.cart.finalizeRequested.connect(self.finalize)
        self.page = page
        return page

    # -- the screen's hooks (MainWindow) ------------------------------------------------------

    def reset(self) -> None:
        """Another staff member signed in: forget the customer and the search."""
        self._close_checkout()
        self.close_customer()

    def shown(self) -> None:
        if self.view is None:
            self.finder.search.setFocus()

    def focus_search(self) -> None:
        self.close_customer()
        self.finder.search.setFocus()
        self.finder.search.selectAll()

    def cancel(self) -> None:
        if self.view is not None:
            self.close_customer()
        else:
            self.finder.clear()

    def primary_action(self) -> None:
        if self.view is not None:
            self.finalize()

    # -- recognising --------------------------------------------------------------------------

    def show_customer_scan(self, scan: CustomerScan, preview: Preview | None = None) -> None:
        """A loyalty code or card was scanned anywhere in the app (``preview``: the local 360
        the router read with the scan, if it did)."""
        if scan.customer_id is not None:
            named_by_token = scan.via == "token"
            if preview is None:
                self.open_customer(scan.customer_id, named_by_token=named_by_token)
                return
            view = preview.value
            assert view is None or isinstance(view, Customer360)
            self._wanted = scan.customer_id
            self._local_answer(scan.customer_id, view, named_by_token)
            return
        card = scan.card_number or ""
        self._wanted = "card:" + card
        self._say(
            self.tr("Card {card} is not on this tablet; asking central…").replace("{card}", card),
            "info",
        )
        directory = self.services.directory
        if directory is None:
            self._card_unknown(card, offline=True)
            return
        self.services.bridge.op(find_customers_central, directory, card, 5).read_only().success(
            lambda hits: self._card_found(card, hits)
        ).failure(self._failed).run()

    def _card_found(self, card: str, hits: list[CustomerHit] | None) -> None:
        if self._wanted != "card:" + card:
            return
        if hits is None:
            self._card_unknown(card, offline=True)
            return
        if not hits:
            self._card_unknown(card, offline=False)
            return
        self.open_customer(hits[0].customer_id)

    def _card_unknown(self, card: str, *, offline: bool) -> None:
        if offline:
            text = self.tr(
                "Card {card} is not on this tablet and central cannot be reached. Ask for the "
                "code in their app (it works offline), or search by name."
            )
        else:
            text = self.tr("No customer has card {card}. Check the number on the card.")
        self._say(text.replace("{card}", card), "error")

    def open_customer(self, customer_id: str, *, named_by_token: bool = False) -> None:
        """Show the 360 of ``customer_id``: from the tablet, else from central."""
        self._wanted = customer_id
        self.services.bridge.op(local_360, self.services.ctx, customer_id).read_only().success(
            lambda view: self._local_answer(customer_id, view, named_by_token)
        ).failure(self._failed).run()

    def _local_answer(
        self, customer_id: str, view: Customer360 | None, named_by_token: bool
    ) -> None:
        if self._wanted != customer_id:
            return
        if view is not None:
            self._show(view)
            return
        directory = self.services.directory
        if directory is None:
            self._remote_answer(customer_id, None, named_by_token, offline=True)
            return
        self._say(self.tr("Not on this tablet yet — fetching the customer from central…"), "info")
        self.services.bridge.op(
            partial(remote_360, named_by_token=named_by_token),
            self.services.ctx,
            directory,
            customer_id,
        ).read_only().success(
            lambda found: self._remote_answer(customer_id, found, named_by_token)
        ).failure(self._failed).run()

    def _remote_answer(
        self,
        customer_id: str,
        view: Customer360 | None,
        named_by_token: bool,
        offline: bool = False,
    ) -> None:
        if self._wanted != customer_id:
            return
        if view is None and named_by_token and offline:
            view = Customer360(
                customer_id,
                None,
                "token",
                unavailable=frozenset({"profile", "timeline", "cart", "open_items"}),
            )
        if view is None:
            self._say(
                self.tr("Central does not know this customer. Check the code or search by name."),
                "error",
            )
            return
        self._show(view)

    def _follow_up(self) -> None:
        """After the 360 is on screen: record the store visit and ask which other stores
        have the cart's lines short here (started a moment later, so that neither competes
        with the first paint for the interpreter)."""
        view = self.view
        if view is None:
            return
        self._record_visit(view.customer_id)
        self._ask_elsewhere(view)

    def _flush_follow_up(self) -> None:
        """The 360 on screen is leaving: start its follow-ups now if they are still due."""
        if self._follow_up_timer.isActive():
            self._follow_up_timer.stop()
            self._follow_up()

    @property
    def follow_up_pending(self) -> bool:
        """Whether the shown 360's follow-ups (:meth:`_follow_up`) are still to start."""
        return self._follow_up_timer.isActive()

    def _record_visit(self, customer_id: str) -> None:
        actor = self.services.session.actor()
        self.services.bridge.op(record_visit, self.services.ctx, actor, customer_id).success(
            lambda done: self._visit_recorded(customer_id, done)
        ).failure(lambda error: log.info("the store visit was not recorded: %s", error)).run()

    def _visit_recorded(self, customer_id: str, done: Any) -> None:
        if done is None or self.view is None or self.view.customer_id != customer_id:
            return
        bonus = int(done.value.bonus_points)
        customer = self.view.customer
        if bonus and customer is not None:
            # The balance a sale redeems from is the one on the tablet now.
            customer = replace(customer, points_balance=customer.points_balance + bonus)
            self.view = replace(self.view, customer=customer)
            self.header.set_points(customer.points_balance)
            self._say(
                self.tr("Store visit recorded: {points} visit bonus.").replace(
                    "{points}", points_text(bonus, signed=True)
                ),
                "ok",
            )

    # -- showing ------------------------------------------------------------------------------

    def _show(self, view: Customer360) -> None:
        self._flush_follow_up()
        self._fill(view)
        self.page.show_source(view.source)
        self.pages.setCurrentIndex(1)
        self.table.scrollToTop()
        self.customerShown.emit(view.customer_id)
        self._follow_up_timer.start()

    def _fill(self, view: Customer360) -> None:
        """Put ``view`` on the 360 page (a new customer, or the same one refreshed)."""
        self.view = view
        self.header.show_customer(view)
        self.timeline.reset(view.timeline, view.timeline_before)
        self.open_items.show_items(view.open_items, "open_items" in view.unavailable)
        self.cart.show_cart(view.cart, "cart" in view.unavailable)
        self.add_note_button.setEnabled(view.customer is not None)
        has_cart = view.cart is not None and bool(view.cart.lines)
        self.sell.setText(self.tr("Finalize cart") if has_cart else self.tr("New sale"))

    def _ask_elsewhere(self, view: Customer360) -> None:
        """Lines of the cart short here: ask central which other stores have them."""
        cart, directory = view.cart, self.services.directory
        if cart is None or directory is None or view.source != "local" or cart.all_here:
            return
        customer_id = view.customer_id
        self.services.bridge.op(cart_elsewhere, directory, customer_id, cart).read_only().success(
            lambda richer: self._elsewhere(customer_id, richer)
        ).failure(lambda error: log.info("other stores' stock not read: %s", error)).run()

    def _elsewhere(self, customer_id: str, cart: CartView | None) -> None:
        view = self.view
        if cart is None or view is None or view.customer_id != customer_id:
            return
        if view.cart is None or view.cart.id != cart.id:
            return
        self.view = replace(view, cart=cart)
        self.cart.show_cart(cart)

    def _say(self, text: str, level: str) -> None:
        self.page.say(text, level)
        if self.view is None:
            self.finder.set_status(text)

    def close_customer(self) -> None:
        """Back to the find page for the next customer."""
        self._flush_follow_up()
        self.view = None
        self._wanted = None
        self.timeline.reset([], None)
        self.banner.hide()
        self.finder.clear()
        self.pages.setCurrentIndex(0)
        self.finder.search.setFocus()

    def _older(self, before: str) -> None:
        view = self.view
        if view is None or view.source != "local":
            return
        customer_id = view.customer_id
        self.services.bridge.op(
            older_timeline, self.services.ctx, customer_id, before
        ).read_only().success(lambda page: self._older_page(customer_id, page)).failure(
            self._failed
        ).run()

    def _older_page(
        self, customer_id: str, page: tuple[tuple[TimelineEntry, ...], str | None]
    ) -> None:
        if self.view is not None and self.view.customer_id == customer_id:
            self.timeline.append(*page)

    def data_changed(self, entities: frozenset[str]) -> None:
        """The sync engine changed the local store: refresh the 360 on screen."""
        view = self.view
        if view is None or view.source != "local" or not (entities & _RELOAD_ON):
            return
        customer_id = view.customer_id
        self.services.bridge.op(local_360, self.services.ctx, customer_id).read_only().success(
            lambda fresh: self._refreshed(customer_id, fresh)
        ).failure(lambda error: log.info("refreshing the 360 failed: %s", error)).run()

    def _refreshed(self, customer_id: str, fresh: Customer360 | None) -> None:
        if fresh is None or self.view is None or self.view.customer_id != customer_id:
            return
        self._fill(fresh)

    # -- search -------------------------------------------------------------------------------

    def _chosen(self, hit: CustomerHit) -> None:
        self.open_customer(hit.customer_id)

    # -- actions ------------------------------------------------------------------------------

    def reveal_contact(self) -> None:
        view = self.view
        if view is None or view.customer is None:
            return
        customer_id = view.customer_id
        actor = self.services.session.actor()
        self.services.bridge.op(reveal_contact, self.services.ctx, actor, customer_id).success(
            lambda contact: self._revealed(customer_id, contact)
        ).failure(self._failed).run()

    def _revealed(self, customer_id: str, contact: Contact) -> None:
        if self.view is not None and self.view.customer_id == customer_id:
            self.header.show_contact(contact.phone, contact.email)

    def open_note(self) -> None:
        view = self.view
        if view is None or view.customer is None:
            return
        dialog = NoteDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        customer_id = view.customer_id

        def write(kind: str, subject: str, body: str) -> None:
            actor = self.services.session.actor()
            self.services.bridge.op(
                lambda: add_note(
                    self.services.ctx,
                    actor,
                    customer_id,
                    body,
                    subject=subject,
                    kind=kind,  # type: ignore[arg-type]
                )
            ).success(lambda _done: self._note_saved(dialog)).failure(
                lambda error: dialog.failed(error_text(error))
            ).run()

        dialog.noteWritten.connect(write)
        self.note_dialog = dialog
        dialog.open()

    def _note_saved(self, dialog: NoteDialog) -> None:
        dialog.accept()
        self._say(self.tr("Note saved to the customer's thread; it is sent to central."), "ok")
        self.data_changed(frozenset({"interaction"}))

    def finalize(self) -> None:
        """Finalize the online cart here (or start a counter sale for this customer)."""
        view = self.view
        if view is None:
            return
        from clerk.ui.screens.counter.checkout import CheckoutDialog

        by_code = view.source == "token"
        customer: Customer | None = None if by_code else view.customer
        dialog = CheckoutDialog(
            self.services,
            self._colors,
            customer,
            view.cart,
            self,
            customer_id=view.customer_id if by_code else None,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saleQueued.connect(self._sale_queued)
        dialog.destroyed.connect(lambda _=None: setattr(self, "_checkout", None))
        self._checkout = dialog
        dialog.open()

    def _sale_queued(self, order: Any) -> None:
        self._say(self.tr("Sale queued for central; the customer's cart is finished."), "ok")
        self.data_changed(frozenset({"order"}))

    def add_product(self, check: ProductCheck) -> bool:
        """A product scanned while the checkout is open goes into the basket."""
        dialog = self._checkout
        if dialog is None or not dialog.isVisible():
            return False
        dialog.add_product(check)
        return True

    def take_store_credit(self, code: str) -> bool:
        """A store-credit code scanned while the checkout is open goes to its tender."""
        if (dialog := self._checkout) is not None and dialog.isVisible():
            dialog.credit.take_code(code)
        return dialog is not None and dialog.isVisible()

    def _close_checkout(self) -> None:
        if self._checkout is not None:
            self._checkout.abandon()
            self._checkout = None

    # -- helpers ------------------------------------------------------------------------------

    def _load_stores(self) -> None:
        ctx = self.services.ctx

        def read() -> dict[str, str]:
            with ctx.store.unit(read_only=True) as unit:
                return unit.stores.names()

        self.services.bridge.op(read).read_only().success(self._stores_loaded).failure(
            lambda error: log.info("store names not read: %s", error)
        ).run()

    def _stores_loaded(self, names: dict[str, str]) -> None:
        self.entries.stores = names
        self.timeline.set_stores(names)

    def _failed(self, error: BaseException) -> None:
        self._say(error_text(error), "error")
