"""Finalize here: the customer's online cart (or a plain counter sale) sold at the counter.

The basket starts from the cart's lines with this store's stock, the one central price and a
one-tap swap to a size or colour that is here; the clerk scans or types more products, takes
points in blocks, then card and cash (split if asked). Confirm records the sale through
:func:`~clerk.services.sales.store_sale` on the service worker — locally at once, queued for
central, offline too — and the dialog turns into its done page: the change in large type,
whether central has the sale yet, and the receipt.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Customer, Order, Tier
from clerk.domain.money import Money, format_money
from clerk.services.customer_view import CartView
from clerk.services.outbox import Outcome
from clerk.services.sales import Tendered, store_sale
from clerk.services.scanning import ProductCheck
from clerk.ui.screens.counter.basket import Basket, BasketLine, BasketPanel
from clerk.ui.screens.counter.basket_row import MessageBox, message_box_style
from clerk.ui.screens.counter.credit_tender import StoreCreditPanel
from clerk.ui.screens.counter.sale_done import SaleDonePage, SaleStatus, sale_status
from clerk.ui.screens.counter.tender_balance import TenderBalance
from clerk.ui.screens.counter.tenders import PaymentPanel
from clerk.ui.session import AppServices
from clerk.ui.session_dialog import SessionDialog
from clerk.ui.texts import error_text, store_time, tier_name
from clerk.ui.theme import Colors
from clerk.ui.widgets import touch_button

__all__ = ["CheckoutDialog"]


def _style(c: Colors) -> str:
    # Sizes and the checkout's own states; everything else comes from the app's theme.
    return f"""
