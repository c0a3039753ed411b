"""The Returns screen (F3): anything bought anywhere, returned here under one policy.

Three pages: find the purchase (a receipt's ``R`` code, an order number of any channel, or an
order opened from the customer's timeline on the Counter); decide line by line with the
policy's verdicts and the refund summary beside them; and the return as recorded, with its
receipt. Reads run off the UI thread; the amounts are asked of the same domain policy central
runs (:func:`clerk.services.returns.preview_return`) after every edit, and confirming
(Ctrl+Enter) queues one return through the outbox.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDialog, QStackedWidget, QVBoxLayout, QWidget

from clerk.domain.entities import RefundMethod, Return
from clerk.domain.returns import ReturnDecision
from clerk.services.outbox import Outcome
from clerk.services.returns import ManagerOverride, create_return, preview_return
from clerk.services.returns_desk import (
    Fetched,
    Purchase,
    keep_fetched,
    look_up_purchase,
    read_purchase,
)
from clerk.services.scanning import ReceiptScan
from clerk.ui.override import OverrideGate, request_override
from clerk.ui.screens.pickup.order_page import Banner
from clerk.ui.screens.returns.decide import DecidePage, returns_style
from clerk.ui.screens.returns.done import ReturnDonePage
from clerk.ui.screens.returns.find import FindPage
from clerk.ui.screens.returns.lines import ReturnLineRow
from clerk.ui.screens.returns.words import find_error_text
from clerk.ui.session import AppServices, Screen
from clerk.ui.texts import error_text
from clerk.ui.theme import Colors

__all__ = ["ReturnsScreen"]

log = logging.getLogger(__name__)

# What, changed by the sync engine, may change the purchase being decided.
_RELOAD_ON = frozenset({"order", "return", "product", "settings"})


def _differs(shown: ReturnDecision, fresh: ReturnDecision) -> bool:
    """Whether the refund on screen is not what confirming would book now."""
    return (shown.amount, shown.refunds, shown.points_to_reverse) != (
        fresh.amount,
        fresh.refunds,
        fresh.points_to_reverse,
    )


def _staff_name(services: AppServices, staff_id: str) -> str:
    with services.ctx.store.unit(read_only=True) as unit:
        member = unit.staff.get(staff_id)
    return member.name if member is not None else staff_id


class ReturnsScreen(QWidget):
    """Find, decide, done. ``purchaseShown(order_id)`` once an order is on screen;
    ``returned(Return)`` after a return was queued."""

    purchaseShown = Signal(str)
    returned = Signal(object)

    def __init__(
        self,
        services: AppServices,
        colors: Colors,
        pin_gate: OverrideGate,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = Screen.RETURNS
        self.setObjectName("screen_returns")
        self.services = services
        self._gate = pin_gate
        self._wanted: str | None = None
        self._asked = 0
        # (preview number, the decision on screen): a re-read's preview to compare with it.
        self._recheck: tuple[int, ReturnDecision] | None = None
        self._confirming = False
        self.override_dialog: QDialog | None = None
        self.outcome: Outcome[Return] | None = None

        self.banner = Banner(colors, self)
        self.banner.setObjectName("returnsBanner")
        self.finder = FindPage(colors, self)
        self.finder.numberEntered.connect(self.find_number)
        self.decide = DecidePage(colors, self)
        self.decide.backClicked.connect(self.back_to_find)
        self.decide.changed.connect(self._changed)
        self.decide.overrideRequested.connect(self.ask_override)
        self.decide.refund.confirmClicked.connect(self.confirm)
        self.done = ReturnDonePage(services, colors, self)
        self.done.finished.connect(self.back_to_find)
        self.pages = QStackedWidget(self)
        for page in (self.finder, self.decide, self.done):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.setStyleSheet(returns_style(colors))
        # Edits come in bursts (a stepper tapped three times): ask the policy once after them.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(60)
        self._soon.timeout.connect(self._preview)
        self._offline = False
        if services.sync is not None:
            services.sync.connectivityChanged.connect(self._connectivity)

    # -- the screen's hooks (MainWindow) ------------------------------------------------------

    @property
    def showing(self) -> str:
        """ "find", "decide" or "done"."""
        page = self.pages.currentWidget()
        return "decide" if page is self.decide else "done" if page is self.done else "find"

    def reset(self) -> None:
        """Another staff member signed in: forget the purchase on screen."""
        self._close_dialogs()
        self.finder.clear()
        self.back_to_find()

    def shown(self) -> None:
        if self.showing == "find":
            self.finder.number.setFocus()

    def focus_search(self) -> None:
        self.back_to_find()
        self.finder.number.setFocus()
        self.finder.number.selectAll()

    def primary_action(self) -> None:
        """Ctrl+Enter: find the typed number; confirm the return; after it, the next one."""
        if self.showing == "find":
            self.finder.find_button.click()
        elif self.showing == "decide":
            self.confirm()
        else:
            self.back_to_find()

    def cancel(self) -> None:
        """Esc: close the approval, else back to finding an order."""
        if self._close_dialogs():
            return
        if self.showing == "find":
            self.finder.clear()
            self.banner.hide()
        else:
            self.back_to_find()

    def data_changed(self, entities: frozenset[str]) -> None:
        """The sync engine changed the local store: a purchase being decided is read again,
        and shown afresh if what can be returned changed (another tablet or store took items
        back meanwhile). The done page follows by itself."""
        purchase = self.decide.purchase
        if purchase is None or self.showing != "decide" or not entities & _RELOAD_ON:
            return
        order_id = purchase.order.id
        self.services.bridge.op(read_purchase, self.services.ctx, order_id).read_only().success(
            lambda fresh: self._reread(order_id, fresh)
        ).failure(lambda error: log.info("re-reading the purchase failed: %s", error)).run()

    def _reread(self, order_id: str, fresh: Purchase) -> None:
        current = self.decide.purchase
        if current is None or current.order.id != order_id or self.showing != "decide":
            return
        before = {line.line.id: line.returnable for line in current.lines}
        if all(before.get(line.line.id) == line.returnable for line in fresh.lines):
            # The same units can come back, but the refund may have moved (earlier refunds
            # changed): the policy is asked again and the summary compared with this one.
            shown = self.decide.refund.decision
            asked = self._asked
            self._preview()
            if shown is not None and self._asked != asked:
                self._recheck = (self._asked, shown)
            return
        self.decide.show_purchase(fresh)
        self._say(
            self.tr(
                "This order changed meanwhile (items were returned elsewhere); check the lines "
                "again."
            ),
            "warning",
        )

    # -- finding the purchase -------------------------------------------------------------------

    def show_receipt_scan(self, scan: ReceiptScan) -> None:
        """A receipt's R code: its order."""
        self.open_order(scan.order_id)

    def open_order(self, order_id: str) -> None:
        """Open ``order_id`` (a receipt, the Counter's timeline) for a return."""
        self._find(order_id, None)

    def find_number(self, number: str) -> None:
        """An order number of any channel, typed here or in the scan box."""
        self.finder.number.setText(number)
        self._find(None, number)

    def _find(self, order_id: str | None, number: str | None) -> None:
        wanted = self._wanted = f"id:{order_id}" if order_id else f"number:{number}"
        self._say(self.tr("Looking for the order…"), "info")
        orders = self.services.orders
        # Looking up (the tablet, then central) only reads: a reader. Keeping what central
        # sent is a write: the writer, as every write.
        self.services.bridge.op(
            lambda: look_up_purchase(self.services.ctx, orders, order_id=order_id, number=number)
        ).read_only().success(lambda found: self._looked_up(wanted, found)).failure(
            lambda error: self._not_found(wanted, error)
        ).run()

    def _looked_up(self, wanted: str, found: Purchase | Fetched) -> None:
        if wanted != self._wanted:
            return
        if isinstance(found, Purchase):
            self._found(wanted, found)
            return
        self.services.bridge.op(keep_fetched, self.services.ctx, found).success(
            lambda purchase: self._found(wanted, purchase)
        ).failure(lambda error: self._not_found(wanted, error)).run()

    def _found(self, wanted: str, purchase: Purchase) -> None:
        if wanted != self._wanted:
            return
        self._close_dialogs()
        self.decide.show_purchase(purchase)
        self.pages.setCurrentWidget(self.decide)
        if not purchase.anything_returnable:
            self._say(
                self.tr("Nothing of this order can be returned now; each line says why."),
                "warning",
            )
        elif purchase.source == "central":
            self._say(
                self.tr("Fetched from central and kept on this tablet: it can be returned here."),
                "info",
            )
        else:
            self.banner.hide()
        self.purchaseShown.emit(purchase.order.id)

    def _not_found(self, wanted: str, error: BaseException) -> None:
        if wanted == self._wanted:
            self._say(find_error_text(error), "warning")

    def back_to_find(self) -> None:
        self._wanted = None
        self.outcome = None
        self.banner.hide()
        self.pages.setCurrentWidget(self.finder)
        self.finder.number.setFocus()
        self.finder.number.selectAll()

    # -- deciding -------------------------------------------------------------------------------

    def _changed(self) -> None:
        self._soon.start()

    def _preview(self) -> None:
        purchase = self.decide.purchase
        if purchase is None or self.showing != "decide":
            return
        self._asked += 1
        asked = self._asked
        items = self.decide.items()
        problem = self.decide.problem()
        if not items:
            self.decide.show_decision(None, problem)
            return
        method = self.decide.refund.method
        override = self.decide.override()
        if override is None and any(row.needs_override for row in self.decide.rows):
            # Show what the return would refund once a manager allows it; confirming stays
            # disabled (``problem``) until one has.
            override = ManagerOverride("", "awaiting approval")
        replacement = (
            self.decide.refund.replacement_lines() if method == RefundMethod.EXCHANGE else []
        )
        self.services.bridge.op(
            lambda: preview_return(
                self.services.ctx,
                purchase.order.id,
                items,
                refund_method=method,
                override=override,
                replacement=replacement,
            )
        ).read_only().success(lambda d: self._previewed(asked, d, problem)).failure(
            lambda error: self._preview_failed(asked, error)
        ).run()

    def _previewed(self, asked: int, decision: ReturnDecision, problem: str) -> None:
        if asked != self._asked:
            return
        recheck, self._recheck = self._recheck, None
        if recheck is not None and recheck[0] == asked and _differs(recheck[1], decision):
            self._say(
                self.tr(
                    "This order changed meanwhile (items were returned elsewhere or refunded); "
                    "the summary is shown afresh — check it again."
                ),
                "warning",
            )
        self.decide.refund.set_offline(self._offline)
        refund = self.decide.refund
        if (
            not problem
            and refund.method == RefundMethod.EXCHANGE
            and refund.exchange_order(decision.amount) is None
        ):
            problem = self.tr("Choose the replacement size or colour.")
        self.decide.show_decision(decision, problem)

    def _preview_failed(self, asked: int, error: BaseException) -> None:
        if asked == self._asked:
            self.decide.show_decision(None, self.decide.problem() or error_text(error))

    def ask_override(self, row: ReturnLineRow) -> None:
        """A manager lets an out-of-policy line through with their PIN and a reason."""
        self._close_dialogs()
        line = row.item.line
        what = (
            self.tr("Take back {name} outside the return policy: {verdict}")
            .replace("{name}", line.name)
            .replace("{verdict}", row.verdict.text())
        )
        purchase = self.decide.purchase
        target = f"order:{purchase.order.id}" if purchase else None

        def approved(override: ManagerOverride) -> None:
            self.services.bridge.op(
                _staff_name, self.services, override.manager_id
            ).read_only().success(lambda name: row.set_override(override, name)).failure(
                lambda _e: row.set_override(override)
            ).run()

        dialog = request_override(
            self, self.services, self._gate, what, "return_override", target, approved
        )
        dialog.destroyed.connect(lambda _=None: setattr(self, "override_dialog", None))
        self.override_dialog = dialog

    # -- confirming -----------------------------------------------------------------------------

    def confirm(self) -> None:
        """Ctrl+Enter: one return through the outbox (and an exchange's sale with it)."""
        refund = self.decide.refund
        purchase = self.decide.purchase
        if (
            self._confirming
            or purchase is None
            or refund.decision is None
            or not refund.confirm.isEnabled()
        ):
            return
        items = self.decide.items()
        exchange = None
        if refund.method == RefundMethod.EXCHANGE:
            exchange = refund.exchange_order(refund.decision.amount)
            if exchange is None:
                return
        self._confirming = True
        refund.confirm.setEnabled(False)
        actor = self.services.session.actor()
        self.services.bridge.op(
            lambda: create_return(
                self.services.ctx,
                actor,
                purchase.order.id,
                items,
                refund_method=refund.method,
                override=self.decide.override(),
                exchange=exchange,
            )
        ).success(lambda outcome: self._returned(purchase, outcome)).failure(
            self._confirm_failed
        ).run()

    def _returned(self, purchase: Purchase, outcome: Outcome[Return]) -> None:
        self._confirming = False
        self.outcome = outcome
        ret = outcome.value
        self.done.show_return(
            ret,
            outcome.command.id,
            purchase.order.number or purchase.order.id,
            ret.staff_id,
            {line.line.id: line.line.name for line in purchase.lines},
        )
        self.pages.setCurrentWidget(self.done)
        self.banner.hide()
        self.returned.emit(ret)

    def _confirm_failed(self, error: BaseException) -> None:
        self._confirming = False
        self.decide.refund.confirm.setEnabled(True)
        self._say(error_text(error), "error")
        self._soon.start()

    # -- helpers --------------------------------------------------------------------------------

    def _connectivity(self, state: str, _detail: str) -> None:
        self._offline = state == "offline"

    def _close_dialogs(self) -> bool:
        dialog = self.override_dialog
        self.override_dialog = None
        if dialog is not None and dialog.isVisible():
            dialog.reject()
            return True
        return False

    def _say(self, text: str, level: str) -> None:
        self.banner.say(text, level)