#checkoutTitle {{ font-size: 20pt; font-weight: 600; }}
QLabel[cardTitle="true"] {{ font-size: 13pt; font-weight: 600; }}
QLabel[lineName="true"], QLabel[lineTotal="true"] {{ font-size: 13pt; font-weight: 600; }}
QLabel[tenderName="true"] {{ font-weight: 600; }}
QLabel[figure="true"] {{ font-size: 14pt; font-weight: 600; }}
QLabel[stock="ok"] {{ color: {c.ok}; }}
QLabel[stock="short"] {{ color: {c.warn}; font-weight: 600; }}
QLabel[stock="unknown"] {{ color: {c.muted}; }}
QPushButton[stepper="true"] {{ font-size: 16pt; padding: 0; }}
QPushButton[segment="true"]:checked {{ border: 2px solid {c.accent}; background: {c.info_bg}; }}
QPushButton[swap="true"] {{ border: 2px solid {c.accent}; color: {c.accent}; font-weight: 600; }}
QLineEdit[money="true"], QLineEdit[qty="true"] {{ font-size: 14pt; }}
QLineEdit[qty="true"] {{ padding: 0; }}
#checkoutDue {{ font-size: 28pt; font-weight: 700; }}
#checkoutTotal {{ font-size: 16pt; font-weight: 600; }}
#doneChange {{ font-size: 44pt; font-weight: 700; }}
#doneChangeCard {{
    background: {c.info_bg}; border: 2px solid {c.accent}; border-radius: 12px;
}}
#doneStatus {{ font-size: 13pt; }}
#checkoutLines, #checkoutLinesBody {{ background: transparent; border: none; }}
QFrame[basketRow="true"] {{ border: none; border-bottom: 1px solid {c.border}; }}
#paymentRule {{ background: {c.border}; border: none; }}
#checkoutBasket {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 12px; }}
#checkoutDiscardBar {{ background: {c.warn_bg}; border-radius: 10px; }}
QLabel[level="ok"] {{ font-weight: 600; }}{message_box_style(c)}
"""


class CheckoutDialog(SessionDialog):
    """The sale at the counter, from the basket to the receipt.

    ``cart`` is finished for ``customer`` (the cart's lines start the basket); without a cart
    the dialog is a plain counter sale, for the customer or nobody. ``customer_id`` names a
    customer known only by their signed loyalty code (``customer`` None: not on the tablet):
    the sale names them and central credits their points; none are redeemed here.

    ``saleQueued(order)`` carries the order as the tablet shows it once the sale is stored (and
    queued for central). Product scans the main window routes here go to :meth:`add_product`.
    The dialog hides while the screen is locked and closes when someone else signs in.
    """

    saleQueued = Signal(object)

    def __init__(
        self,
        services: AppServices,
        colors: Colors,
        customer: Customer | None,
        cart: CartView | None,
        parent: QWidget | None = None,
        *,
        customer_id: str | None = None,
    ) -> None:
        super().__init__(services.session, parent)
        self.setObjectName("checkoutDialog")
        self.setStyleSheet(_style(colors))
        self._services = services
        self._customer = customer
        self._customer_id = customer.id if customer is not None else customer_id
        # A cart is finished for its customer only (central refuses it otherwise).
        self._cart = cart if customer is not None else None
        self._selling = False
        self._close_after_sale = False
        self._order: Order | None = None
        self._command_id = ""
        self._change = Money.zero()

        if self._cart is not None and customer is not None:
            title = self.tr("Finish {name}'s online cart").replace("{name}", customer.full_name)
        else:
            title = self.tr("Counter sale")
        self.setWindowTitle(title)
        lines = [BasketLine.from_cart_line(x) for x in self._cart.lines] if self._cart else []
        self.basket = Basket(lines)
        self._start_lines = list(lines)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._sale_page(title))
        self.done_page = SaleDonePage(services, colors, self)
        self.done_page.finished.connect(self.accept)
        self.pages.addWidget(self.done_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.addWidget(self.pages)
        self.setMinimumSize(1120, 700)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            # As the main window's: this modal dialog blocks the window's own Ctrl+Enter.
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(self.confirm)
        if services.sync is not None:
            services.sync.pendingChanged.connect(self._sync_event)
            services.sync.attentionAdded.connect(self._sync_event)
            services.sync.syncCompleted.connect(self._sync_event)
        self.basket_panel.refresh()

    # -- the sale page ----------------------------------------------------------------------

    def _sale_page(self, title: str) -> QWidget:
        page = QWidget(self)
        page.setObjectName("checkoutSalePage")
        heading = QLabel(title, page)
        heading.setObjectName("checkoutTitle")
        heading.setWordWrap(True)
        who = QLabel(self._who_text(), page)
        who.setObjectName("checkoutCustomer")
        who.setProperty("role", "subtitle")
        who.setWordWrap(True)

        self.basket_panel = BasketPanel(self._services, self.basket, page)
        self.basket_panel.changed.connect(self._basket_changed)
        self.ean = self.basket_panel.ean
        self.payment = PaymentPanel(self._customer, page)
        self.payment.changed.connect(self._refresh_confirm)
        self.credit = StoreCreditPanel(self._services, page)
        self.credit.changed.connect(self._basket_changed)
        self._work = QWidget(page)
        columns = QHBoxLayout(self._work)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(20)
        # Store credit sits under the basket: the payment card keeps its height.
        selling = QVBoxLayout()
        selling.setSpacing(12)
        selling.addWidget(self.basket_panel, 1)
        selling.addWidget(self.credit)
        columns.addLayout(selling, 4)
        columns.addWidget(self.payment, 3)

        self.message = MessageBox("checkoutMessage", page)
        self.cancel_button = touch_button(
            page, "checkoutCancel", self.tr("Cancel"), self.tr("Cancel the sale")
        )
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = touch_button(
            page, "checkoutConfirm", self.tr("Confirm sale"), self.tr("Confirm the sale")
        )
        self.confirm_button.setProperty("primary", True)
        self.confirm_button.setMinimumWidth(200)
        self.confirm_button.setToolTip(self.tr("Ctrl+Enter"))
        self.confirm_button.clicked.connect(self.confirm)
        self._buttons = QWidget(page)
        buttons = QHBoxLayout(self._buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)

        # Esc with work entered asks here, in the dialog, not in another window.
        self.discard_bar = QFrame(page)
        self.discard_bar.setObjectName("checkoutDiscardBar")
        question = QLabel(
            self.tr("Discard this sale? The products and amounts entered here are lost."),
            self.discard_bar,
        )
        question.setWordWrap(True)
        self._keep_button = touch_button(
            self.discard_bar, "checkoutKeep", self.tr("Keep selling"), self.tr("Keep the sale")
        )
        self._keep_button.clicked.connect(self._keep)
        discard = touch_button(
            self.discard_bar,
            "checkoutDiscard",
            self.tr("Discard the sale"),
            self.tr("Discard the sale and close"),
        )
        discard.clicked.connect(self._discard)
        bar = QHBoxLayout(self.discard_bar)
        bar.setContentsMargins(16, 8, 8, 8)
        bar.addWidget(question, 1)
        bar.addWidget(self._keep_button)
        bar.addWidget(discard)
        self.discard_bar.hide()

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(who)
        layout.addWidget(self._work, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.discard_bar)
        layout.addWidget(self._buttons)
        return page

    def _who_text(self) -> str:
        customer = self._customer
        if customer is None:
            if self._customer_id is not None:
                return self.tr(
                    "Loyalty member {id}, recognised by their app code. Central credits their "
                    "points; none can be redeemed on this tablet."
                ).replace("{id}", self._customer_id)
            return self.tr("No loyalty member identified — this sale earns no points.")
        if self._cart is not None:
            text = self.tr(
                "{tier} member, loyalty card {card}. The cart was saved online at {time}."
            ).replace("{time}", store_time(self._cart.updated_at, "%d.%m %H:%M"))
        else:
            text = self.tr("{name}, {tier} member, loyalty card {card}.")
        return (
            text.replace("{name}", customer.full_name)
            .replace("{tier}", tier_name(Tier(customer.tier)))
            .replace("{card}", "••••" + customer.card_number[-4:])
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._order is None:
            self.ean.setFocus()  # a wedge scanner types into the focused field

    # -- the basket -------------------------------------------------------------------------

    @property
    def lines(self) -> list[BasketLine]:
        """The basket's lines as they stand."""
        return list(self.basket.lines)

    def add_product(self, check: ProductCheck) -> None:
        """A scanned product: a new line, or one more of a line already in the basket."""
        self.basket_panel.add_product(check)

    def swap(self, sku: str, alternative_sku: str) -> None:
        """Sell another size or colour (in stock here) instead of line ``sku``."""
        self.basket_panel.swap(sku, alternative_sku)

    @property
    def scan_message_text(self) -> str:
        return self.basket_panel.scan_message.text()

    def _basket_changed(self) -> None:
        # Store credit first (at most the total), then points, card and cash for the rest.
        self.credit.set_limit(self.total)
        self.payment.set_total(self.total - self.credit.amount, self.credit.amount)
        self._refresh_confirm()

    # -- money ------------------------------------------------------------------------------

    @property
    def total(self) -> Money:
        return self.basket.total

    @property
    def redeem_points(self) -> int:
        return self.payment.points

    @property
    def amount_due(self) -> Money:
        return self.payment.due

    @property
    def tender_state(self) -> TenderBalance:
        return self.payment.state

    def _refresh_confirm(self) -> None:
        ready = bool(self.basket.lines) and self.payment.state.complete and not self._selling
        self.confirm_button.setEnabled(ready)
        text = self.tr("Confirm sale")
        if ready:
            text = self.tr("Confirm sale · {amount}").replace(
                "{amount}", format_money(self.amount_due)
            )
        self.confirm_button.setText(text)

    @property
    def can_confirm(self) -> bool:
        return self.confirm_button.isEnabled()

    # -- confirming -------------------------------------------------------------------------

    def confirm(self) -> None:
        """Record the sale (Confirm, Ctrl+Enter); on the done page, Done."""
        if self._order is not None:
            self.accept()
            return
        if self._selling or not self.confirm_button.isEnabled() or not self.isVisible():
            return
        if not self._services.session.active:
            self.message.say(self.tr("Sign in first — the sale was not recorded."), "error")
            return
        cart_id = self._cart.id if self._cart is not None and self.basket.has_cart_lines else None
        sell = partial(
            store_sale,
            self._services.ctx,
            self._services.session.actor(),
            lines=self.basket.sale_lines(),
            payments=self.payments(),
            customer_id=self._customer_id,
            cart_id=cart_id,
            redeem_points=self.redeem_points,
            customer_named_by_code=self._customer is None and self._customer_id is not None,
        )
        self._set_selling(True)
        self.message.say(self.tr("Recording the sale…"), "info")
        self._services.bridge.op(sell).success(self._sold).failure(self._refused).run()

    def payments(self) -> list[Tendered]:
        """The sale's tenders: the store credit taken, then card and cash."""
        credit = self.credit.tendered()
        return ([credit] if credit is not None else []) + self.payment.payments()

    def _set_selling(self, selling: bool) -> None:
        self._selling = selling
        self.basket_panel.freeze(selling)
        self._work.setEnabled(not selling)
        self.cancel_button.setEnabled(not selling)
        self._refresh_confirm()

    @property
    def selling(self) -> bool:
        """Whether the sale is being recorded right now."""
        return self._selling

    def _refused(self, error: BaseException) -> None:
        self._set_selling(False)
        if self._close_after_sale:
            super().reject()
            return
        # Everything entered stays: the clerk fixes what was refused and confirms again.
        self.message.say(error_text(error), "error")

    def _sold(self, outcome: Outcome[Order]) -> None:
        self._set_selling(False)
        self.basket_panel.freeze(True)
        order = outcome.value
        self._order = order
        self._command_id = outcome.command.id
        state = self.payment.state
        self._change = state.change
        self.message.say("")
        self.saleQueued.emit(order)
        self._services.request_sync()
        if self._close_after_sale:
            self.accept()
            return
        given = state.given if not state.cash.is_zero() else None
        self.done_page.show_sale(
            order,
            self._command_id,
            self._staff_id or "",
            state.change,
            given,
            points_counted_here=self._customer is not None,
        )
        self.pages.setCurrentWidget(self.done_page)
        self.done_page.done_button.setFocus()
        self._read_status()

    @property
    def order(self) -> Order | None:
        """The order once the sale is recorded."""
        return self._order

    @property
    def change_due(self) -> Money:
        return self._change if self._order is not None else self.payment.state.change

    @property
    def message_text(self) -> str:
        return self.message.text()

    @property
    def showing_done(self) -> bool:
        return self.pages.currentWidget() is self.done_page

    # -- central's answer -------------------------------------------------------------------

    def _sync_event(self, *_args: object) -> None:
        if self._order is not None and not self._closed:
            self._read_status()

    def _read_status(self) -> None:
        assert self._order is not None
        self._services.bridge.op(
            sale_status, self._services.ctx, self._command_id, self._order.id
        ).read_only().success(self._status_read).failure(self._status_unknown).run()

    def _status_read(self, status: SaleStatus) -> None:
        if not self._closed:
            self.done_page.set_status(status)

    def _status_unknown(self, _error: BaseException) -> None:
        pass  # the page keeps saying "queued"; the bridge logged what went wrong

    # -- leaving ----------------------------------------------------------------------------

    @property
    def has_changes(self) -> bool:
        """Whether closing now would throw away something the clerk entered."""
        return (
            self.basket.lines != self._start_lines
            or self.payment.has_input
            or self.credit.has_input
        )

    def reject(self) -> None:
        """Esc, Cancel, the window's close: never mid-sale; asks first if work would be lost."""
        if self._selling:
            return
        if self._order is not None:
            self.accept()  # the sale is recorded: Esc is Done
            return
        if not self.discard_bar.isHidden():
            self._keep()  # a second Esc backs out of the question, never discards
            return
        if self.has_changes:
            self.discard_bar.show()
            self._buttons.hide()
            self._keep_button.setFocus()
            return
        super().reject()

    def _keep(self) -> None:
        self.discard_bar.hide()
        self._buttons.show()
        self.ean.setFocus()

    def _discard(self) -> None:
        super().reject()

    @property
    def asking_discard(self) -> bool:
        return not self.discard_bar.isHidden()

    def abandon(self) -> None:
        """Close without asking (someone else took over the tablet). A sale being recorded
        is finished first; what was only entered is dropped."""
        if self._closed:
            return
        if self._selling:
            self._close_after_sale = True
            self.hide()
        elif self._order is not None:
            self.accept()
        else:
            super().abandon()

    def done(self, result: int) -> None:
        self.basket_panel.forget()
        super().done(result)
